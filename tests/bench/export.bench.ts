/**
 * Export speed and memory (issue 5): our hand-written XLSX writer vs ExcelJS's streaming
 * WorkbookWriter on the same 100k demo scenarios and the same columns, in the same run, plus CSV.
 *
 * Runs in Node: the writers are pure shared code (no DOM, no Node), so the figure is the writer's
 * own cost. The headline runs what the app runs: the XML written in one thread (the export worker,
 * renderer/features/export/exportWorker.ts) while a second one deflates its chunks (deflateWorker.ts,
 * here under worker_threads with the same shared deflatePort.ts); `xlsx_export_100k_1thread_ms` is
 * the same writer compressing in its own thread (what small exports in the page do).
 *
 * Memory: `xlsx_export_100k_peak_mb` is the peak RSS *above the RSS just before the export*
 * (rows and region data already loaded, after a GC when `--expose-gc` is given), sampled after
 * every chunk the writer hands to the compressor (the writer is synchronous, so a timer could
 * not sample it). `xlsx_export_100k_rss_peak_mb` is the absolute peak RSS of the process, for
 * reference. Wall times are median of RUNS; CPU times (`*_cpu_ms`) are reported too because the
 * wall clock is unreliable on a shared, loaded machine.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Writable } from 'node:stream';
import { MessageChannel, Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import { constants as zlibConstants, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { generateDemoScenarios } from '../../shared/domain/demoData';
import type { Scenario } from '../../shared/domain/scenario';
import { createRegionIndex, parseRegionAsset, type RegionIndex } from '../../shared/regions/regions';
import { SCENARIO_COLUMNS } from '../../shared/spreadsheet/scenarioColumns';
import { portDeflater, type PortLike } from '../../shared/spreadsheet/deflatePort';
import { writeScenarioCsv, writeScenarioXlsx, writeScenarioXlsxAsync } from '../../shared/spreadsheet/scenarioWorkbook';
import type { RawDeflate, StringStorage } from '../../shared/spreadsheet/xlsxWriter';
import { median, report } from './report';

const COUNT = 100_000;
const RUNS = 3;

function loadRegions(): RegionIndex {
  const parsed = parseRegionAsset(JSON.parse(readFileSync('assets/regions/sichuan-regions.json', 'utf8')));
  if (!parsed.ok) throw new Error(`[bench] region asset invalid: ${parsed.message}`);
  return createRegionIndex(parsed.value);
}

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

interface Timed<T> {
  readonly value: T;
  readonly wallMs: number;
  readonly cpuMs: number;
}

async function timed<T>(work: () => T | Promise<T>): Promise<Timed<T>> {
  collectGarbage();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await work();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { value, wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** Node's native zlib as the writer's deflate (what Electron's main process could use). */
const zlibDeflate: RawDeflate = (chunk, isFinal) =>
  deflateRawSync(chunk, { level: 1, finishFlush: isFinal ? zlibConstants.Z_FINISH : zlibConstants.Z_FULL_FLUSH });

/** The compression worker's script, bundled like this bench (scripts/run-ts.mjs) since Node cannot load .ts. */
async function bundleDeflateWorker(): Promise<string> {
  const outfile = resolve('.tsbuild/run/deflateWorker.mjs');
  await build({ entryPoints: ['tests/bench/deflateWorker.ts'], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' });
  return outfile;
}

/** How a run compresses: in the writing thread (optionally with another deflate), or in a worker as the app does. */
type Compression = { readonly kind: 'thread'; readonly deflate?: RawDeflate } | { readonly kind: 'worker'; readonly script: string };

/**
 * Writes the workbook; with a worker, one is started per export (as the app does) and its start
 * counts. The result is what the app hands to the save: the one array of the in-thread writer, or
 * the zip's pieces from the two-thread one (never joined: a save writes or downloads them in turn).
 */
async function writeWith(rows: readonly Scenario[], regions: RegionIndex, strings: StringStorage, compression: Compression, onProgress: () => void): Promise<readonly Uint8Array[]> {
  if (compression.kind === 'thread') return [writeScenarioXlsx(rows, regions, { strings, onProgress, ...(compression.deflate ? { deflate: compression.deflate } : {}) })];
  const worker = new Worker(compression.script);
  const channel = new MessageChannel();
  worker.postMessage({ port: channel.port2 }, [channel.port2]);
  const port = portDeflater(channel.port1 as unknown as PortLike);
  try {
    return await writeScenarioXlsxAsync(rows, regions, { strings, onProgress, deflater: port.deflater });
  } finally {
    port.close();
    await worker.terminate();
  }
}

/** Our writer, with RSS sampled after every chunk. */
async function ourXlsx(rows: readonly Scenario[], regions: RegionIndex, strings: StringStorage, compression: Compression) {
  collectGarbage();
  const before = process.memoryUsage.rss();
  let peak = before;
  const run = await timed(() =>
    writeWith(rows, regions, strings, compression, () => {
      peak = Math.max(peak, process.memoryUsage.rss());
    }),
  );
  peak = Math.max(peak, process.memoryUsage.rss());
  return { ...run, bytes: run.value.reduce((sum, part) => sum + part.length, 0), peakAboveMb: (peak - before) / 1e6, peakRssMb: peak / 1e6 };
}

/** ExcelJS turns a Date into a serial by its UTC fields: give it the Shanghai wall clock as UTC. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** ExcelJS's streaming writer on the same columns: styled frozen header, widths, auto-filter, dates. */
async function excelJsStreamXlsx(rows: readonly Scenario[], regions: RegionIndex): Promise<number> {
  let size = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      done();
    },
  });
  const finished = new Promise<void>((resolve, reject) => {
    sink.on('finish', resolve);
    sink.on('error', reject);
  });
  // Same deflate level as ours (1), so the comparison is the writers, not the compression setting.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false, zip: { zlib: { level: 1 } } });
  const sheet = workbook.addWorksheet('场景目录', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = SCENARIO_COLUMNS.map((column) => ({
    header: column.zh,
    key: column.key,
    width: column.width,
    style: column.kind === 'date' ? { numFmt: 'yyyy-mm-dd' } : column.kind === 'datetime' ? { numFmt: 'yyyy-mm-dd hh:mm:ss' } : {},
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  header.commit();
  sheet.autoFilter = { from: 'A1', to: { row: 1, column: SCENARIO_COLUMNS.length } };
  for (const row of rows) {
    const values = SCENARIO_COLUMNS.map((column) => {
      const value = column.toCell(row, regions);
      if (column.kind === 'date' && typeof value === 'string') return new Date(`${value}T00:00:00Z`);
      if (column.kind === 'datetime' && typeof value === 'number') return new Date(value + SHANGHAI_OFFSET_MS);
      return value;
    });
    sheet.addRow(values).commit();
  }
  sheet.commit();
  await workbook.commit();
  await finished;
  return size;
}

/** Prints the export figures of issue 5 (see the file comment for what each one measures). */
export async function benchExport(): Promise<void> {
  const regions = loadRegions();
  const rows = generateDemoScenarios(COUNT, regions, { seed: 5, year: 2026 });
  // Warm up the JIT on a slice, so the first measured run is not the compile.
  writeScenarioXlsx(rows.slice(0, 5000), regions);
  writeScenarioCsv(rows.slice(0, 5000), regions);

  // The headline is what the app's export worker runs: `auto` strings, compression in a second
  // worker. The variants (one thread; all-shared, all-inline; Node's native zlib in the writing
  // thread, as Electron's main process could use) run once each to keep the bench short.
  const worker: Compression = { kind: 'worker', script: await bundleDeflateWorker() };
  const thread: Compression = { kind: 'thread' };
  const shared: Awaited<ReturnType<typeof ourXlsx>>[] = [];
  for (let run = 0; run < RUNS; run += 1) shared.push(await ourXlsx(rows, regions, 'auto', worker));
  const oneThread = [await ourXlsx(rows, regions, 'auto', thread)];
  const allShared = [await ourXlsx(rows, regions, 'shared', worker)];
  const inline = [await ourXlsx(rows, regions, 'inline', worker)];
  const native = [await ourXlsx(rows, regions, 'auto', { kind: 'thread', deflate: zlibDeflate })];
  const peer = await timed(() => excelJsStreamXlsx(rows, regions));
  const csv: Timed<Uint8Array>[] = [];
  for (let run = 0; run < RUNS; run += 1) csv.push(await timed(() => writeScenarioCsv(rows, regions)));

  const ours = median(shared.map((r) => r.wallMs));
  report('xlsx_export_100k_ms', ours, 'ms');
  report('xlsx_export_100k_cpu_ms', median(shared.map((r) => r.cpuMs)), 'ms');
  report('xlsx_export_100k_peak_mb', Math.max(...shared.map((r) => r.peakAboveMb)), 'MB');
  report('xlsx_export_100k_rss_peak_mb', Math.max(...shared.map((r) => r.peakRssMb)), 'MB');
  report('xlsx_export_100k_size_mb', (shared[0]?.bytes ?? NaN) / 1e6, 'MB');
  report('xlsx_export_100k_1thread_ms', median(oneThread.map((r) => r.wallMs)), 'ms');
  report('xlsx_export_100k_1thread_cpu_ms', median(oneThread.map((r) => r.cpuMs)), 'ms');
  report('xlsx_export_100k_shared_ms', median(allShared.map((r) => r.wallMs)), 'ms');
  report('xlsx_export_100k_shared_cpu_ms', median(allShared.map((r) => r.cpuMs)), 'ms');
  report('xlsx_export_100k_shared_size_mb', (allShared[0]?.bytes ?? NaN) / 1e6, 'MB');
  report('xlsx_export_100k_inline_ms', median(inline.map((r) => r.wallMs)), 'ms');
  report('xlsx_export_100k_inline_cpu_ms', median(inline.map((r) => r.cpuMs)), 'ms');
  report('xlsx_export_100k_inline_peak_mb', Math.max(...inline.map((r) => r.peakAboveMb)), 'MB');
  report('xlsx_export_100k_inline_size_mb', (inline[0]?.bytes ?? NaN) / 1e6, 'MB');
  report('xlsx_export_100k_zlib_ms', median(native.map((r) => r.wallMs)), 'ms');
  report('xlsx_export_100k_zlib_cpu_ms', median(native.map((r) => r.cpuMs)), 'ms');
  report('exceljs_stream_export_100k_ms', peer.wallMs, 'ms');
  report('exceljs_stream_export_100k_cpu_ms', peer.cpuMs, 'ms');
  report('exceljs_stream_export_100k_size_mb', peer.value / 1e6, 'MB');
  report('xlsx_export_speedup_x', peer.wallMs / ours, 'x');
  report('csv_export_100k_ms', median(csv.map((r) => r.wallMs)), 'ms');
  report('csv_export_100k_cpu_ms', median(csv.map((r) => r.cpuMs)), 'ms');
  report('csv_export_100k_size_mb', (csv[0]?.value.length ?? NaN) / 1e6, 'MB');
}
