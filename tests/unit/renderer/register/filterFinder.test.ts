import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDemoScenarios } from '../../../../shared/domain/demoData';
import type { Scenario } from '../../../../shared/domain/scenario';
import { EMPTY_FILTER, type ScenarioFilter } from '../../../../shared/domain/scenarioFilter';
import {
  asRegionCode,
  createRegionIndex,
  parseRegionAsset,
  type RegionIndex,
} from '../../../../shared/regions/regions';
import { createScenarioFinder } from '../../../../renderer/features/register/useFilteredScenarios';

const ASSET = fileURLToPath(new URL('../../../../assets/regions/sichuan-regions.json', import.meta.url));

function loadRegions(): RegionIndex {
  const parsed = parseRegionAsset(JSON.parse(readFileSync(ASSET, 'utf8')));
  if (!parsed.ok) throw new Error(`[test] region asset invalid: ${parsed.message}`);
  return createRegionIndex(parsed.value);
}

const filter = (part: Partial<ScenarioFilter>): ScenarioFilter => ({ ...EMPTY_FILTER, ...part });

describe('createScenarioFinder', () => {
  let regions: RegionIndex;
  let records: Scenario[];
  const CHENGDU = asRegionCode('510100');
  const WUHOU = asRegionCode('510107');

  beforeAll(() => {
    regions = loadRegions();
    records = generateDemoScenarios(3000, regions, { seed: 7, year: 2026 });
    // Two soft-deleted records, one of them a sure text hit.
    records[0] = { ...(records[0] as Scenario), title: '非侵入式脑机接口康复训练（已删除）', deletedAt: 1 };
    records[1] = { ...(records[1] as Scenario), deletedAt: 2 };
  });

  it('drops soft-deleted records and returns the live list for an empty filter, the same array each time', () => {
    const find = createScenarioFinder(records, regions);
    expect(find.total).toBe(records.length - 2);
    const all = find(EMPTY_FILTER);
    expect(all).toHaveLength(records.length - 2);
    expect(all.every((s) => s.deletedAt === null)).toBe(true);
    expect(find(filter({ text: '   ' }))).toBe(all);
  });

  it('"脑机" finds titles containing 非侵入式脑机接口 (Chinese without word breaks)', () => {
    const find = createScenarioFinder(records, regions);
    const hits = find(filter({ text: '脑机' }));
    const bciTitles = records.filter((s) => s.deletedAt === null && s.title.includes('非侵入式脑机接口'));
    expect(bciTitles.length).toBeGreaterThan(0);
    for (const scenario of bciTitles) expect(hits).toContain(scenario);
    expect(hits.some((s) => s.deletedAt !== null)).toBe(false);
    for (const scenario of hits) expect(JSON.stringify(scenario)).toContain('脑机');
  });

  it('folds full-width and case: "ＡＲ" finds AR智能眼镜 scenarios', () => {
    const find = createScenarioFinder(records, regions);
    const expected = records.filter(
      (s) =>
        s.deletedAt === null &&
        /ar/i.test(`${s.title}${s.ownerUnit}${s.catalogNumber}${s.address}${s.description}${s.requirements}`),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(find(filter({ text: 'ＡＲ' }))).toEqual(expected);
  });

  it('a region includes its descendants: 成都市 finds the city-level records and those of 武侯区', () => {
    const find = createScenarioFinder(records, regions);
    const chengdu = find(filter({ regionCode: CHENGDU }));
    const codes = new Set(chengdu.map((s) => s.regionCode));
    expect(codes.has(CHENGDU) || codes.has(WUHOU)).toBe(true);
    expect([...codes].every((code) => code === CHENGDU || regions.get(code)?.parent === CHENGDU)).toBe(true);
    const expected = records.filter(
      (s) =>
        s.deletedAt === null && (s.regionCode === CHENGDU || regions.get(s.regionCode)?.parent === CHENGDU),
    );
    expect(chengdu).toEqual(expected);
    expect(find(filter({ regionCode: asRegionCode('510000') }))).toHaveLength(find.total);
  });

  it('field + region + text combine (all must match)', () => {
    const find = createScenarioFinder(records, regions);
    const combined = find(filter({ fields: ['medical'], regionCode: CHENGDU, text: '脑机' }));
    const expected = records.filter(
      (s) =>
        s.deletedAt === null &&
        s.field === 'medical' &&
        (s.regionCode === CHENGDU || regions.get(s.regionCode)?.parent === CHENGDU) &&
        [s.title, s.ownerUnit, s.catalogNumber, s.address, s.description, s.requirements].some((text) =>
          text.includes('脑机'),
        ),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(combined).toEqual(expected);
  });

  it('status, level, direction and open period filters narrow; a text that matches nothing finds nothing', () => {
    const find = createScenarioFinder(records, regions);
    const open = find(
      filter({ statuses: ['open'], openingLevels: ['county'], techDirections: ['ar_glasses'] }),
    );
    expect(open.length).toBeGreaterThan(0);
    expect(
      open.every(
        (s) => s.status === 'open' && s.openingLevel === 'county' && s.techDirections.includes('ar_glasses'),
      ),
    ).toBe(true);
    const window = find(filter({ openFrom: '2026-06-01', openUntil: '2026-06-30' }));
    expect(
      window.every(
        (s) =>
          (s.openUntil === null || s.openUntil >= '2026-06-01') &&
          (s.openFrom === null || s.openFrom <= '2026-06-30'),
      ),
    ).toBe(true);
    expect(find(filter({ text: '绝不会出现的词语' }))).toEqual([]);
  });

  it('prepareSearch builds the search texts in slices, and a search before it finishes still sees every record', () => {
    const find = createScenarioFinder(records, regions);
    expect(find.prepareSearch(0)).toBe(false);
    const all = find(filter({ text: records[5]?.catalogNumber ?? '' }));
    expect(all).toEqual([records[5]]);
    expect(find.prepareSearch(0)).toBe(true);
  });

  it('100,000 records: prints the filter timings (no assertion on time)', () => {
    const many = generateDemoScenarios(100_000, regions, { seed: 11, year: 2026 });
    let start = performance.now();
    const find = createScenarioFinder(many, regions);
    const buildMs = performance.now() - start;
    start = performance.now();
    find.prepareSearch();
    const prepareMs = performance.now() - start;
    const cases: [string, ScenarioFilter][] = [
      ['empty', EMPTY_FILTER],
      ['text 脑机', filter({ text: '脑机' })],
      ['text 康复 训练', filter({ text: '康复 训练' })],
      ['medical + 成都 + 脑机', filter({ fields: ['medical'], regionCode: CHENGDU, text: '脑机' })],
      ['status open + level county', filter({ statuses: ['open'], openingLevels: ['county'] })],
      [
        'tech ar_glasses + period',
        filter({ techDirections: ['ar_glasses'], openFrom: '2026-03-01', openUntil: '2026-09-30' }),
      ],
    ];
    const lines = [`build ${buildMs.toFixed(1)} ms, search texts ${prepareMs.toFixed(1)} ms`];
    for (const [name, f] of cases) {
      const times: number[] = [];
      let count = 0;
      for (let run = 0; run < 7; run += 1) {
        const t0 = performance.now();
        count = find(f).length;
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      lines.push(
        `${name}: ${count} rows, median ${(times[3] as number).toFixed(1)} ms, max ${(times[6] as number).toFixed(1)} ms`,
      );
    }
    console.log(`[filter 100k]\n  ${lines.join('\n  ')}`);
    expect(find(filter({ text: '脑机' })).length).toBeGreaterThan(0);
  }, 60_000);
});
