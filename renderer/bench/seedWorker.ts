/**
 * Writes `count` demo scenarios into the app's database from a worker, as the import worker writes
 * an import (renderer/features/import/importWorker.ts): the open app learns of it only through
 * Dexie's cross-context notice, and then reads the rows again. (A write from the page itself would
 * also make the page's Dexie fit its own 100k mutations into its live-query cache, seconds of work
 * no import or exchange package makes it do.)
 */
import { loadRegions } from '../regions/loadRegions';
import { seedAppDb } from './seedAppDb';
import type { WorkerAnswer } from '../workers/askWorker';

/** What the worker answers: the records written. */
export interface SeedAnswer {
  readonly written: number;
}

/** The parts of DedicatedWorkerGlobalScope used here (the renderer's tsconfig has the DOM lib, not WebWorker). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<{ readonly count: number }>) => void) | null;
  postMessage(message: WorkerAnswer<SeedAnswer>): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = async function seed(event) {
  try {
    scope.postMessage({ ok: true, written: await seedAppDb(await loadRegions(), event.data.count) });
  } catch (error) {
    scope.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
  }
};
