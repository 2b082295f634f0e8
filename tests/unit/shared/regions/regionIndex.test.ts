import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { MultiPolygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  asRegionCode,
  createRegionIndex,
  isPointInRegion,
  isRegionCode,
  parseRegionAsset,
  type LngLat,
  type Region,
  type RegionAsset,
} from '../../../../shared/regions/regions';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const rawAsset: unknown = JSON.parse(readFileSync(join(root, 'assets/regions/sichuan-regions.json'), 'utf8'));
const parsed = parseRegionAsset(rawAsset);
if (!parsed.ok) throw new Error(`asset does not parse: ${parsed.message}`);
const index = createRegionIndex(parsed.value);
const codes = (regions: readonly Region[]) => regions.map((r) => r.code as string);

describe('RegionIndex lookups', () => {
  it('walks the tree', () => {
    expect(index.province.code).toBe('510000');
    expect(index.all).toHaveLength(205);
    expect(index.cities()).toHaveLength(21);
    expect(index.counties()).toHaveLength(183);
    expect(index.path('510107').map((r) => r.name)).toEqual(['四川省', '成都市', '武侯区']);
    expect(codes(index.path('510100'))).toEqual(['510000', '510100']);
    expect(codes(index.path('510000'))).toEqual(['510000']);
    expect(index.children('510107')).toEqual([]);
    expect(index.has('510107')).toBe(true);
  });

  it.each([
    '',
    '999999',
    '__proto__',
    'constructor',
    'toString',
    '5101070',
    '51010',
    ' 510107',
    'hasOwnProperty',
  ])('knows nothing about %j', (code) => {
    expect(index.get(code)).toBeUndefined();
    expect(index.has(code)).toBe(false);
    expect(index.children(code)).toEqual([]);
    expect(index.path(code)).toEqual([]);
  });
});

describe('RegionIndex.search', () => {
  it('finds 武侯区 first for "武侯"', () => {
    expect(index.search('武侯')[0]?.code).toBe('510107');
  });

  it('finds the prefecture for "阿坝", before the county of the same name', () => {
    const hits = codes(index.search('阿坝'));
    expect(hits[0]).toBe('513200');
    expect(hits).toContain('513231'); // 阿坝县
  });

  it('matches short names exactly', () => {
    expect(codes(index.search('凉山州'))).toEqual(['513400']);
  });

  it('understands "city county" path queries', () => {
    expect(codes(index.search('成都 武侯'))).toEqual(['510107']);
    expect(codes(index.search('  四川　成都   武侯 '))).toEqual(['510107']); // full-width space from an IME
    expect(index.search('成都 朝天')).toEqual([]); // 朝天区 is in 广元市
    expect(codes(index.search('广元 朝天'))).toEqual(['510812']);
    expect(index.search('武侯 成都')).toEqual([]); // ancestors come first
  });

  it('ranks exact before prefix before substring, then by level and code', () => {
    expect(codes(index.search('成都市'))).toEqual(['510100']);
    // "都" is a prefix of 都江堰市 (a county-level city) but only inside 成都市: prefix wins over level.
    const du = codes(index.search('都', 50));
    expect(du[0]).toBe('510181');
    expect(du.indexOf('510100')).toBeGreaterThan(0);
    // Independent restatement of the order for a query with hits at every rank and two levels.
    const rank = (r: Region) => ([r.name, r.shortName].includes('江') ? 0 : r.name.startsWith('江') ? 1 : 2);
    const level = { province: 0, city: 1, county: 2 };
    const jiang = index.search('江', 100);
    const expected = index.all
      .filter((r) => r.name.includes('江'))
      .sort((a, b) => rank(a) - rank(b) || level[a.level] - level[b.level] || a.code.localeCompare(b.code));
    expect(codes(jiang)).toEqual(codes(expected));
    expect(new Set(jiang.map(rank))).toEqual(new Set([1, 2]));
    expect(new Set(jiang.filter((r) => rank(r) === 2).map((r) => r.level))).toEqual(
      new Set(['city', 'county']),
    );
  });

  it('finds a region by its code', () => {
    expect(codes(index.search('510107'))).toEqual(['510107']);
    expect(codes(index.search('５１０１０７'))).toEqual(['510107']); // full-width digits
  });

  it('honours the limit', () => {
    expect(index.search('区', 3)).toHaveLength(3);
    expect(index.search('区', 0)).toEqual([]);
    expect(index.search('区', -1)).toEqual([]);
    expect(index.search('区', Number.NaN)).toEqual([]);
  });

  it.each(['', '   ', '\t\n', 'xyzzy', '纽约', '<script>', '.*', '成都 武侯 武侯'])(
    'returns nothing for %j',
    (query) => {
      expect(index.search(query)).toEqual([]);
    },
  );
});

describe('RegionIndex.containing and isPointInRegion', () => {
  const wuhou = index.get('510107') as Region;

  it('places 武侯区 centre in 武侯区 and 成都市', () => {
    expect(index.containing(wuhou.center, 'county')?.code).toBe('510107');
    expect(index.containing(wuhou.center, 'city')?.code).toBe('510100');
    expect(index.containing(wuhou.center, 'province')?.code).toBe('510000');
  });

  it('finds nothing outside Sichuan or for nonsense points', () => {
    const beijing: LngLat = [116.4074, 39.9042];
    expect(index.containing(beijing, 'county')).toBeUndefined();
    expect(index.containing(beijing, 'city')).toBeUndefined();
    expect(index.containing(beijing, 'province')).toBeUndefined();
    expect(index.containing([Number.NaN, 30], 'county')).toBeUndefined();
    expect(index.containing([Infinity, Infinity], 'county')).toBeUndefined();
    expect(index.containing(wuhou.center, 'town' as Region['level'])).toBeUndefined();
  });

  it('finds the county of every county centre', () => {
    for (const county of index.counties())
      expect(index.containing(county.center, 'county')?.code).toBe(county.code);
  });

  it('agrees with @turf/boolean-point-in-polygon on points around the regions', () => {
    // Deterministic pseudo-random points in (and a little beyond) each region's bbox.
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    let disagreements = 0;
    let inside = 0;
    for (const region of index.all) {
      const [minLng, minLat, maxLng, maxLat] = region.bbox;
      for (let i = 0; i < 20; i++) {
        const point: LngLat = [
          minLng + (maxLng - minLng) * (random() * 1.2 - 0.1),
          minLat + (maxLat - minLat) * (random() * 1.2 - 0.1),
        ];
        const ours = isPointInRegion(region, point);
        if (ours) inside++;
        if (ours !== booleanPointInPolygon([...point], region.geometry as unknown as MultiPolygon))
          disagreements++;
      }
    }
    expect(disagreements).toBe(0);
    expect(inside).toBeGreaterThan(1000); // the sample really exercises both answers
  });

  it('respects holes', () => {
    const square = (x: number, y: number, size: number): LngLat[] => [
      [x, y],
      [x + size, y],
      [x + size, y + size],
      [x, y + size],
      [x, y],
    ];
    const donut = {
      ...wuhou,
      bbox: [0, 0, 10, 10],
      geometry: { type: 'MultiPolygon', coordinates: [[square(0, 0, 10), square(4, 4, 2)]] },
    } as const;
    expect(isPointInRegion(donut, [1, 1])).toBe(true);
    expect(isPointInRegion(donut, [5, 5])).toBe(false);
    expect(isPointInRegion(donut, [11, 5])).toBe(false);
  });
});

describe('region codes', () => {
  it('brands six-digit codes and refuses anything else', () => {
    expect(asRegionCode('510107')).toBe('510107');
    expect(isRegionCode('510107')).toBe(true);
    for (const bad of ['', '51010', '5101070', 'abcdef', ' 510107', '__proto__']) {
      expect(isRegionCode(bad)).toBe(false);
      expect(() => asRegionCode(bad)).toThrow(RangeError);
    }
  });
});

describe('parseRegionAsset', () => {
  const ring: LngLat[] = [
    [104, 30],
    [104.1, 30],
    [104.1, 30.1],
    [104, 30],
  ];
  const region = (code: string, level: Region['level'], parent: string | null) => ({
    code,
    name: code,
    shortName: code,
    level,
    parent,
    center: [104.05, 30.02],
    bbox: [104, 30, 104.1, 30.1],
    geometry: { type: 'MultiPolygon', coordinates: [[ring]] },
  });
  const valid = () => ({
    version: 1,
    source: 'test',
    regions: [
      region('510000', 'province', null),
      region('510100', 'city', '510000'),
      region('510107', 'county', '510100'),
    ],
  });
  const withRegion = (i: number, patch: Record<string, unknown>) => {
    const asset = valid();
    asset.regions[i] = { ...asset.regions[i], ...patch } as ReturnType<typeof region>;
    return asset;
  };

  it('accepts a well-formed asset and builds an index from it', () => {
    const result = parseRegionAsset(valid());
    expect(result.ok).toBe(true);
    if (result.ok) {
      const small: RegionAsset = result.value;
      expect(codes(createRegionIndex(small).path('510107'))).toEqual(['510000', '510100', '510107']);
    }
  });

  const { code: _code, ...withoutCode } = region('510107', 'county', '510100');
  it.each<[string, unknown]>([
    ['null', null],
    ['undefined', undefined],
    ['an array', []],
    ['a string', 'regions'],
    ['the wrong version', { ...valid(), version: 2 }],
    ['no regions', { ...valid(), regions: [] }],
    ['a region without a code', { ...valid(), regions: [...valid().regions.slice(0, 2), withoutCode] }],
    ['a five-digit code', withRegion(2, { code: '51010' })],
    ['a hostile code', withRegion(2, { code: '__proto__' })],
    ['an unknown level', withRegion(2, { level: 'town' })],
    [
      'coordinates that are not numbers',
      withRegion(2, {
        geometry: {
          type: 'MultiPolygon',
          coordinates: [
            [
              [
                ['104', '30'],
                [104.1, 30],
                [104.1, 30.1],
                ['104', '30'],
              ],
            ],
          ],
        },
      }),
    ],
    ['NaN in the centre', withRegion(2, { center: [Number.NaN, 30] })],
    ['a latitude beyond the pole', withRegion(2, { center: [104, 95] })],
    [
      'a ring that is not closed',
      withRegion(2, {
        geometry: {
          type: 'MultiPolygon',
          coordinates: [
            [
              [
                [104, 30],
                [104.1, 30],
                [104.1, 30.1],
                [104, 30.1],
              ],
            ],
          ],
        },
      }),
    ],
    [
      'a ring with 3 positions',
      withRegion(2, {
        geometry: {
          type: 'MultiPolygon',
          coordinates: [
            [
              [
                [104, 30],
                [104.1, 30],
                [104, 30],
              ],
            ],
          ],
        },
      }),
    ],
    [
      'a Polygon instead of a MultiPolygon',
      withRegion(2, { geometry: { type: 'Polygon', coordinates: [ring] } }),
    ],
    ['a duplicate code', withRegion(2, { code: '510100', level: 'city', parent: '510000' })],
    ['a county whose parent is missing', withRegion(2, { parent: '510200' })],
    ['a county hanging from the province', withRegion(2, { parent: '510000' })],
    ['a province with a parent', withRegion(0, { parent: '510100' })],
    ['two provinces', withRegion(1, { level: 'province', parent: null })],
    ['an inverted bbox', withRegion(2, { bbox: [104.1, 30, 104, 30.1] })],
  ])('rejects %s', (_label, input) => {
    const result = parseRegionAsset(input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toBe('invalid-region-asset');
      expect(result.message).toMatch(/region data/);
      expect(result.details?.length).toBeGreaterThan(0);
    }
  });
});
