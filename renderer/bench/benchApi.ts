/**
 * Bench-only page API (built only with `vite build --mode bench`, never in the app): the browser
 * figures of `npm run bench` are measured here, in Chromium, on the app's own code.
 */
import { map as leafletMap, marker, markerClusterGroup } from 'leaflet';
import 'leaflet.markercluster';
import { generateDemoScenarios } from '../../shared/domain/demoData';
import type { ScenarioFilter } from '../../shared/domain/scenarioFilter';
import { APPLICATION_FIELDS, SCENARIO_STATUSES, TECH_DIRECTIONS } from '../../shared/domain/vocabulary';
import type { RegionIndex } from '../../shared/regions/regions';
import { measureDbLoad } from '../db/dbLoadBench';
import { measureExchange, type Durability } from '../db/exchangeBench';
import { measureImportPage } from './importBench';
import { measureBackup } from './backupBench';
import { seedAppDb } from './seedAppDb';
import type { SeedAnswer } from './seedWorker';
import { askWorker } from '../workers/askWorker';
import { createBrowserFiles } from '../platform/browserFiles';
import { loadRegions } from '../regions/loadRegions';
import { createClusterEngine, packCoordinates } from '../features/register/clusterEngine';
import { createScenarioFinder } from '../features/register/useFilteredScenarios';
import { buildPackageInWorker } from '../features/exchange/buildPackageInWorker';
import { openPackageInWorker } from '../features/exchange/openPackageInWorker';

let regionsPromise: Promise<RegionIndex> | null = null;
let backupFiles: ReturnType<typeof createBrowserFiles> | null = null;
function regions(): Promise<RegionIndex> {
  regionsPromise ??= loadRegions();
  return regionsPromise;
}

async function demoPoints(count: number) {
  const rows = generateDemoScenarios(count, await regions(), { seed: 11, year: 2026 });
  return rows.map((row) => ({ id: row.id, title: row.title, lat: row.location.lat, lng: row.location.lng, field: row.field, status: row.status }));
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

/** A seeded random filter change: facets, a region, a search term, or a mix, as a person would. */
function randomFilter(random: () => number, regionCodes: readonly string[]): ScenarioFilter {
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const terms = ['脑机', '康复', '华西', '外骨骼', '非遗', '景区', '数字人', '养老', '应急', '机器人', '眼镜', '成都'];
  const kind = random();
  return {
    fields: kind < 0.5 ? [pick(APPLICATION_FIELDS).key] : [],
    techDirections: kind > 0.7 ? [pick(TECH_DIRECTIONS).key] : [],
    openingLevels: [],
    statuses: kind > 0.3 && kind < 0.8 ? [pick(SCENARIO_STATUSES).key] : [],
    regionCode: random() < 0.4 ? pick(regionCodes) : undefined,
    text: random() < 0.5 ? pick(terms) : undefined,
  } as ScenarioFilter;
}

export const benchApi = {
  dbLoad: async (count: number) => measureDbLoad(await regions(), count),

  /**
   * Exchange packages (issue 6): export, open and merge of `count` changes (renderer/db/exchangeBench.ts),
   * building and verifying in the app's workers; `durability` sets the city database's.
   */
  exchange: async (count: number, durability?: Durability) => measureExchange(await regions(), count, { build: buildPackageInWorker, open: openPackageInWorker, ...(durability ? { durability } : {}) }),

  /** The spreadsheet import in the page (issue 5): worker check, preview, commit, and its longest task (./importBench.ts). */
  importPage: (count: number) => measureImportPage(count),

  /** A backup of a `count`-record register and its restore (issue 6), with their longest tasks (./backupBench.ts). */
  backup: async (count: number) => measureBackup(await regions(), count),

  /** Fills the app's own database with demo scenarios (for the cold-start figure). */
  seedAppDb: async (count: number) => seedAppDb(await regions(), count),

  /**
   * The backups the app has stored (the browser platform's store): the refresh bench waits for the
   * app's daily backup before it writes, as a real import is preceded by its own backup and so
   * never has the daily one reading the register beside it.
   */
  backupCount: async () => {
    // One store for every call: the bench polls, and each new one would keep a connection open.
    backupFiles ??= createBrowserFiles(() => 1);
    const listed = await backupFiles.listBackups();
    if (!listed.ok) throw new Error(`[bench] could not list the backups: ${listed.message}`);
    return listed.value.length;
  },

  /** {@link seedAppDb} from a worker (seedWorker.ts), as an import's commit writes: resolves once committed. */
  seedAppDbFromWorker: async (count: number) => {
    const worker = new Worker(new URL('./seedWorker.ts', import.meta.url), { type: 'module' });
    return (await askWorker<SeedAnswer>(worker, { count }, '[bench] the seed worker')).written;
  },

  /** supercluster: load the points and query the province view. */
  clusterBuild: async (count: number) => {
    const points = await demoPoints(count);
    // The same engine the map's worker runs, timed here on the page's thread for a like-for-like figure.
    const coords = packCoordinates(points);
    const start = performance.now();
    const engine = createClusterEngine();
    engine.load(coords);
    engine.query([97, 26, 109, 35], 6);
    return performance.now() - start;
  },

  /** Leaflet.markercluster on the same points, added in one addLayers call (its fastest path). */
  markerclusterBuild: async (count: number) => {
    const points = await demoPoints(count);
    const host = document.createElement('div');
    host.style.cssText = 'width:1000px;height:700px;position:absolute;left:-2000px;top:0';
    document.body.append(host);
    const map = leafletMap(host, { maxZoom: 18 }).setView([30.6, 102.7], 6);
    const start = performance.now();
    const group = markerClusterGroup({ chunkedLoading: false });
    group.addLayers(points.map((point) => marker([point.lat, point.lng])));
    map.addLayer(group);
    const elapsed = performance.now() - start;
    map.remove();
    host.remove();
    return elapsed;
  },

  /** Random filter/search changes over `count` records: filter + map points + choropleth counts, p95 and median. */
  filterTimes: async (count: number, changes: number) => {
    const index = await regions();
    const rows = generateDemoScenarios(count, index, { seed: 5, year: 2026 });
    const finder = createScenarioFinder(rows, index);
    finder.prepareSearch();
    const regionCodes = [...index.cities(), ...index.counties()].map((region) => region.code);
    let seed = 42;
    const random = () => {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      return seed / 2 ** 32;
    };
    const times: number[] = [];
    for (let i = 0; i < changes; i += 1) {
      const filter = randomFilter(random, regionCodes);
      const start = performance.now();
      const found = finder(filter);
      // What the UI thread does per change: filter, the map's points, and packing them for the clustering worker.
      const points = found.map((s) => ({ id: s.id, title: s.title, lat: s.location.lat, lng: s.location.lng, field: s.field, status: s.status }));
      packCoordinates(points);
      times.push(performance.now() - start);
    }
    return { p95: percentile(times, 95), median: percentile(times, 50) };
  },
};

/** The shape `npm run bench` calls through `window.__atlasBench`. */
export type BenchApi = typeof benchApi;
