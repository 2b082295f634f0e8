import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPointInRegion, type LngLat, type Region } from '../../../../shared/regions/regions';
import { loadRealRegions } from '../domain/regionsFixture';

/** The plain even-odd test over every edge: what the banded test must agree with. */
function naive(region: Region, x: number, y: number): boolean {
  const inRing = (ring: readonly LngLat[]) => {
    let inside = false;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as LngLat;
      const [xj, yj] = ring[j] as LngLat;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  };
  const [minLng, minLat, maxLng, maxLat] = region.bbox;
  if (x < minLng || x > maxLng || y < minLat || y > maxLat) return false;
  return region.geometry.coordinates.some(([outer, ...holes]) => outer !== undefined && inRing(outer) && !holes.some(inRing));
}

const regions = loadRealRegions();

describe.runIf(regions !== null)('isPointInRegion with banded rings (issue 5 import speed)', () => {
  const all = regions?.all ?? [];
  it('agrees with the plain even-odd test on random points, vertices and band edges of every region', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: all.length - 1 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (index, u, v) => {
        const region = all[index] as Region;
        const [minLng, minLat, maxLng, maxLat] = region.bbox;
        const x = minLng + u * (maxLng - minLng);
        const y = minLat + v * (maxLat - minLat);
        expect(isPointInRegion(region, [x, y])).toBe(naive(region, x, y));
      }),
      { numRuns: 3000 },
    );
    for (const region of all.slice(0, 40)) {
      for (const [x, y] of (region.geometry.coordinates[0]?.[0] ?? []).slice(0, 50)) {
        expect(isPointInRegion(region, [x, y])).toBe(naive(region, x, y));
        expect(isPointInRegion(region, [x + 1e-9, y])).toBe(naive(region, x + 1e-9, y));
      }
    }
  });
});
