import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { asWuhouCountyOffice, chromiumLaunchOptions, type BrowserBench } from './browser';
import { mainThreadTasksAfter, traceTasks } from './mainThreadTrace';
import { median, report } from './report';

type BenchWindow = {
  __atlasBench?: {
    clusterBuild(count: number): Promise<number>;
    markerclusterBuild(count: number): Promise<number>;
    filterTimes(count: number, changes: number): Promise<{ p95: number; median: number }>;
    seedAppDb(count: number): Promise<number>;
    seedAppDbFromWorker(count: number): Promise<number>;
    backupCount(): Promise<number>;
  };
};

const COUNT = 100_000;
/** Cold starts per figure: the median of five, as the first paint target (≤ 1500 ms) sits near the noise of a shared machine. */
const COLD_RUNS = 5;

/** Opens the bench build and waits for its page API. */
async function benchPage(bench: BrowserBench) {
  const context = await bench.browser.newContext({ viewport: { width: 1440, height: 900 } });
  await asWuhouCountyOffice(context);
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
  // What they were (verbose runs print it): Chromium's long animation frames, with their scripts.
  const frames: PerformanceEntry[] = [];
  (window as unknown as { __atlasLongFrames: typeof frames }).__atlasLongFrames = frames;
  if (PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) frames.push(entry);
    }).observe({ type: 'long-animation-frame', buffered: true });
  }
}

/** In the page: the long animation frames from `after` on (ms; by default the rows' arrival), longest first, as text lines. */
function longFramesAfterRows(after: number | null): string[] {
  type Script = { invoker: string; sourceFunctionName: string; sourceURL: string; duration: number; forcedStyleAndLayoutDuration: number };
  type Frame = PerformanceEntry & { renderStart: number; styleAndLayoutStart: number; scripts: Script[] };
  const from = after ?? performance.getEntriesByName('atlas:register-rows')[0]?.startTime ?? 0;
  const frames = (window as unknown as { __atlasLongFrames: Frame[] }).__atlasLongFrames;
  return frames
    .filter((frame) => frame.startTime + frame.duration > from)
    .sort((a, b) => b.duration - a.duration)
    .slice(0, 4)
    .map((frame) => {
      const scripts = frame.scripts
        .map((script) => `${script.invoker} ${script.sourceFunctionName} ${String(Math.round(script.duration))} ms (layout ${String(Math.round(script.forcedStyleAndLayoutDuration))})`)
        .join('; ');
      const render = frame.renderStart > 0 ? Math.round(frame.startTime + frame.duration - frame.renderStart) : 0;
      return `@${String(Math.round(frame.startTime - from))} ${String(Math.round(frame.duration))} ms, render ${String(render)} ms: ${scripts}`;
    });
}

/**
 * In the page, two seconds after the markers were drawn: the longest task (0 when none reached 50
 * ms) from the map's first drawing (the workspace taking over the first screen, the rows read and
 * shown), and from the moment the rows were handed to the register (useScenarios.ts
 * REGISTER_ROWS_MARK: filtered, counted, tabled, clustered and drawn).
 */
async function longestTasksAfterMapDrawn(): Promise<{ fromMap: number; fromRows: number }> {
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const tasks = (window as unknown as { __atlasLongTasks: { startTime: number; duration: number }[] }).__atlasLongTasks;
  const longestFrom = (mark: string): number => {
    const from = performance.getEntriesByName(mark)[0]?.startTime ?? 0;
    return Math.round(Math.max(0, ...tasks.filter((task) => task.startTime + task.duration > from).map((task) => task.duration)));
  };
  return { fromMap: longestFrom('atlas:map-drawn'), fromRows: longestFrom('atlas:register-rows') };
}

/**
 * Runs of {@link benchRegisterRefresh} (each seeds 100k records into a fresh profile, about a
 * minute): ATLAS_BENCH_REFRESH_RUNS, 1 to 10, else 2.
 */
export function refreshRuns(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env['ATLAS_BENCH_REFRESH_RUNS'];
  if (raw === undefined || raw === '') return 2;
  const runs = Number(raw);
  if (!Number.isInteger(runs) || runs < 1 || runs > 10) throw new RangeError(`[bench] ATLAS_BENCH_REFRESH_RUNS must be a whole number from 1 to 10, not ${raw}`);
  return runs;
}

/** The page's mark at the end of the bench's 100k-record write (trace and long tasks are counted from it). */
const WRITTEN_MARK = 'atlas:bench-written';

/**
 * A 100k-record write landing in an open register, as after a 100k-row import or exchange package:
 * the app is open on an empty register (map and table up, its daily backup taken), 100k records are written to its
 * database from a worker (seedAppDbFromWorker, one transaction, as the import worker commits), and the store reads the
 * rows again and the register filters, counts, tables, clusters and draws them.
 * register_refresh_100k_longest_task_ms: the longest task of the page from the write's end until
 * two seconds after the markers are drawn (0 when none reached 50 ms).
 * register_refresh_100k_longest_task_cpu_ms: the most main-thread CPU time one task of the page used
 * in that span (Chromium's trace; mainThreadTrace.ts): on a busy two-core machine the wall time of a
 * task can be three times its CPU time.
 */
export async function benchRegisterRefresh(bench: BrowserBench): Promise<void> {
  const longest: number[] = [];
  const longestCpu: number[] = [];
  const runs = refreshRuns();
  for (let run = 0; run < runs; run += 1) {
    const profile = mkdtempSync(join(tmpdir(), 'atlas-bench-refresh-'));
    try {
      const context = await chromium.launchPersistentContext(profile, { ...chromiumLaunchOptions(), viewport: { width: 1440, height: 900 } });
      await asWuhouCountyOffice(context);
      await context.addInitScript(watchLongTasks);
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(bench.url);
      await page.waitForFunction(() => (window as BenchWindow).__atlasBench !== undefined, undefined, { timeout: 60_000 });
      // The workspace is up on the empty register (its empty state), its daily backup is taken
      // (20 s after start-up: useBackups.ts), and the page has settled. An import takes a backup
      // before it commits, so the daily one never reads the register beside the reload that follows;
      // a write landing 20 s after start-up here had it do just that, a worker using a core for
      // seconds, and it stretched the page's tasks to two or three times their CPU time.
      await page.waitForSelector('.ant-empty, .ant-table', { timeout: 120_000 });
      await page.evaluate(async () => {
        const deadline = performance.now() + 90_000;
        while ((await (window as BenchWindow).__atlasBench!.backupCount()) === 0) {
          if (performance.now() > deadline) throw new Error('[bench] the app took no daily backup within 90 s of opening');
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      });
      await page.waitForTimeout(3000);
      const trace = await traceTasks(context, page);
      const written = await page.evaluate(
        async ({ n, mark }) => {
          await (window as BenchWindow).__atlasBench!.seedAppDbFromWorker(n);
          performance.mark(mark);
          return performance.now();
        },
        { n: COUNT, mark: WRITTEN_MARK },
      );
      await page.waitForFunction(() => performance.getEntriesByName('atlas:markers-drawn').length > 0, undefined, { timeout: 300_000 });
      longest.push(
        await page.evaluate(async (from) => {
          await new Promise((resolve) => setTimeout(resolve, 2000));
          const tasks = (window as unknown as { __atlasLongTasks: { startTime: number; duration: number }[] }).__atlasLongTasks;
          return Math.round(Math.max(0, ...tasks.filter((task) => task.startTime >= from).map((task) => task.duration)));
        }, written),
      );
      const traced = mainThreadTasksAfter(await trace.stop(), WRITTEN_MARK);
      longestCpu.push(Math.round(Math.max(0, ...traced.map((task) => task.cpuMs))));
      if (process.env['ATLAS_BENCH_VERBOSE']) {
        for (const line of await page.evaluate(longFramesAfterRows, written)) console.log(`# refresh run ${String(run)} frame ${line}`);
        const slowest = [...traced].sort((a, b) => b.wallMs - a.wallMs).slice(0, 6);
        console.log(`# refresh run ${String(run)} traced tasks, wall/cpu ms: ${slowest.map((task) => `${task.wallMs.toFixed(0)}/${task.cpuMs.toFixed(0)}`).join(' ')}`);
      }
      await context.close();
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  }
  report('register_refresh_100k_longest_task_ms', Math.max(...longest), 'ms');
  report('register_refresh_100k_longest_task_cpu_ms', Math.max(...longestCpu), 'ms');
  if (process.env['ATLAS_BENCH_VERBOSE']) console.log(`# register_refresh_100k_longest_task_ms per run: ${longest.join(' ')}; cpu: ${longestCpu.join(' ')}`);
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
    await asWuhouCountyOffice(seeding);
    const seedPage = await seeding.newPage();
    await seedPage.goto(bench.url);
    await seedPage.waitForFunction(() => (window as BenchWindow).__atlasBench !== undefined, undefined, { timeout: 60_000 });
    await seedPage.evaluate((n) => (window as BenchWindow).__atlasBench!.seedAppDb(n), COUNT);
    await seeding.close();
    const paints: number[] = [];
    const markers: number[] = [];
    const longest: { fromMap: number; fromRows: number }[] = [];
    for (let run = 0; run < COLD_RUNS; run += 1) {
      const context = await chromium.launchPersistentContext(profile, options);
      await context.addInitScript(watchLongTasks);
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(bench.url);
      await page.waitForFunction(() => performance.getEntriesByName('atlas:markers-drawn').length > 0, undefined, { timeout: 180_000 });
      paints.push(await page.evaluate(() => performance.getEntriesByName('atlas:map-drawn')[0]?.startTime ?? NaN));
      markers.push(await page.evaluate(() => performance.getEntriesByName('atlas:markers-drawn')[0]?.startTime ?? NaN));
      longest.push(await page.evaluate(longestTasksAfterMapDrawn));
      if (process.env['ATLAS_BENCH_VERBOSE']) for (const line of await page.evaluate(longFramesAfterRows, null)) console.log(`# run ${String(run)} frame ${line}`);
      await context.close();
    }
    report('first_map_paint_ms', median(paints), 'ms');
    report('markers_drawn_100k_ms', median(markers), 'ms');
    // The whole cold start after the first paint: the workspace taking over the first screen, then
    // the rows read, filtered, counted, tabled (its first mount), clustered and drawn.
    report('cold_start_100k_longest_task_ms', Math.max(...longest.map((run) => run.fromMap)), 'ms');
    if (process.env['ATLAS_BENCH_VERBOSE']) console.log(`# longest task per run (from map drawn / from rows): ${longest.map((run) => `${String(run.fromMap)}/${String(run.fromRows)}`).join(' ')}`);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
