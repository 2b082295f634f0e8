import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, MAX_APP_URL_LENGTH } from '../../../../electron/policy/appUrl';
import {
  EMPTY_FILTER,
  filterFromSearchParams,
  filterToSearchParams,
  filterToQueryString,
  type ScenarioFilter,
} from '../../../../shared/domain/scenarioFilter';
import {
  APPLICATION_FIELDS,
  OPENING_LEVELS,
  SCENARIO_STATUSES,
  TECH_DIRECTIONS,
  keysOf,
} from '../../../../shared/domain/vocabulary';
import { asRegionCode } from '../../../../shared/regions/regions';
import {
  FILTER_URL_KEYS,
  MAX_SEARCH_INPUT_LENGTH,
  isFilterEmpty,
  isTextOnlyChange,
  searchWithFilter,
} from '../../../../renderer/features/register/filterUrl';
import {
  checkViewName,
  filterOfView,
  findViewOfFilter,
} from '../../../../renderer/features/register/filterViews';
import { createRegionSearchFilter } from '../../../../renderer/features/register/filterRegionSearch';

const FULL: ScenarioFilter = {
  fields: keysOf(APPLICATION_FIELDS),
  techDirections: keysOf(TECH_DIRECTIONS),
  openingLevels: keysOf(OPENING_LEVELS),
  statuses: keysOf(SCENARIO_STATUSES),
  regionCode: asRegionCode('510107'),
  openFrom: '2026-01-01',
  openUntil: '2026-12-31',
  text: '脑'.repeat(MAX_SEARCH_INPUT_LENGTH),
  openForPartners: true,
};
const regions = { has: (code: string) => ['510000', '510100', '510107'].includes(code) };

describe('searchWithFilter', () => {
  it('owns exactly the parameters the shared filter writes', () => {
    expect(Object.keys(filterToSearchParams(FULL)).sort()).toEqual([...FILTER_URL_KEYS].sort());
  });

  it('writes the filter and reads back the same filter', () => {
    const filter: ScenarioFilter = {
      ...EMPTY_FILTER,
      fields: ['medical'],
      regionCode: asRegionCode('510100'),
      text: '脑机 康复',
    };
    const search = searchWithFilter('', filter);
    expect(search.startsWith('?')).toBe(true);
    expect(filterFromSearchParams(search, regions)).toEqual(filter);
  });

  it('keeps parameters it does not own, replaces its own, and drops all of its own for an empty filter', () => {
    expect(searchWithFilter('?id=abc&field=industrial&q=old', { ...EMPTY_FILTER, fields: ['medical'] })).toBe(
      '?id=abc&field=medical',
    );
    expect(searchWithFilter('?id=abc&q=x', EMPTY_FILTER)).toBe('?id=abc');
    expect(searchWithFilter('?q=x&status=open', EMPTY_FILTER)).toBe('');
    expect(searchWithFilter('', EMPTY_FILTER)).toBe('');
  });

  it.each([
    ['%E4%B8', '?%E4%B8'],
    ['?&&&', ''],
    ['?%zz=1&q=%', '?%zz=1'],
    ['?q', ''],
  ])('survives a hostile query %j', (search, expected) => {
    expect(searchWithFilter(search, EMPTY_FILTER)).toBe(expected);
  });

  it('the largest filter the bar can produce fits the app URL limit (a reload must not be refused)', () => {
    const url = `${APP_ENTRY_URL}${searchWithFilter('', FULL)}`;
    expect(url.length).toBeLessThanOrEqual(MAX_APP_URL_LENGTH);
  });
});

describe('isTextOnlyChange / isFilterEmpty', () => {
  it('tells a text edit (replace the history entry) from a facet change (add one)', () => {
    const base: ScenarioFilter = { ...EMPTY_FILTER, fields: ['medical', 'eldercare'], text: '脑' };
    expect(isTextOnlyChange(base, { ...base, text: '脑机' })).toBe(true);
    expect(isTextOnlyChange(base, { ...base, fields: ['eldercare', 'medical'] })).toBe(true);
    expect(isTextOnlyChange(base, { ...base, fields: ['medical'] })).toBe(false);
    expect(isTextOnlyChange(base, { ...base, regionCode: asRegionCode('510100') })).toBe(false);
    expect(isTextOnlyChange(base, { ...base, openUntil: '2026-01-01' })).toBe(false);
  });

  it('an empty filter is one that writes nothing to the URL', () => {
    expect(isFilterEmpty(EMPTY_FILTER)).toBe(true);
    expect(isFilterEmpty({ ...EMPTY_FILTER, text: '  ' })).toBe(true);
    expect(isFilterEmpty({ ...EMPTY_FILTER, statuses: ['open'] })).toBe(false);
  });
});

describe('saved view helpers', () => {
  const views = [
    {
      id: '1',
      name: '成都 医疗',
      query: filterToQueryString({ ...EMPTY_FILTER, fields: ['medical'] }),
      createdAt: 1,
    },
  ];

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['成都 医疗', 'duplicate'],
    [' 成都  医疗 ', 'duplicate'],
    ['x'.repeat(41), 'tooLong'],
  ])('checkViewName(%j) → %s', (name, error) => {
    expect(checkViewName(name, views)).toEqual({ ok: false, error });
  });

  it('compares names ignoring case and full/half width', () => {
    expect(checkViewName('ＡＢ', [{ name: 'ab' }])).toEqual({ ok: false, error: 'duplicate' });
  });

  it('accepts a new name, trimmed', () => {
    expect(checkViewName('  凉山 养老  ', views)).toEqual({ ok: true, name: '凉山 养老' });
  });

  it('finds the view showing the current filter and reads a stored (possibly stale) query safely', () => {
    expect(findViewOfFilter(views, { ...EMPTY_FILTER, fields: ['medical'] })?.id).toBe('1');
    expect(findViewOfFilter(views, EMPTY_FILTER)).toBeUndefined();
    expect(filterOfView({ query: 'field=medical,nonsense&region=999999&q=%E4%B8' }, regions)).toEqual({
      ...EMPTY_FILTER,
      fields: ['medical'],
    });
  });
});

describe('createRegionSearchFilter', () => {
  it('asks the region index once per typed text and matches the last step of a path', () => {
    let calls = 0;
    const match = createRegionSearchFilter({
      search: (query: string) => {
        calls += 1;
        return query === '武侯' ? ([{ code: '510107' }] as never) : [];
      },
    });
    expect(match('武侯', [{ value: '510000' }, { value: '510100' }, { value: '510107' }])).toBe(true);
    expect(match('武侯', [{ value: '510000' }, { value: '510100' }])).toBe(false);
    expect(match('武侯', [])).toBe(false);
    expect(calls).toBe(1);
  });
});
