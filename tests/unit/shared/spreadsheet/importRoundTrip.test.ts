import { describe, expect, it } from 'vitest';
import { generateDemoScenarios } from '../../../../shared/domain/demoData';
import type { Scenario } from '../../../../shared/domain/scenario';
import { asRegionCode } from '../../../../shared/regions/regions';
import { readImportFile } from '../../../../shared/spreadsheet/importFile';
import { planImport, type ImportContext } from '../../../../shared/spreadsheet/scenarioImport';
import { writeScenarioCsv, writeScenarioXlsx } from '../../../../shared/spreadsheet/scenarioWorkbook';
import { exportScenarios, realRegions } from './exportFixture';

const regions = realRegions();
const PROVINCE = asRegionCode('510000');

function context(overrides: Partial<ImportContext> = {}): ImportContext {
  let n = 0;
  return {
    regions,
    unitCode: PROVINCE,
    existingByNumber: new Map(),
    existingIds: new Set(),
    now: Date.UTC(2026, 5, 1),
    newId: () => `00000000-0000-4000-8000-${(n += 1).toString(16).padStart(12, '0')}`,
    ...overrides,
  };
}

/** Demo rows owned by the province (so one unit may import them all), with hostile titles mixed in. */
function provinceRows(count: number): Scenario[] {
  return exportScenarios(regions, count)
    .map((row) => ({ ...row, ownerUnitCode: PROVINCE }))
    // XML cannot carry control characters or lone surrogates: those titles are cleaned on export by design.
    // eslint-disable-next-line no-control-regex -- the control characters are what is filtered out
    .filter((row) => !/[\u0001\u001F\uFFFE\uD800]/.test(row.title))
    // The form trims texts (textSchemas.ts), so a stored title never has spaces at its ends.
    .filter((row) => row.title === row.title.trim() && row.description === row.description.trim());
}

describe('export → import gives the same records', () => {
  it('XLSX (shared strings): every field of every record comes back', () => {
    const rows = provinceRows(300);
    const bytes = writeScenarioXlsx(rows, regions);
    const grid = readImportFile('场景目录.xlsx', bytes);
    if (!grid.ok) throw new Error(grid.message);
    expect(grid.value.sheetName).toBe('场景目录');
    const plan = planImport(grid.value, context());
    if (!plan.ok) throw new Error(plan.message);
    const invalid = plan.value.rows.filter((row) => row.action === 'invalid');
    expect(invalid.map((row) => [row.rowNumber, row.errors.map((e) => `${e.column}: ${e.zh}`)])).toEqual([]);
    expect(plan.value.counts).toEqual({ new: rows.length, existing: 0, skip: 0, invalid: 0 });
    expect(plan.value.unknownColumns).toEqual([]);
    expect(plan.value.rows.map((row) => row.record)).toEqual(rows);
  });

  it('XLSX with inline strings reads the same', () => {
    const rows = provinceRows(40);
    const grid = readImportFile('a.xlsx', writeScenarioXlsx(rows, regions, { strings: 'inline' }));
    if (!grid.ok) throw new Error(grid.message);
    const plan = planImport(grid.value, context());
    if (!plan.ok) throw new Error(plan.message);
    expect(plan.value.rows.map((row) => row.record)).toEqual(rows);
  });

  it('CSV (UTF-8 with BOM): every field except the milliseconds of the record times', () => {
    const rows = provinceRows(120);
    const grid = readImportFile('a.csv', writeScenarioCsv(rows, regions));
    if (!grid.ok) throw new Error(grid.message);
    expect(grid.value.encoding).toBe('utf-8');
    const plan = planImport(grid.value, context());
    if (!plan.ok) throw new Error(plan.message);
    expect(plan.value.counts.invalid).toBe(0);
    const secondOf = (ms: number) => Math.floor(ms / 1000);
    expect(plan.value.rows.map((row) => row.record && { ...row.record, createdAt: secondOf(row.record.createdAt), updatedAt: secondOf(row.record.updatedAt) })).toEqual(
      rows.map((row) => ({ ...row, createdAt: secondOf(row.createdAt), updatedAt: secondOf(row.updatedAt) })),
    );
  });

  it('English headers are matched too', () => {
    const rows = provinceRows(10);
    const grid = readImportFile('a.xlsx', writeScenarioXlsx(rows, regions, { language: 'en' }));
    if (!grid.ok) throw new Error(grid.message);
    const plan = planImport(grid.value, context());
    if (!plan.ok) throw new Error(plan.message);
    expect(plan.value.rows.map((row) => row.record)).toEqual(rows);
  });

  it('rows whose catalog number exists become updates of this unit, skips of another unit', () => {
    const rows = generateDemoScenarios(6, regions, { seed: 3, year: 2026, ownerUnitCode: PROVINCE });
    const grid = readImportFile('a.xlsx', writeScenarioXlsx(rows, regions));
    if (!grid.ok) throw new Error(grid.message);
    const existing = new Map(
      rows.slice(0, 3).map((row, i) => [row.catalogNumber, { id: row.id, catalogNumber: row.catalogNumber, ownerUnitCode: i === 2 ? '510100' : PROVINCE, version: 4, isDeleted: false }]),
    );
    const plan = planImport(grid.value, context({ existingByNumber: existing, existingIds: new Set(rows.slice(0, 3).map((row) => row.id)) }));
    if (!plan.ok) throw new Error(plan.message);
    expect(plan.value.counts).toEqual({ new: 3, existing: 2, skip: 1, invalid: 0 });
    expect(plan.value.rows[0]?.update).toMatchObject({ id: rows[0]?.id, expectedVersion: 4, input: { title: rows[0]?.title } });
    expect(plan.value.rows[2]?.warnings[0]?.zh).toMatch(/本单位不能修改，跳过此行/);
  });
});
