/**
 * The register filter in the page URL (issue 3: a view can be bookmarked and reloaded). Pure
 * string work, so it is unit-tested without a browser; {@link useUrlFilter} does the history calls.
 */
import { filterToQueryString, type ScenarioFilter } from '../../../shared/domain/scenarioFilter';

/** The URL parameters the filter owns (shared/domain/scenarioFilter.ts); every other parameter is kept as it is. */
export const FILTER_URL_KEYS: readonly string[] = [
  'field',
  'tech',
  'level',
  'status',
  'region',
  'from',
  'until',
  'q',
  'slots',
];

/**
 * Longest free text typed into the search box. The app's protocol refuses URLs over 2048
 * characters (electron/policy/appUrl.ts); 100 Chinese characters percent-encode to 900, which
 * leaves room for every facet at once (checked in the unit test).
 */
export const MAX_SEARCH_INPUT_LENGTH = 100;

function decodedKey(pair: string): string | null {
  const at = pair.indexOf('=');
  try {
    return decodeURIComponent((at === -1 ? pair : pair.slice(0, at)).replace(/\+/g, ' '));
  } catch {
    return null; // a malformed escape: not one of ours, keep the pair as it is
  }
}

/** `search` (e.g. `location.search`) with the filter's parameters replaced by `filter`'s; `''` or `?…`. */
export function searchWithFilter(search: string, filter: ScenarioFilter): string {
  const query = search.startsWith('?') ? search.slice(1) : search;
  const kept = query.split('&').filter((pair) => {
    if (pair === '') return false;
    const key = decodedKey(pair);
    return key === null || !FILTER_URL_KEYS.includes(key);
  });
  const own = filterToQueryString(filter);
  const parts = own === '' ? kept : [...kept, own];
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value) => b.includes(value));
}

/** True when only the free text differs: typing replaces the history entry instead of adding one per pause. */
export function isTextOnlyChange(previous: ScenarioFilter, next: ScenarioFilter): boolean {
  return (
    sameList(previous.fields, next.fields) &&
    sameList(previous.techDirections, next.techDirections) &&
    sameList(previous.openingLevels, next.openingLevels) &&
    sameList(previous.statuses, next.statuses) &&
    previous.regionCode === next.regionCode &&
    previous.openFrom === next.openFrom &&
    previous.openUntil === next.openUntil &&
    (previous.openForPartners ?? false) === (next.openForPartners ?? false)
  );
}

/** True when the filter constrains nothing (the 清除筛选 button is then disabled). */
export function isFilterEmpty(filter: ScenarioFilter): boolean {
  return filterToQueryString(filter) === '';
}
