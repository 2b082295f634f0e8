/**
 * Stores a browser backup off the page (browserFiles.ts writeBackup): making the Blob of a 100 MB
 * backup and adding it to the backup database held the page's thread over a second.
 */
import type { WorkerAnswer } from '../workers/askWorker';
import { BackupDb, storeBackup, type StoreBackupRequest, type StoredBackup } from './browserFiles';

/** The parts of DedicatedWorkerGlobalScope used here (the renderer's tsconfig has the DOM lib, not WebWorker). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<StoreBackupRequest>) => void) | null;
  postMessage(message: WorkerAnswer<StoredBackup>): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = async function store(event) {
  const { dbName, reason, bytes, at, keep } = event.data;
  const db = new BackupDb(dbName);
  try {
    scope.postMessage({ ok: true, info: await storeBackup(db, reason, bytes, at, keep) });
  } catch (error) {
    scope.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
  } finally {
    db.close();
  }
};
