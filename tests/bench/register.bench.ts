import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions, type BrowserBench } from './browser';
import { median, report } from './report';

type BenchWindow = {
  __atlasBench?: {
    clusterBuild(count: number): Promise<number>;
    markerclusterBuild(count: number): Promise<number>;
    filterTimes(count: number, changes: number): Promise<{ p95: number; median: number }>;
    seedAppDb(count: number): Promise<number>;
  };
};

const COUNT = 100_000;
/** Cold starts per figure: the median of five, as the first paint target (≤ 1500 ms) sits near the noise of a shared machine. */
const COLD_RUNS = 5;

/** Opens the bench build and waits for its page API. */
async function benchPage(bench: BrowserBench) {
  const context = await bench.browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addInitScript(() => {
    localStorage.setItem('scenario-atlas:settings', JSON.stringify({ unitCode: '510107', role: 'county', language: 'zh-CN', basemap: 'none', tiandituKey: '' }));
  });
  const page = await context.newPage();
  await page.goto(bench.url);
  await page.waitForFunction(() => (window as BenchWindow).__atlasBench !== undefined, undefined, { timeout: 60_000 });
  return { context, page };
}

/** supercluster vs Leaflet.markercluster on the same 100k points, in the same page and run. */
export async function benchClustering(bench: BrowserBench): Promise<void> {
  const { context, page } = await benchPage(bench);
  const ours: number[] = [];
  const peer: number[] = [];
  for (let run = 0; run < 3; run += 1) {
    ours.push(await page.evaluate((n) => (window as BenchWindow).__atlasBench!.clusterBuild(n), COUNT));
    peer.push(await page.evaluate((n) => (window as BenchWindow).__atlasBench!.markerclusterBuild(n), COUNT));
  }
  report('cluster_build_100k_ms', median(ours), 'ms');
  report('markercluster_build_100k_ms', median(peer), 'ms');
  report('cluster_speedup_x', median(peer) / median(ours), 'x');
  await context.close();
}

/** p95 of random filter/search changes over 100k records (filter + map points). */
export async function benchFilter(bench: BrowserBench): Promise<void> {
  const { context, page } = await benchPage(bench);
  const figures = await page.evaluate((n) => (window as BenchWindow).__atlasBench!.filterTimes(n, 200), COUNT);
  report('filter_p95_ms', figures.p95, 'ms');
  report('filter_median_ms', figures.median, 'ms');
  await context.close();
}

/** Installed before the app's code (an init script): keeps every long task (> 50 ms) of the page in `window.__atlasLongTasks`. */
function watchLongTasks(): void {
  const tasks: { startTime: number; duration: number }[] = [];
  (window as unknown as { __atlasLongTasks: typeof tasks }).__atlasLongTasks = tasks;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) tasks.push({ startTime: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
}

/**
 * In the page: the longest task from the map's first drawing until two seconds after the markers
 * were drawn (0 when none reached 50 ms): the register loading its rows while the map is up.
 */
async function longestTaskAfterMapDrawn(): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const from = performance.getEntriesByName('atlas:map-drawn')[0]?.startTime ?? 0;
  const tasks = (window as unknown as { __atlasLongTasks: { startTime: number; duration: number }[] }).__atlasLongTasks;
  return Math.round(Math.max(0, ...tasks.filter((task) => task.startTime + task.duration > from).map((task) => task.duration)));
}

/**
 * Cold start of the app with 100k scenarios in its database: a persistent profile is seeded once,
 * then Chromium is started afresh on it for each run. Reports until the map (boundaries) is drawn
 * and until the scenario markers are, and the longest task from the map drawn on (over all runs).
 */
export async function benchColdStart(bench: BrowserBench): Promise<void> {
  const profile = mkdtempSync(join(tmpdir(), 'atlas-bench-profile-'));
  const options = { ...chromiumLaunchOptions(), viewport: { width: 1440, height: 900 } };
  try {
    const seeding = await chromium.launchPersistentContext(profile, options);
    await seeding.addInitScript(() => {
      localStorage.setItem('scenario-atlas:settings', JSON.stringify({ unitCode: '510107', role: 'county', language: 'zh-CN', basemap: 'none', tiandituKey: '' }));
    });
    const seedPage = await seeding.newPage();
    await seedPage.goto(bench.url);
    await seedPage.waitForFunction(() => (window as BenchWindow).__atlasBench !== undefined, undefined, { timeout: 60_000 });
    await seedPage.evaluate((n) => (window as BenchWindow).__atlasBench!.seedAppDb(n), COUNT);
    await seeding.close();
    const paints: number[] = [];
    const markers: number[] = [];
    const longest: number[] = [];
    for (let run = 0; run < COLD_RUNS; run += 1) {
      const context = await chromium.launchPersistentContext(profile, options);
      await context.addInitScript(watchLongTasks);
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(bench.url);
      await page.waitForFunction(() => performance.getEntriesByName('atlas:markers-drawn').length > 0, undefined, { timeout: 180_000 });
      paints.push(await page.evaluate(() => performance.getEntriesByName('atlas:map-drawn')[0]?.startTime ?? NaN));
      markers.push(await page.evaluate(() => performance.getEntriesByName('atlas:markers-drawn')[0]?.startTime ?? NaN));
      longest.push(await page.evaluate(longestTaskAfterMapDrawn));
      await context.close();
    }
    report('first_map_paint_ms', median(paints), 'ms');
    report('markers_drawn_100k_ms', median(markers), 'ms');
    // The register taking in 100k rows (read, filtered, counted, clustered and drawn): the same work
    // as after a 100k-row import or exchange package, when the store reads the rows again.
    report('register_load_100k_longest_task_ms', Math.max(...longest), 'ms');
    if (process.env['ATLAS_BENCH_VERBOSE']) console.log(`# register_load_100k_longest_task_ms per run: ${longest.join(' ')}`);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
