import { describe, expect, it } from 'vitest';
import { asScenarioId } from '../../../../shared/domain/scenario';
import type { ScenarioStatus } from '../../../../shared/domain/vocabulary';
import {
  EMPTY_FILTER,
  compileFilter,
  filterFromSearchParams,
  filterToQueryString,
  type FilterableScenario,
} from '../../../../shared/domain/scenarioFilter';
import { isFilterEmpty, isTextOnlyChange, searchWithFilter } from '../../../../renderer/features/register/filterUrl';
import { fakeRegions } from './regionsFixture';

const regions = fakeRegions();
const ID = asScenarioId('aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa');
function scenario(status: ScenarioStatus, partnerSlots: number | undefined): FilterableScenario {
  return {
    id: ID,
    field: 'medical',
    techDirections: ['non_invasive_bci'],
    openingLevel: 'county',
    status,
    regionCode: regions.get('510107')?.code ?? ('510107' as never),
    openFrom: null,
    openUntil: null,
    ...(partnerSlots === undefined ? {} : { partnerSlots }),
  };
}
const FOR_PARTNERS = { ...EMPTY_FILTER, openForPartners: true };

describe('the "open for partners" filter', () => {
  it.each<[string, ScenarioStatus, number | undefined, number, boolean]>([
    ['open, 2 slots, none held', 'open', 2, 0, true],
    ['open, 2 slots, 1 held', 'open', 2, 1, true],
    ['open, 2 slots, both held', 'open', 2, 2, false],
    ['open, slots over-held', 'open', 1, 3, false],
    ['open, 0 slots', 'open', 0, 0, false],
    ['open, slots unknown', 'open', undefined, 0, false],
    ['matched with free slots', 'matched', 5, 0, false],
    ['draft with free slots', 'draft', 5, 0, false],
    ['suspended with free slots', 'suspended', 5, 0, false],
  ])('%s → %s', (_name, status, slots, held, expected) => {
    const heldSlots = new Map([[ID as string, held]]);
    expect(compileFilter(FOR_PARTNERS, regions, { heldSlots })(scenario(status, slots))).toBe(expected);
  });

  it('without held slots every open scenario with slots matches; off means no constraint', () => {
    expect(compileFilter(FOR_PARTNERS, regions)(scenario('open', 1))).toBe(true);
    expect(compileFilter({ ...EMPTY_FILTER, openForPartners: false }, regions)(scenario('closed', 0))).toBe(true);
  });

  it('lives in the URL as slots=free and reads back; other values are ignored', () => {
    expect(filterToQueryString(FOR_PARTNERS)).toBe('slots=free');
    expect(filterFromSearchParams('slots=free').openForPartners).toBe(true);
    for (const bad of ['slots=', 'slots=1', 'slots=FREE', 'slots=free%00', 'slot=free', 'slots=true']) {
      expect(filterFromSearchParams(bad).openForPartners, bad).toBeUndefined();
    }
    expect(filterToQueryString({ ...EMPTY_FILTER, openForPartners: false })).toBe('');
  });

  it('is one of the filter parameters of the page URL, and a facet (a history entry), not text', () => {
    expect(searchWithFilter('?section=register&slots=free', EMPTY_FILTER)).toBe('?section=register');
    expect(searchWithFilter('?section=register', FOR_PARTNERS)).toBe('?section=register&slots=free');
    expect(isFilterEmpty(FOR_PARTNERS)).toBe(false);
    expect(isTextOnlyChange(EMPTY_FILTER, FOR_PARTNERS)).toBe(false);
    expect(isTextOnlyChange(FOR_PARTNERS, { ...FOR_PARTNERS, text: '脑机' })).toBe(true);
  });
});
