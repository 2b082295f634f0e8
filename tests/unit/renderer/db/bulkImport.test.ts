import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { generateDemoScenarios } from '../../../../shared/domain/demoData';
import { asRegionCode } from '../../../../shared/regions/regions';
import type { Scenario } from '../../../../shared/domain/scenario';
import { bulkImportScenarios, createScenario, undo } from '../../../../renderer/db/writePath';
import { addScenarioRows, getScenarioRow, registerTables, scenarioRowsWhere } from '../../../../renderer/db/scenarioPages';
import type { AtlasDb } from '../../../../renderer/db/atlasDb';
import { freshDbsPerTest, okValue, makeContext, regions, wuhouInput, YEAR } from './dbTestKit';

const db = freshDbsPerTest();

const value = okValue;

/** How many scenario rows the register holds (deleted ones included). */
const rowCount = async (d: AtlasDb): Promise<number> => (await scenarioRowsWhere(d)).length;

function importRows(count: number, seed = 7): Scenario[] {
  return generateDemoScenarios(count, regions, { seed, year: YEAR, ownerUnitCode: asRegionCode('510107') }).map((row) => ({ ...row, isDemo: false }));
}

describe('bulkImportScenarios', () => {
  it('writes every row and one change record each, under one batchId; undo of the batch soft-deletes them all', async () => {
    const d = db();
    const ctx = makeContext(d);
    const rows = importRows(25);
    const result = value(await bulkImportScenarios(ctx, rows, { batchId: 'import-1', catalogNumbers: 'keep' }));
    expect(result).toEqual({ batchId: 'import-1', count: 25 });
    const changes = await d.changes.where('batchId').equals('import-1').toArray();
    expect(changes).toHaveLength(25);
    expect(new Set(changes.map((c) => c.hlc)).size).toBe(25);
    expect(changes.every((c) => c.op === 'import' && c.changes['id']?.old === null)).toBe(true);
    const undone = value(await undo(ctx, { batchId: 'import-1' }));
    expect(undone.changes).toHaveLength(25);
    expect(undone.scenarios.every((s) => s.deletedAt === ctx.clock.t)).toBe(true);
    expect((await scenarioRowsWhere(d, (row) => row.deletedFlag === 1)).length).toBe(25);
  });

  it('keeping numbers reserves them: a later create in the same region gets a higher one', async () => {
    const d = db();
    const ctx = makeContext(d);
    const rows = importRows(1).map((row) => ({ ...row, regionCode: asRegionCode('510107'), openingLevel: 'county' as const, catalogNumber: `510107-${YEAR}-0007`, location: { lng: 104.023, lat: 30.6028 } }));
    value(await bulkImportScenarios(ctx, rows, { batchId: 'b', catalogNumbers: 'keep' }));
    expect(value(await createScenario(ctx, wuhouInput())).scenario.catalogNumber).toBe(`510107-${YEAR}-0008`);
  });

  it('allocating numbers avoids those already used', async () => {
    const d = db();
    const ctx = makeContext(d);
    const first = value(await createScenario(ctx, wuhouInput())).scenario;
    const rows = importRows(1).map((row) => ({ ...row, regionCode: asRegionCode('510107'), openingLevel: 'county' as const, catalogNumber: first.catalogNumber, location: { lng: 104.023, lat: 30.6028 } }));
    value(await bulkImportScenarios(ctx, rows, { batchId: 'b', catalogNumbers: 'allocate' }));
    expect((await getScenarioRow(d, rows[0]?.id ?? ''))?.catalogNumber).toBe(`510107-${YEAR}-0002`);
  });

  const badRows: readonly [string, (rows: Scenario[]) => Scenario[], string][] = [
    ['an invalid row', (rows) => rows.map((r, i) => (i === 3 ? { ...r, title: '' } : r)), 'invalid-rows'],
    ['a row with a bad id', (rows) => rows.map((r, i) => (i === 1 ? { ...r, id: 'x' as Scenario['id'] } : r)), 'invalid-rows'],
    ['a repeated id', (rows) => [...rows, rows[0] as Scenario], 'duplicate-id'],
    ['a repeated catalog number', (rows) => rows.map((r, i) => (i === 2 ? { ...r, catalogNumber: rows[0]?.catalogNumber ?? '' } : r)), 'duplicate-catalog-number'],
  ];
  it.each(badRows)('refuses the whole import for %s, writing nothing', async (_name, spoil, code) => {
    const d = db();
    const ctx = makeContext(d);
    const result = await bulkImportScenarios(ctx, spoil(importRows(6)), { batchId: 'bad', catalogNumbers: 'keep' });
    expect(result).toMatchObject({ ok: false, error: code });
    if (!result.ok && result.error === 'invalid-rows') expect(result.rows[0]?.index).toBeGreaterThanOrEqual(1);
    expect(await rowCount(d)).toBe(0);
    expect(await d.changes.count()).toBe(0);
    expect(await d.meta.count()).toBe(0);
  });

  it('refuses rows that already exist', async () => {
    const d = db();
    const ctx = makeContext(d);
    const rows = importRows(3);
    value(await bulkImportScenarios(ctx, rows, { batchId: 'a', catalogNumbers: 'keep' }));
    const again = await bulkImportScenarios(ctx, rows, { batchId: 'b', catalogNumbers: 'allocate' });
    expect(again).toMatchObject({ ok: false, error: 'duplicate-id' });
    expect(await rowCount(d)).toBe(3);
  });

  it('a failure mid-way (a number taken behind the sequences\' back) leaves both tables unchanged', async () => {
    const d = db();
    const ctx = makeContext(d);
    const row = importRows(1)[0] as Scenario;
    // Written around the write path: holds the number the allocator will hand out next.
    const held = { ...row, id: '00000000-0000-4000-8000-0000000000aa' as Scenario['id'], regionCode: asRegionCode('510107'), catalogNumber: `510107-${YEAR}-0001`, deletedFlag: 0 as const, demoFlag: 0 as const, searchText: '' };
    await d.transaction('rw', registerTables(d), async () => {
      await addScenarioRows(d, [held]);
    });
    // The row's write keeps the register's counts in `meta`; the import must add nothing to it.
    const metaBefore = await d.meta.toArray();
    const rows = importRows(5, 99).map((r) => ({ ...r, regionCode: asRegionCode('510107'), openingLevel: 'county' as const, location: { lng: 104.023, lat: 30.6028 } }));
    const result = await bulkImportScenarios(ctx, rows, { batchId: 'c', catalogNumbers: 'allocate' });
    expect(result).toMatchObject({ ok: false, error: 'duplicate-catalog-number' });
    if (!result.ok) expect(result.message).toContain('已有数据完好');
    expect(await rowCount(d)).toBe(1);
    expect(await d.changes.count()).toBe(0);
    expect(await d.meta.toArray()).toEqual(metaBefore);
  });
});
