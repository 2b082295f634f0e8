/**
 * One filter state drives the map and the table (issue 3), lives in the URL, and is compiled once
 * per change into a predicate that runs over every record per keystroke (100k records, ≤ 50 ms).
 */
import type { RegionCode, RegionIndex } from '../regions/regions';
import { isIsoDate, type IsoDate } from './formats';
import type { Scenario } from './scenario';
import {
  APPLICATION_FIELDS,
  OPENING_LEVELS,
  SCENARIO_STATUSES,
  TECH_DIRECTIONS,
  keysOf,
  type ApplicationField,
  type OpeningLevel,
  type ScenarioStatus,
  type TechDirection,
} from './vocabulary';

/** The filter of the register: empty lists and absent values mean "any"; a record matches any value of a list, and every part. */
export interface ScenarioFilter {
  readonly fields: readonly ApplicationField[];
  readonly techDirections: readonly TechDirection[];
  readonly openingLevels: readonly OpeningLevel[];
  readonly statuses: readonly ScenarioStatus[];
  /** Matches this region and everything under it (a city matches its counties' scenarios). */
  readonly regionCode?: RegionCode;
  /** With `openUntil`: scenarios whose open period overlaps this window (an absent end is open-ended). */
  readonly openFrom?: IsoDate;
  readonly openUntil?: IsoDate;
  /** Free text; space-separated terms must all match. */
  readonly text?: string;
  /** Only scenarios open for partners: 已开放 with a free partner slot (issue 4; needs the held slots, see {@link FilterContext}). */
  readonly openForPartners?: boolean;
}

/** The filter that matches everything. */
export const EMPTY_FILTER: ScenarioFilter = Object.freeze({ fields: [], techDirections: [], openingLevels: [], statuses: [] });

/** Longest free-text search kept from a URL. */
export const MAX_FILTER_TEXT_LENGTH = 200;

/** URL parameter names, short and stable (bookmarks depend on them). */
const PARAM = {
  fields: 'field',
  techDirections: 'tech',
  openingLevels: 'level',
  statuses: 'status',
  regionCode: 'region',
  openFrom: 'from',
  openUntil: 'until',
  text: 'q',
  openForPartners: 'slots',
} as const;

/** The value of the `slots` parameter that turns the "open for partners" filter on. */
const FREE_SLOTS = 'free';

const FIELD_KEYS = keysOf(APPLICATION_FIELDS);
const DIRECTION_KEYS = keysOf(TECH_DIRECTIONS);
const LEVEL_KEYS = keysOf(OPENING_LEVELS);
const STATUS_KEYS = keysOf(SCENARIO_STATUSES);

/** Keeps known keys only, once each, in vocabulary order (so equal filters give equal URLs). */
function pickKnown<K extends string>(known: readonly K[], values: Iterable<string>): K[] {
  const wanted = new Set(values);
  return known.filter((key) => wanted.has(key));
}

/** The filter as URL parameters; empty parts are left out. Feed it to `new URLSearchParams(...)`. */
export function filterToSearchParams(filter: ScenarioFilter): Record<string, string> {
  const params: Record<string, string> = {};
  const lists = [
    [PARAM.fields, pickKnown(FIELD_KEYS, filter.fields)],
    [PARAM.techDirections, pickKnown(DIRECTION_KEYS, filter.techDirections)],
    [PARAM.openingLevels, pickKnown(LEVEL_KEYS, filter.openingLevels)],
    [PARAM.statuses, pickKnown(STATUS_KEYS, filter.statuses)],
  ] as const;
  for (const [name, values] of lists) if (values.length > 0) params[name] = values.join(',');
  if (filter.regionCode) params[PARAM.regionCode] = filter.regionCode;
  if (filter.openFrom) params[PARAM.openFrom] = filter.openFrom;
  if (filter.openUntil) params[PARAM.openUntil] = filter.openUntil;
  const text = filter.text?.trim();
  if (text) params[PARAM.text] = text;
  if (filter.openForPartners) params[PARAM.openForPartners] = FREE_SLOTS;
  return params;
}

/** The filter as a query string (no leading `?`), percent-encoded. */
export function filterToQueryString(filter: ScenarioFilter): string {
  return Object.entries(filterToSearchParams(filter))
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join('&');
}

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '));
  } catch {
    // A malformed escape (`%E4%B8`) in a hand-edited URL: drop that parameter, keep the rest.
    return null;
  }
}

/** Reads parameters from a query string, a plain record, or pairs (URLSearchParams is iterable). */
function collect(input: unknown): Map<string, string[]> {
  const params = new Map<string, string[]>();
  const put = (key: unknown, value: unknown): void => {
    if (typeof key !== 'string' || typeof value !== 'string' || value.length > 2000) return;
    const list = params.get(key);
    if (list) {
      if (list.length < 50) list.push(value);
    } else params.set(key, [value]);
  };
  if (typeof input === 'string') {
    const query = input.startsWith('?') ? input.slice(1) : input;
    if (query.length > 10_000) return params;
    for (const pair of query.split('&')) {
      if (pair === '') continue;
      const at = pair.indexOf('=');
      const key = decode(at === -1 ? pair : pair.slice(0, at));
      const value = decode(at === -1 ? '' : pair.slice(at + 1));
      if (key !== null && value !== null) put(key, value);
    }
  } else if (typeof input === 'object' && input !== null) {
    if (Symbol.iterator in input && typeof (input as Iterable<unknown>)[Symbol.iterator] === 'function') {
      let count = 0;
      for (const entry of input as Iterable<unknown>) {
        if (++count > 500) break;
        if (Array.isArray(entry)) put(entry[0], entry[1]);
      }
    } else {
      for (const key of Object.keys(input)) put(key, (input as Record<string, unknown>)[key]);
    }
  }
  return params;
}

function listParam<K extends string>(params: Map<string, string[]>, name: string, known: readonly K[]): K[] {
  const values = (params.get(name) ?? []).flatMap((value) => value.split(',')).map((v) => v.trim());
  return pickKnown(known, values);
}

function singleParam(params: Map<string, string[]>, name: string): string | undefined {
  const value = params.get(name)?.[0]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/**
 * The filter from URL parameters, which are untrusted (bookmarks, pasted links): unknown keys are
 * ignored, unknown values dropped, a region must exist (when `regions` is given), dates must be
 * real, control characters are stripped from the text. Never throws.
 */
export function filterFromSearchParams(
  input: string | Readonly<Record<string, unknown>> | Iterable<readonly [string, string]>,
  regions?: Pick<RegionIndex, 'has'>,
): ScenarioFilter {
  const params = collect(input);
  const region = singleParam(params, PARAM.regionCode);
  const from = singleParam(params, PARAM.openFrom);
  const until = singleParam(params, PARAM.openUntil);
  // eslint-disable-next-line no-control-regex -- stripping control characters from untrusted URL text is the point
  const text = singleParam(params, PARAM.text)?.replace(/[\u0000-\u001f\u007f]/g, ' ').trim().slice(0, MAX_FILTER_TEXT_LENGTH);
  const isKnownRegion = region !== undefined && /^\d{6}$/.test(region) && (regions ? regions.has(region) : true);
  return {
    fields: listParam(params, PARAM.fields, FIELD_KEYS),
    techDirections: listParam(params, PARAM.techDirections, DIRECTION_KEYS),
    openingLevels: listParam(params, PARAM.openingLevels, LEVEL_KEYS),
    statuses: listParam(params, PARAM.statuses, STATUS_KEYS),
    ...(isKnownRegion ? { regionCode: region as RegionCode } : {}),
    ...(from !== undefined && isIsoDate(from) ? { openFrom: from } : {}),
    ...(until !== undefined && isIsoDate(until) ? { openUntil: until } : {}),
    ...(text ? { text } : {}),
    ...(singleParam(params, PARAM.openForPartners) === FREE_SLOTS ? { openForPartners: true } : {}),
  };
}

/** Folds text for search: NFKC (full-width → half-width), lower case, whitespace runs to one space. */
export function normaliseSearchText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The scenario fields free-text search looks in. */
export type SearchableScenario = Pick<
  Scenario,
  'title' | 'ownerUnit' | 'description' | 'requirements' | 'catalogNumber' | 'address'
>;

// Joins fields so a term cannot match across two of them (it never occurs in normalised text).
const FIELD_SEPARATOR = '\u0001';

/**
 * One normalised string per record for free-text search; precompute it when a record is loaded
 * or saved (a plain substring test, so "脑机" finds "非侵入式脑机接口康复训练" with no word breaks).
 */
export function buildSearchText(scenario: SearchableScenario): string {
  return [scenario.title, scenario.ownerUnit, scenario.catalogNumber, scenario.address, scenario.description, scenario.requirements]
    .map(normaliseSearchText)
    .join(FIELD_SEPARATOR);
}

/** The search terms of a free-text query: normalised, split on spaces, duplicates removed. */
export function searchTerms(text: string | undefined): string[] {
  if (!text) return [];
  // eslint-disable-next-line no-control-regex -- a control character could match the field separator
  const folded = normaliseSearchText(text.replace(/[\u0000-\u001f\u007f]/g, ' '));
  return [...new Set(folded.split(' ').filter((term) => term !== ''))];
}

/** The scenario fields the filter reads. */
export type FilterableScenario = Pick<
  Scenario,
  'field' | 'techDirections' | 'openingLevel' | 'status' | 'regionCode' | 'openFrom' | 'openUntil'
> &
  Partial<SearchableScenario> &
  Partial<Pick<Scenario, 'id' | 'partnerSlots'>>;

/** What a filter needs beyond the scenario itself. */
export interface FilterContext {
  /**
   * Partner slots held per scenario id (shared/partners/pilotMap.ts summarisePilotsByScenario);
   * absent means no pilot holds any. A scenario without `partnerSlots` has none free.
   */
  readonly heldSlots?: ReadonlyMap<string, number>;
}

/** A compiled filter; pass the record's precomputed {@link buildSearchText} when there is free text. */
export type ScenarioPredicate = (scenario: FilterableScenario, searchText?: string) => boolean;

/** Codes of a region and everything under it. */
export function regionSubtree(regions: Pick<RegionIndex, 'children'>, code: string): Set<string> {
  const codes = new Set<string>([code]);
  const queue = [code];
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    for (const child of regions.children(next)) {
      if (!codes.has(child.code)) {
        codes.add(child.code);
        queue.push(child.code);
      }
    }
  }
  return codes;
}

/**
 * Compiles a filter once into a predicate: Sets built up front, the checks ordered cheapest first,
 * no allocation per record. A record without a precomputed search text gets one built (slow path).
 */
export function compileFilter(
  filter: ScenarioFilter,
  regions: Pick<RegionIndex, 'children'>,
  context: FilterContext = {},
): ScenarioPredicate {
  const fields = filter.fields.length > 0 ? new Set<string>(filter.fields) : null;
  const levels = filter.openingLevels.length > 0 ? new Set<string>(filter.openingLevels) : null;
  const statuses = filter.statuses.length > 0 ? new Set<string>(filter.statuses) : null;
  const directions = filter.techDirections.length > 0 ? new Set<string>(filter.techDirections) : null;
  const regionCodes = filter.regionCode ? regionSubtree(regions, filter.regionCode) : null;
  const windowFrom = filter.openFrom ?? null;
  const windowUntil = filter.openUntil ?? null;
  const terms = searchTerms(filter.text);
  const termCount = terms.length;
  const isForPartners = filter.openForPartners === true;
  const heldSlots = context.heldSlots;

  return (scenario, searchText) => {
    if (isForPartners) {
      if (scenario.status !== 'open') return false;
      const held = heldSlots && scenario.id !== undefined ? (heldSlots.get(scenario.id) ?? 0) : 0;
      if ((scenario.partnerSlots ?? 0) - held <= 0) return false;
    }
    if (fields !== null && !fields.has(scenario.field)) return false;
    if (levels !== null && !levels.has(scenario.openingLevel)) return false;
    if (statuses !== null && !statuses.has(scenario.status)) return false;
    if (regionCodes !== null && !regionCodes.has(scenario.regionCode)) return false;
    if (directions !== null) {
      let hasAny = false;
      const list = scenario.techDirections;
      for (let i = 0; i < list.length; i += 1) {
        if (directions.has(list[i] as string)) {
          hasAny = true;
          break;
        }
      }
      if (!hasAny) return false;
    }
    // Overlap of [openFrom, openUntil] with the window; null ends are open.
    if (windowFrom !== null && scenario.openUntil !== null && scenario.openUntil < windowFrom) return false;
    if (windowUntil !== null && scenario.openFrom !== null && scenario.openFrom > windowUntil) return false;
    if (termCount > 0) {
      const haystack =
        searchText ??
        buildSearchText({
          title: scenario.title ?? '',
          ownerUnit: scenario.ownerUnit ?? '',
          description: scenario.description ?? '',
          requirements: scenario.requirements ?? '',
          catalogNumber: scenario.catalogNumber ?? '',
          address: scenario.address ?? '',
        });
      for (let i = 0; i < termCount; i += 1) if (!haystack.includes(terms[i] as string)) return false;
    }
    return true;
  };
}

/** Does one scenario match the filter? For many records, compile once with {@link compileFilter}. */
export function matchesFilter(
  scenario: FilterableScenario,
  filter: ScenarioFilter,
  regions: Pick<RegionIndex, 'children'>,
  context: FilterContext = {},
): boolean {
  return compileFilter(filter, regions, context)(scenario);
}
