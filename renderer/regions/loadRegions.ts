import regionAssetUrl from '../../assets/regions/sichuan-regions.json?url';
import { createRegionIndex, parseRegionAsset, type RegionIndex } from '../../shared/regions/regions';

/**
 * Loads the region data shipped with the app (a static file of the build, never the network).
 * Fetched rather than imported so it is parsed as JSON, not as a 1 MB JavaScript module.
 */
export async function loadRegions(): Promise<RegionIndex> {
  const response = await fetch(regionAssetUrl);
  if (!response.ok) throw new Error(`[regions] ${regionAssetUrl} answered ${response.status}`);
  const parsed = parseRegionAsset(await response.json());
  if (!parsed.ok) throw new Error(`[regions] ${parsed.message}`);
  return createRegionIndex(parsed.value);
}
