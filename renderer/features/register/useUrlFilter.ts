import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { filterFromSearchParams, type ScenarioFilter } from '../../../shared/domain/scenarioFilter';
import type { RegionIndex } from '../../../shared/regions/regions';
import { isTextOnlyChange, searchWithFilter } from './filterUrl';

// history.pushState/replaceState fire no event; this one tells every useUrlFilter the URL changed.
const FILTER_URL_CHANGED = 'atlas:filter-url-changed';

function subscribeToUrl(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(FILTER_URL_CHANGED, onChange);
  return function unsubscribeFromUrl() {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(FILTER_URL_CHANGED, onChange);
  };
}

function currentSearch(): string {
  return window.location.search;
}

/**
 * The register filter, kept in the page URL's query string so a view can be bookmarked, reloaded
 * and stepped through with back/forward. The URL is the only copy (read through
 * useSyncExternalStore), so every user of the hook agrees. Facet changes add a history entry; a
 * change of the free text only replaces it (debounce the text before calling the setter).
 * Hostile or stale query strings read as the parts that make sense (filterFromSearchParams).
 */
export function useUrlFilter(
  regions: Pick<RegionIndex, 'has'>,
): [ScenarioFilter, (next: ScenarioFilter) => void] {
  const search = useSyncExternalStore(subscribeToUrl, currentSearch, () => '');
  const filter = useMemo(() => filterFromSearchParams(search, regions), [search, regions]);
  const setFilter = useCallback(
    (next: ScenarioFilter) => {
      const { pathname, search: before, hash } = window.location;
      const after = searchWithFilter(before, next);
      if (after === before) return;
      const url = `${pathname}${after}${hash}`;
      if (isTextOnlyChange(filterFromSearchParams(before, regions), next))
        window.history.replaceState(window.history.state, '', url);
      else window.history.pushState(window.history.state, '', url);
      window.dispatchEvent(new Event(FILTER_URL_CHANGED));
    },
    [regions],
  );
  return [filter, setFilter];
}
