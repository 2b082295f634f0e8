/**
 * Restores a backup off the page (restoreBackup, backupRepository.ts): the page hands over the
 * backup's bytes; here they are parsed, hashed and checked row by row against the page's database
 * (opened by name), and, once the page has backed up the current data, written in one transaction.
 * For a register of 100k records that is ~100 MB of JSON: seconds of the page's thread before.
 */
import { AtlasDb } from './atlasDb';
import { restoreStepsHere, type RestoreSteps } from './backupSnapshot';
import type { WorkerAnswer } from '../workers/askWorker';

/** What the page asks: check these bytes (transferred), then write what was checked. */
export type RestoreAsk = { readonly step: 'check'; readonly dbName: string; readonly bytes: Uint8Array<ArrayBuffer> } | { readonly step: 'write' };

/** The answer to a check: the row counts, or why the backup is refused (what RestoreSteps.check gives). */
export interface RestoreChecked {
  readonly result: Awaited<ReturnType<RestoreSteps['check']>>;
}

/** The parts of DedicatedWorkerGlobalScope used here (the renderer's tsconfig has the DOM lib, not WebWorker). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<RestoreAsk>) => void) | null;
  postMessage(message: WorkerAnswer<RestoreChecked | object>): void;
}

const scope = self as unknown as WorkerScope;
let db: AtlasDb | null = null;
let steps: RestoreSteps | null = null;

scope.onmessage = async function restoreStep(event) {
  const ask = event.data;
  try {
    if (ask.step === 'check') {
      db ??= new AtlasDb(ask.dbName);
      steps ??= restoreStepsHere(db);
      scope.postMessage({ ok: true, result: await steps.check(ask.bytes) });
      return;
    }
    if (steps === null) throw new Error('[backup] a restore writes only what it has checked');
    await steps.write();
    scope.postMessage({ ok: true });
  } catch (error) {
    scope.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
  }
};
