/**
 * The page figures of the spreadsheet import (issue 5: "the UI never blocked more than 100 ms"),
 * measured on the app's own code: our own export of `count` demo scenarios (owned by the
 * province, so the province office may import every row) goes through the import worker
 * (startImportCheck), the preview dialog is rendered with the plan, and the worker commits it
 * (commitImport there) while the page shows its progress — and a PerformanceObserver records every
 * long task (> 50 ms) of the page.
 *
 * The database is a fresh one of its own (deleted afterwards): the app's register is untouched.
 */
import { createElement, startTransition, useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { ConfigProvider } from 'antd';
import zhCNLocale from 'antd/locale/zh_CN';
import { asRegionCode } from '../../shared/regions/regions';
import { ATLAS_BUTTON_CONFIG, ATLAS_THEME } from '../app/AntdWorkspace';
import { AtlasDb } from '../db/atlasDb';
import { loadImportSnapshot } from '../db/importRepository';
import type { Actor } from '../db/writePath';
import { ImportDialog } from '../features/import/ImportDialog';
import { isProgressWorthShowing, startImportCheck, startImportUndo, type CommitProgress } from '../features/import/importCheck';
import type { ImportState } from '../features/import/useScenarioImport';

/** The import's page figures, in ms. */
export interface ImportPageFigures {
  /** Read → committed: snapshot, worker check, preview, commit. */
  readonly pageMs: number;
  /** Snapshot and the worker's check, to the plan received. */
  readonly checkMs: number;
  /** The preview dialog rendered with the plan. */
  readonly previewMs: number;
  readonly commitMs: number;
  /** The longest task of the page during the import (0 when none reached 50 ms, the long-task floor). */
  readonly longestTaskMs: number;
  readonly longestCheckTaskMs: number;
  readonly longestPreviewTaskMs: number;
  readonly longestCommitTaskMs: number;
  /** Undoing the whole import (undoBatch in a worker: one transaction, in chunks), and its longest task. */
  readonly undoMs: number;
  readonly longestUndoTaskMs: number;
  readonly tasksOver50: number;
  readonly tasksOver100: number;
  readonly created: number;
  readonly fileMb: number;
  /** Every long task of the import: when (ms from the start), how long, and in which phase. */
  readonly longTasks: readonly { readonly at: number; readonly ms: number; readonly phase: 'check' | 'preview' | 'commit' | 'undo' }[];
  /**
   * The longest animation frames (Chromium's long-animation-frame entries, over 50 ms) with the
   * scripts that ran in them: which code a long task was, and how much of it was forced style and
   * layout (code reading the layout it has just changed).
   */
  readonly longFrames: readonly LongFrame[];
  /**
   * When the import started and the commit began, in ms since the page's time origin: lines the
   * long tasks up with a V8 GC trace (ATLAS_BENCH_JSFLAGS=--trace-gc), whose times count from about then.
   */
  readonly startedAt: number;
  readonly commitStartedAt: number;
}

/** A long animation frame: when (ms from the start), how long, its forced style and layout, and its longest scripts. */
export interface LongFrame {
  readonly at: number;
  readonly ms: number;
  readonly forcedLayoutMs: number;
  readonly scripts: readonly { readonly invoker: string; readonly source: string; readonly ms: number; readonly forcedLayoutMs: number }[];
}

/** The fields of Chromium's PerformanceLongAnimationFrameTiming this bench reads (not in TypeScript's DOM types yet). */
interface FrameTiming extends PerformanceEntry {
  readonly scripts: readonly (PerformanceEntry & { readonly invoker: string; readonly sourceURL: string; readonly sourceFunctionName: string; readonly forcedStyleAndLayoutDuration: number })[];
}

/** The `limit` longest frames from `start` on, as {@link LongFrame}s. */
function longestFrames(entries: readonly PerformanceEntry[], start: number, limit: number): LongFrame[] {
  return [...(entries as readonly FrameTiming[])]
    .filter((frame) => frame.startTime >= start)
    .sort((a, b) => b.duration - a.duration)
    .slice(0, limit)
    .map((frame) => ({
      at: Math.round(frame.startTime - start),
      ms: Math.round(frame.duration),
      forcedLayoutMs: Math.round(frame.scripts.reduce((sum, script) => sum + script.forcedStyleAndLayoutDuration, 0)),
      scripts: [...frame.scripts]
        .sort((a, b) => b.duration - a.duration)
        .slice(0, 3)
        .map((script) => ({
          invoker: script.invoker,
          source: `${script.sourceFunctionName || '(anonymous)'} ${script.sourceURL.split('/').pop() ?? ''}`,
          ms: Math.round(script.duration),
          forcedLayoutMs: Math.round(script.forcedStyleAndLayoutDuration),
        })),
    }));
}

const PROVINCE = asRegionCode('510000');

/** The next frame, then a task: lets the long-task observer and React catch up. */
const settle = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/** Our own XLSX export of `count` demo scenarios, built in a worker (workbookWorker.ts) so its garbage is not the page's. */
function registerWorkbook(count: number): Promise<Uint8Array<ArrayBuffer>> {
  const worker = new Worker(new URL('./workbookWorker.ts', import.meta.url), { type: 'module' });
  return new Promise<Uint8Array<ArrayBuffer>>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<Uint8Array<ArrayBuffer>>) => resolve(event.data);
    worker.onerror = (event) => reject(new Error(`[bench] building the workbook failed: ${event.message}`));
    worker.postMessage({ count });
  }).finally(() => worker.terminate());
}

type ShownState = Exclude<ImportState, { phase: 'idle' }>;

/**
 * Renders the import dialog as the app does: under antd's provider, in the app's theme (so antd's
 * style cache is the app's), rendered once, as the app's sits at the top of the workspace and does
 * not re-render with the dialog; the dialog's state in a component of its own, as ImportButton
 * holds it. Resolves, once mounted, to what sets that state. (Re-rendering the provider with each
 * state would re-render every antd component below it, the memoised preview table too: work the
 * app does not do.)
 */
async function mountDialog(root: Root, first: ShownState): Promise<(state: ShownState) => void> {
  let setShown: ((state: ShownState) => void) | null = null;
  function BenchDialog() {
    const [state, setState] = useState(first);
    setShown = setState;
    return createElement(ImportDialog, { state, onCancel: () => undefined, onCommit: () => undefined });
  }
  root.render(createElement(ConfigProvider, { locale: zhCNLocale, theme: ATLAS_THEME, button: ATLAS_BUTTON_CONFIG }, createElement(BenchDialog)));
  while (setShown === null) await settle();
  const set: (state: ShownState) => void = setShown;
  return set;
}

/** Runs a `count`-row import in the page and reports its longest blocking task. */
export async function measureImportPage(count: number): Promise<ImportPageFigures> {
  const file = await registerWorkbook(count);
  const db = new AtlasDb(`bench-import-${Math.random().toString(36).slice(2)}`);
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  const tasks: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) tasks.push(entry);
  });
  const frames: PerformanceEntry[] = [];
  const frameObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) frames.push(entry);
  });
  try {
    const actor: Actor = { unitCode: PROVINCE, role: 'province' };
    await db.open();
    await settle();
    observer.observe({ type: 'longtask', buffered: true });
    // Where supported (Chromium 123+): what the long tasks were.
    if (PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) frameObserver.observe({ type: 'long-animation-frame', buffered: true });
    const fileName = 'bench-import.xlsx';
    const start = performance.now();
    // What the hook does (useScenarioImport.check): the bytes of the file and the snapshot, then the worker.
    const bytes = file.slice().buffer;
    const show = await mountDialog(root, { phase: 'checking', fileName, stage: 'read', done: 0, total: 0 });
    const snapshot = await loadImportSnapshot(db);
    const check = startImportCheck(
      { fileName, bytes, unitCode: PROVINCE, existingByNumber: snapshot.existingByNumber, existingIds: snapshot.existingIds, now: Date.now() },
      (stage, done, total) => show({ phase: 'checking', fileName, stage, done, total }),
    );
    const outcome = await check.outcome;
    if (outcome.kind !== 'preview') throw new Error(`[bench] the check ended ${outcome.kind === 'refused' ? `refused: ${outcome.text.en}` : 'cancelled'}`);
    const planned = performance.now();
    // As the hook does: the preview and the commit's progress are rendered as transitions.
    const preview = { phase: 'preview', fileName, summary: outcome.summary, plan: outcome.plan, commitError: null, progress: null } as const;
    startTransition(() => show(preview));
    // The dialog, and the first page of the preview (rows with problems, the default) read from the worker.
    const firstPage = outcome.summary.problemRows > 0 ? '.ant-table-row' : '.ant-table-placeholder';
    while (document.querySelector('.ant-statistic') === null || document.querySelector(firstPage) === null) await settle();
    const previewed = performance.now();

    show({ ...preview, phase: 'committing' });
    let shown: CommitProgress | null = null;
    const result = await outcome.plan.commit({ dbName: db.name, actor, choice: 'skip', batchId: crypto.randomUUID() }, {
      onProgress: (stage, done, total) => {
        const next = { stage, done, total };
        if (!isProgressWorthShowing(shown, next)) return;
        shown = next;
        startTransition(() => show({ ...preview, phase: 'committing', progress: next }));
      },
    });
    if (!result.ok) throw new Error(`[bench] the commit was refused: ${result.message}`);
    outcome.plan.close();
    root.render(null);
    await settle();
    const end = performance.now();

    // Undo of the whole import, as 撤销本次导入 runs it: in a worker (its progress is a message, not measured here).
    const undone = await startImportUndo({ dbName: db.name, actor, batchId: result.value.batchId }, () => undefined);
    if (!undone.ok) throw new Error(`[bench] the undo was refused: ${undone.message}`);
    await settle();
    const undoEnd = performance.now();

    await settle();
    for (const entry of observer.takeRecords()) tasks.push(entry);
    for (const entry of frameObserver.takeRecords()) frames.push(entry);
    const during = tasks.filter((task) => task.startTime >= start && task.startTime < undoEnd);
    const longest = (from: number, to: number) => Math.max(0, ...during.filter((task) => task.startTime >= from && task.startTime < to).map((task) => task.duration));
    return {
      pageMs: end - start,
      checkMs: planned - start,
      previewMs: previewed - planned,
      commitMs: end - previewed,
      longestTaskMs: longest(start, end),
      undoMs: undoEnd - end,
      longestUndoTaskMs: longest(end, undoEnd),
      longestCheckTaskMs: longest(start, planned),
      longestPreviewTaskMs: longest(planned, previewed),
      longestCommitTaskMs: longest(previewed, end),
      tasksOver50: during.filter((task) => task.startTime < end).length,
      tasksOver100: during.filter((task) => task.startTime < end && task.duration > 100).length,
      created: result.value.created,
      fileMb: file.length / 1e6,
      longFrames: longestFrames(frames, start, 5),
      startedAt: Math.round(start),
      commitStartedAt: Math.round(previewed),
      longTasks: during.map((task) => ({
        at: Math.round(task.startTime - start),
        ms: task.duration,
        phase: task.startTime < planned ? 'check' : task.startTime < previewed ? 'preview' : task.startTime < end ? 'commit' : 'undo',
      })),
    };
  } finally {
    observer.disconnect();
    frameObserver.disconnect();
    root.unmount();
    host.remove();
    db.close();
    await db.delete();
  }
}
