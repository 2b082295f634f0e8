import type { RegionIndex } from '../../../shared/regions/regions';
import type { RegionOption } from '../onboarding/regionCascaderOptions';

/**
 * The region Cascader's search filter. Cascader calls it once per option path for every typed
 * text; one index search per text serves them all, so the results are cached in the closure.
 */
export function createRegionSearchFilter(regions: RegionIndex): (input: string, path: readonly RegionOption[]) => boolean {
  const cache = new Map<string, ReadonlySet<string>>();
  return function matchesRegionSearch(input, path) {
    const last = path[path.length - 1];
    if (!last) return false;
    let codes = cache.get(input);
    if (!codes) {
      codes = new Set(regions.search(input, 400).map((region) => region.code));
      cache.set(input, codes);
    }
    return codes.has(last.value);
  };
}
