/**
 * The page's long tasks as Chromium's trace sees them: wall time and the main thread's own CPU time
 * of each. On a busy two-core machine a task's wall time also holds the time the thread waited for
 * a core (the browser process reading IndexedDB, our workers, the collector's helper threads), so
 * `npm run bench` prints both: the wall time is what a person on this machine feels, the CPU time
 * is the work the page itself did in that task.
 */
import type { BrowserContext, Page } from '@playwright/test';

/** One trace event, the fields read here (Chrome's Trace Event Format; times in µs). */
export interface TraceEvent {
  readonly name: string;
  readonly cat: string;
  readonly ph: string;
  readonly pid: number;
  readonly tid: number;
  readonly ts: number;
  readonly dur?: number;
  readonly tdur?: number;
  readonly args?: { readonly name?: string };
}

/** A task of the page's main thread (ms). */
export interface MainThreadTask {
  readonly wallMs: number;
  readonly cpuMs: number;
}

/** The top-level task event of a Chromium thread (scheduler's RunTask: one per event-loop task). */
const TASK_EVENT = 'ThreadControllerImpl::RunTask';

/**
 * The tasks of the renderer's main thread (`CrRendererMain`) that started at or after the first
 * `mark` (a performance.mark of the page, a user-timing trace event) and lasted at least `minMs` of
 * wall time. Throws when the trace has no such mark or no main thread: a figure from a trace that
 * missed them would be 0 and look like a success.
 */
export function mainThreadTasksAfter(events: readonly TraceEvent[], mark: string, minMs = 50): MainThreadTask[] {
  const mainThreads = new Set(events.filter((event) => event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain').map((event) => `${String(event.pid)}:${String(event.tid)}`));
  if (mainThreads.size === 0) throw new Error('[bench] the trace names no renderer main thread');
  const marks = events.filter((event) => event.name === mark && event.cat.includes('blink.user_timing')).map((event) => event.ts);
  if (marks.length === 0) throw new Error(`[bench] the trace has no mark ${mark}`);
  const from = Math.min(...marks);
  return events
    .filter((event) => event.ph === 'X' && event.name === TASK_EVENT && event.ts >= from && mainThreads.has(`${String(event.pid)}:${String(event.tid)}`))
    .map((event) => ({ wallMs: (event.dur ?? 0) / 1000, cpuMs: (event.tdur ?? 0) / 1000 }))
    .filter((task) => task.wallMs >= minMs);
}

/** Starts a trace of the page's top-level tasks and user timing; `stop` ends it and returns its events. */
export async function traceTasks(context: BrowserContext, page: Page): Promise<{ stop(): Promise<TraceEvent[]> }> {
  const cdp = await context.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (data) => {
    // Playwright types the events as string maps; they are JSON trace events (numbers included).
    events.push(...(data.value as unknown as TraceEvent[]));
  });
  // Only these categories: the sampling and V8 categories would add load to the run they measure.
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['toplevel', 'blink.user_timing', '__metadata'] }, transferMode: 'ReportEvents' });
  return {
    async stop() {
      const complete = new Promise<void>((resolve) => {
        cdp.once('Tracing.tracingComplete', () => resolve());
      });
      await cdp.send('Tracing.end');
      await complete;
      await cdp.detach();
      return events;
    },
  };
}
