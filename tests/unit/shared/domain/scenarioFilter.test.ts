import { describe, expect, it } from 'vitest';
import {
  EMPTY_FILTER,
  buildSearchText,
  compileFilter,
  filterFromSearchParams,
  filterToQueryString,
  filterToSearchParams,
  matchesFilter,
  type FilterableScenario,
  type ScenarioFilter,
} from '../../../../shared/domain/scenarioFilter';
import { asRegionCode } from '../../../../shared/regions/regions';
import { fakeRegions } from './regionsFixture';

const regions = fakeRegions();

function scenario(overrides: Partial<FilterableScenario> = {}): FilterableScenario {
  return {
    title: '非侵入式脑机接口康复训练',
    ownerUnit: '四川大学华西医院',
    description: '神经内科病房开放试点',
    requirements: '寻求ＡＲ智能眼镜方案',
    catalogNumber: '510107-2026-0001',
    address: '成都市武侯区国学巷37号',
    field: 'medical',
    techDirections: ['non_invasive_bci', 'neural_sensing'],
    openingLevel: 'county',
    status: 'open',
    regionCode: asRegionCode('510107'),
    openFrom: '2026-01-01',
    openUntil: '2026-12-31',
    ...overrides,
  };
}

const filter = (overrides: Partial<ScenarioFilter>): ScenarioFilter => ({ ...EMPTY_FILTER, ...overrides });

describe('URL parameters', () => {
  const full: ScenarioFilter = {
    fields: ['medical', 'eldercare'],
    techDirections: ['non_invasive_bci'],
    openingLevels: ['county'],
    statuses: ['open', 'matched'],
    regionCode: asRegionCode('510100'),
    openFrom: '2026-01-01',
    openUntil: '2026-06-30',
    text: '脑机 康复',
  };

  it('round-trips a filter through a record and a query string', () => {
    expect(filterFromSearchParams(filterToSearchParams(full), regions)).toEqual(full);
    expect(filterFromSearchParams(filterToQueryString(full), regions)).toEqual(full);
    expect(filterFromSearchParams(`?${filterToQueryString(full)}`, regions)).toEqual(full);
  });

  it('writes short, canonical parameters and leaves empty parts out', () => {
    expect(filterToSearchParams(filter({ fields: ['eldercare', 'medical', 'medical'], text: '  ' }))).toEqual({ field: 'medical,eldercare' });
    expect(filterToSearchParams(EMPTY_FILTER)).toEqual({});
  });

  it('reads pairs such as URLSearchParams, with repeated keys', () => {
    const pairs: [string, string][] = [['field', 'medical'], ['field', 'industrial'], ['status', 'open']];
    expect(filterFromSearchParams(pairs)).toEqual(filter({ fields: ['medical', 'industrial'], statuses: ['open'] }));
  });

  it.each([
    ['unknown keys', 'foo=bar&__proto__=x&constructor=y', EMPTY_FILTER],
    ['unknown enum values', 'field=medical,mining,MEDICAL&status=deleted&level=national&tech=telepathy', filter({ fields: ['medical'] })],
    ['an unknown region', 'region=510199', EMPTY_FILTER],
    ['a malformed region', 'region=5101%00', EMPTY_FILTER],
    ['an impossible date', 'from=2026-02-30&until=next-week', EMPTY_FILTER],
    ['a broken escape', 'q=%E4%B8&field=medical', filter({ fields: ['medical'] })],
    ['control characters in the text', 'q=%E8%84%91%00%0A%E6%9C%BA', filter({ text: '脑  机' })],
    ['an over-long text', `q=${'a'.repeat(500)}`, filter({ text: 'a'.repeat(200) })],
    ['an empty string', '', EMPTY_FILTER],
    ['a huge string', 'field=medical&'.repeat(2000), EMPTY_FILTER],
  ])('drops %s', (_label, query, expected) => {
    expect(filterFromSearchParams(query, regions)).toEqual(expected);
  });

  it('survives hostile objects', () => {
    const hostile = JSON.parse('{"__proto__": {"field": "medical"}, "field": ["medical"], "status": 42, "q": "脑机"}') as Record<string, unknown>;
    expect(filterFromSearchParams(hostile, regions)).toEqual(filter({ text: '脑机' }));
    expect(({} as Record<string, unknown>)['field']).toBeUndefined();
  });
});

describe('matching', () => {
  it('finds Chinese text without word breaks, across fields, all terms together', () => {
    const s = scenario();
    const text = buildSearchText(s as Parameters<typeof buildSearchText>[0]);
    for (const [query, expected] of [
      ['脑机', true],
      ['脑机 华西', true],
      ['脑机 养老', false],
      ['ar智能眼镜', true],
      ['ＡＲ', true],
      ['Ar', true],
      ['2026-0001', true],
      ['武侯区', true],
      ['   ', true],
      ['接口康复　训练', true],
      ['训练四川', false],
    ] as const) {
      const predicate = compileFilter(filter({ text: query }), regions);
      expect(predicate(s, text), query).toBe(expected);
      expect(predicate(s), `${query} (no precomputed text)`).toBe(expected);
    }
  });

  it('matches a region and everything under it', () => {
    const wuhou = scenario();
    const city = scenario({ regionCode: asRegionCode('510100'), openingLevel: 'city' });
    const province = scenario({ regionCode: asRegionCode('510000'), openingLevel: 'province' });
    const leshan = scenario({ regionCode: asRegionCode('511181') });
    const byRegion = (code: string) => [wuhou, city, province, leshan].map((s) => matchesFilter(s, filter({ regionCode: asRegionCode(code) }), regions));
    expect(byRegion('510000')).toEqual([true, true, true, true]);
    expect(byRegion('510100')).toEqual([true, true, false, false]);
    expect(byRegion('510107')).toEqual([true, false, false, false]);
    expect(byRegion('510104')).toEqual([false, false, false, false]);
  });

  it('ANDs the parts and ORs the values of a list', () => {
    const s = scenario();
    expect(matchesFilter(s, filter({ fields: ['medical', 'eldercare'] }), regions)).toBe(true);
    expect(matchesFilter(s, filter({ fields: ['eldercare'] }), regions)).toBe(false);
    expect(matchesFilter(s, filter({ techDirections: ['digital_twin', 'neural_sensing'] }), regions)).toBe(true);
    expect(matchesFilter(s, filter({ techDirections: ['digital_twin'] }), regions)).toBe(false);
    expect(matchesFilter(s, filter({ statuses: ['open'], openingLevels: ['city'] }), regions)).toBe(false);
    expect(matchesFilter(s, filter({ statuses: ['open'], openingLevels: ['county'], fields: ['medical'], text: '脑机' }), regions)).toBe(true);
  });

  it.each([
    [{ openFrom: '2026-06-01' }, true],
    [{ openFrom: '2027-01-01' }, false],
    [{ openUntil: '2025-12-31' }, false],
    [{ openUntil: '2026-01-01' }, true],
    [{ openFrom: '2025-01-01', openUntil: '2025-12-31' }, false],
    [{ openFrom: '2026-12-31', openUntil: '2030-01-01' }, true],
  ])('matches open periods overlapping %j → %s', (window, expected) => {
    expect(matchesFilter(scenario(), filter(window), regions)).toBe(expected);
  });

  it('treats missing period ends as open', () => {
    const openEnded = scenario({ openFrom: null, openUntil: null });
    expect(matchesFilter(openEnded, filter({ openFrom: '2099-01-01' }), regions)).toBe(true);
    expect(matchesFilter(openEnded, filter({ openUntil: '1999-01-01' }), regions)).toBe(true);
  });
});
