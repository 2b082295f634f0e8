import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../../../shared/domain/scenario';
import { SCENARIO_FIELD_LABELS } from '../../../../shared/domain/vocabulary';
import { findScenarioColumn, SCENARIO_COLUMNS, scenarioStats, STATS_COLUMNS } from '../../../../shared/spreadsheet/scenarioColumns';
import { exportScenarios, realRegions } from './exportFixture';

const regions = realRegions();
const rows = exportScenarios(regions);

describe('SCENARIO_COLUMNS', () => {
  it('carries every Scenario field but deletedAt, under its DOMAIN label', () => {
    const fields = new Set(SCENARIO_COLUMNS.map((column) => column.field));
    for (const field of Object.keys(SCENARIO_FIELD_LABELS) as (keyof Scenario)[]) {
      if (field === 'deletedAt') expect(fields.has(field)).toBe(false);
      else expect(fields.has(field), field).toBe(true);
    }
    for (const column of SCENARIO_COLUMNS) {
      if (column.field && column.field !== 'location' && column.field !== 'regionCode') expect(column.zh).toBe(SCENARIO_FIELD_LABELS[column.field].zh);
    }
  });

  it('has unique keys and headers in both languages', () => {
    for (const prop of ['key', 'zh', 'en'] as const) {
      const values = SCENARIO_COLUMNS.map((column) => column[prop]);
      expect(new Set(values).size).toBe(values.length);
    }
  });

  it.each([
    ['场景名称', 'title'],
    ['Title', 'title'],
    ['  title ', 'title'],
    ['市(州)', 'cityName'],
    ['县（市、区）', 'countyName'],
    ['开放期限（起）', 'openFrom'],
    ['Open until', 'openUntil'],
    ['纬度', 'lat'],
    ['所属地区代码', 'regionCode'],
  ])('finds the column of header %j', (header, key) => {
    expect(findScenarioColumn(header)?.key).toBe(key);
  });

  it.each(['__proto__', 'constructor', 'toString', '', '未知列'])('finds nothing for %j', (header) => {
    expect(findScenarioColumn(header)).toBeUndefined();
  });

  it('writes region names for each level, enum labels and joined directions', () => {
    const cell = (row: Scenario, key: string) => SCENARIO_COLUMNS.find((column) => column.key === key)!.toCell(row, regions);
    const county = rows.find((row) => row.openingLevel === 'county' && row.techDirections.length > 1)!;
    const city = rows.find((row) => row.openingLevel === 'city')!;
    expect([cell(county, 'provinceName'), cell(county, 'cityName'), cell(county, 'countyName')]).toEqual([
      '四川省',
      regions.get(regions.get(county.regionCode)!.parent!)!.name,
      regions.get(county.regionCode)!.name,
    ]);
    expect([cell(city, 'provinceName'), cell(city, 'cityName'), cell(city, 'countyName')]).toEqual(['四川省', regions.get(city.regionCode)!.name, null]);
    expect(cell(county, 'techDirections')).toContain('、');
    expect(cell({ ...county, status: 'open' }, 'status')).toBe('已开放');
    expect(cell({ ...county, isPlaced: false }, 'isPlaced')).toBe('否');
    expect(cell({ ...county, field: 'scenic_site' }, 'field')).toBe('自然景观（景区）');
  });
});

describe('scenarioStats', () => {
  const stats = scenarioStats(rows, regions);

  it('rolls counts up to the province and keeps every total consistent', () => {
    const province = stats.filter((row) => row.regionCode === regions.province.code);
    expect(province.reduce((sum, row) => sum + row.total, 0)).toBe(rows.length);
    for (const row of stats) {
      expect(row.byStatus).toHaveLength(STATS_COLUMNS.length - 5);
      expect(row.byStatus.reduce((a, b) => a + b, 0)).toBe(row.total);
      expect(row.total).toBeGreaterThan(0);
    }
    const cities = stats.filter((row) => row.regionLevel === 'city');
    expect(cities.reduce((sum, row) => sum + row.total, 0)).toBe(rows.filter((row) => row.openingLevel !== 'province').length);
  });

  it('lists the province first, then each city followed by its counties', () => {
    expect(stats[0]!.regionLevel).toBe('province');
    let currentCity = '';
    const firstBelow = stats.findIndex((row) => row.regionLevel !== 'province');
    expect(stats.slice(firstBelow).some((row) => row.regionLevel === 'province')).toBe(false);
    for (const row of stats.slice(firstBelow)) {
      if (row.regionLevel === 'city') currentCity = row.regionCode;
      else expect(regions.get(row.regionCode)!.parent).toBe(currentCity);
    }
  });
});
