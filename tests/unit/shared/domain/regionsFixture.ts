import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { asRegionCode, createRegionIndex, parseRegionAsset, type Region, type RegionIndex, type RegionLevel } from '../../../../shared/regions/regions';

const ASSET_PATH = fileURLToPath(new URL('../../../../assets/regions/sichuan-regions.json', import.meta.url));

/** The shipped region index, or null when the asset has not been generated. */
export function loadRealRegions(): RegionIndex | null {
  if (!existsSync(ASSET_PATH)) return null;
  const parsed = parseRegionAsset(JSON.parse(readFileSync(ASSET_PATH, 'utf8')));
  if (!parsed.ok) throw new Error(`[test] region asset invalid: ${parsed.message}`);
  return createRegionIndex(parsed.value);
}

function square(code: string, name: string, level: RegionLevel, parent: string | null, box: [number, number, number, number]): Region {
  const [minLng, minLat, maxLng, maxLat] = box;
  return {
    code: asRegionCode(code),
    name,
    shortName: name,
    level,
    parent: parent === null ? null : asRegionCode(parent),
    center: [(minLng + maxLng) / 2, (minLat + maxLat) / 2],
    bbox: box,
    geometry: {
      type: 'MultiPolygon',
      coordinates: [[[[minLng, minLat], [maxLng, minLat], [maxLng, maxLat], [minLng, maxLat], [minLng, minLat]]]],
    },
  };
}

/**
 * A tiny province of squares: 四川省 [100,28]–[106,32]; 成都市 [103,30]–[105,32] with 武侯区 and
 * 锦江区 side by side; 乐山市 [103,28]–[105,30] with 峨眉山市.
 */
export function fakeRegions(): RegionIndex {
  return createRegionIndex({
    version: 1,
    source: 'test',
    regions: [
      square('510000', '四川省', 'province', null, [100, 28, 106, 32]),
      square('510100', '成都市', 'city', '510000', [103, 30, 105, 32]),
      square('511100', '乐山市', 'city', '510000', [103, 28, 105, 30]),
      square('510107', '武侯区', 'county', '510100', [103, 30, 104, 31]),
      square('510104', '锦江区', 'county', '510100', [104, 30, 105, 31]),
      square('511181', '峨眉山市', 'county', '511100', [103, 28, 104, 29]),
    ],
  });
}
