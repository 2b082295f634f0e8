/**
 * Makes a backup's bytes off the page (createBackup, backupRepository.ts): the page's database,
 * opened here by name, read in one transaction, written as JSON and hashed. For a register of 100k
 * records that was ~10 s of the page's thread (reading every row, JSON of ~100 MB, SHA-256), taken
 * before every import and merge and daily.
 */
import type { BackupReason } from '../../shared/backup/backupName';
import { AtlasDb } from './atlasDb';
import { snapshotBytes } from './backupSnapshot';
import type { WorkerAnswer } from '../workers/askWorker';

/** What the page asks for. */
export interface BackupSnapshotRequest {
  readonly dbName: string;
  readonly reason: BackupReason;
  readonly now: number;
}

/** What the worker answers: the bytes (transferred). */
export interface BackupSnapshot {
  readonly bytes: Uint8Array<ArrayBuffer>;
}

/** The parts of DedicatedWorkerGlobalScope used here (the renderer's tsconfig has the DOM lib, not WebWorker). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<BackupSnapshotRequest>) => void) | null;
  postMessage(message: WorkerAnswer<BackupSnapshot>, transfer?: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = async function snapshot(event) {
  const { dbName, reason, now } = event.data;
  const db = new AtlasDb(dbName);
  try {
    const bytes = (await snapshotBytes(db, reason, now)) as Uint8Array<ArrayBuffer>;
    scope.postMessage({ ok: true, bytes }, [bytes.buffer]);
  } catch (error) {
    scope.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
  } finally {
    db.close();
  }
};
