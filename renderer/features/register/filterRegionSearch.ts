import type { RegionIndex } from '../../../shared/regions/regions';

/**
 * The search of the region Cascader: antd calls it once per leaf path (200+ per keystroke), so
 * one region search per typed text is cached and answers them all. Matches names, short names,
 * codes and "成都 武侯"-style paths (RegionIndex.search).
 */
export function createRegionSearchFilter(
  regions: Pick<RegionIndex, 'search'>,
): (input: string, path: readonly { readonly value: string }[]) => boolean {
  const cache = new Map<string, ReadonlySet<string>>();
  return function matchesRegionSearch(input, path) {
    const last = path[path.length - 1];
    if (!last) return false;
    let codes = cache.get(input);
    if (!codes) {
      if (cache.size > 50) cache.clear();
      codes = new Set(regions.search(input, 400).map((region) => region.code));
      cache.set(input, codes);
    }
    return codes.has(last.value);
  };
}
