/**
 * The browser twin of the file and backup channels (issue 5, issue 6 item 6): a save is a
 * download, and backups live in their own IndexedDB database (`scenario-atlas-backups`), apart
 * from the register's, so clearing or restoring the register never touches them.
 */
import { Dexie, type Table } from 'dexie';
import { backupId, backupsToPrune, isBackupId, parseBackupId, sortBackups, type BackupInfo, type BackupReason } from '../../shared/backup/backupName';
import { backupFailure } from '../../shared/backup/backupMessages';
import type { PlatformApi } from '../../shared/ipc/contract';
import type { BackupError, FileBytes, SaveFileRequest, SaveFileResult } from '../../shared/ipc/filesContract';
import { ok, type Result } from '../../shared/result';
import { askWorker } from '../workers/askWorker';

/** The database name of the browser's backups. */
export const BROWSER_BACKUP_DB = 'scenario-atlas-backups';

/**
 * A stored backup. Its bytes are a Blob since backups of 100k records: IndexedDB keeps a Blob's
 * contents apart from the row, so listing, pruning and adding rows no longer copies every backup's
 * ~100 MB through the page (Dexie deep-cloned an added Uint8Array element by element: ~2 s, and
 * listing read every backup whole). Rows written before hold a Uint8Array; both are read.
 */
interface BackupRow extends BackupInfo {
  readonly bytes: Blob | Uint8Array;
}

/** The bytes of a stored backup, whichever way its row holds them. */
async function bytesOf(row: BackupRow): Promise<Uint8Array> {
  return row.bytes instanceof Uint8Array ? row.bytes : new Uint8Array(await row.bytes.arrayBuffer());
}

export class BackupDb extends Dexie {
  declare readonly backups: Table<BackupRow, string>;
  constructor(name: string) {
    super(name, { chromeTransactionDurability: 'strict' });
    this.version(1).stores({ backups: 'id, createdAt' });
  }
}

const MIME_BY_EXTENSION: Readonly<Record<string, string>> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv;charset=utf-8',
  geojson: 'application/geo+json',
  json: 'application/json',
};

/** Offers bytes (or a file's pieces, joined by the Blob, not in JS) as a browser download through a temporary <a download>. */
export function downloadBytes(bytes: FileBytes, fileName: string, mime: string): void {
  const parts = (bytes instanceof Uint8Array ? [bytes] : [...bytes]) as Uint8Array<ArrayBuffer>[];
  const url = URL.createObjectURL(new Blob(parts, { type: mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke after the click has been handled; revoking at once cancels the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

type BrowserFiles = Pick<PlatformApi, 'saveFile' | 'writeBackup' | 'listBackups' | 'readBackup' | 'deleteBackup'>;

/** The file and backup methods of the browser platform; `keep` reads the backupKeep setting. */
/**
 * Adds a backup made at `at` (a millisecond later per backup already made then) and prunes the
 * store to the newest `keep`, in one transaction: runs in backupStoreWorker.ts in the app (a Blob
 * of 100 MB took the page's thread ~1.2 s to make), here in Node tests.
 */
export async function storeBackup(store: BackupDb, reason: BackupReason, bytes: Uint8Array, at: number, keep: number): Promise<BackupInfo> {
  return store.transaction('rw', store.backups, async () => {
    let when = at;
    while ((await store.backups.get(backupId(when, reason))) !== undefined) when += 1;
    const row: BackupRow = { id: backupId(when, reason), createdAt: when, reason, size: bytes.length, bytes: new Blob([bytes as Uint8Array<ArrayBuffer>]) };
    await store.backups.add(row);
    // The ids say when each was made: no row (and no backup's bytes) is read to prune.
    const all = (await store.backups.toCollection().primaryKeys()).flatMap((id) => {
      const parsed = parseBackupId(id);
      return parsed ? [{ id, createdAt: parsed.createdAt }] : [];
    });
    await store.backups.bulkDelete(backupsToPrune(all, keep).map((old) => old.id));
    return { id: row.id, createdAt: row.createdAt, reason: row.reason, size: row.size };
  });
}

/** A request to backupStoreWorker.ts: the bytes are transferred (the caller's array is emptied). */
export interface StoreBackupRequest {
  readonly dbName: string;
  readonly reason: BackupReason;
  readonly bytes: Uint8Array;
  readonly at: number;
  readonly keep: number;
}

/** What the worker answers: the backup it stored. */
export interface StoredBackup {
  readonly info: BackupInfo;
}

async function storeBackupInWorker(request: StoreBackupRequest): Promise<BackupInfo> {
  const worker = new Worker(new URL('./backupStoreWorker.ts', import.meta.url), { type: 'module' });
  return (await askWorker<StoredBackup>(worker, request, 'the backup store worker', [request.bytes.buffer])).info;
}

export function createBrowserFiles(keep: () => number, dbName: string = BROWSER_BACKUP_DB, now: () => number = Date.now): BrowserFiles {
  let db: BackupDb | null = null;
  const open = (): BackupDb => (db ??= new BackupDb(dbName));
  const info = ({ id, createdAt, reason, size }: BackupRow): BackupInfo => ({ id, createdAt, reason, size });

  return {
    async saveFile(request: SaveFileRequest): Promise<SaveFileResult> {
      const fileName = request.suggestedName.toLowerCase().endsWith(`.${request.extension}`) ? request.suggestedName : `${request.suggestedName}.${request.extension}`;
      downloadBytes(request.bytes, fileName, MIME_BY_EXTENSION[request.extension] ?? 'application/octet-stream');
      return ok({ status: 'saved', fileName });
    },
    async writeBackup(reason: BackupReason, bytes: Uint8Array): Promise<Result<BackupInfo, BackupError>> {
      try {
        return ok(typeof Worker === 'undefined' ? await storeBackup(open(), reason, bytes, now(), keep()) : await storeBackupInWorker({ dbName, reason, bytes, at: now(), keep: keep() }));
      } catch (error) {
        console.error('[backups] write failed', error);
        return backupFailure.writeFailed(message(error));
      }
    },
    async listBackups(): Promise<Result<BackupInfo[], BackupError>> {
      try {
        // Reads the metadata: a row's bytes are a Blob, whose contents stay on disk (older rows' are mapped away at once).
        const rows: BackupInfo[] = [];
        await open().backups.each((row) => {
          rows.push(info(row));
        });
        return ok(sortBackups(rows));
      } catch (error) {
        console.error('[backups] list failed', error);
        return backupFailure.listFailed(message(error));
      }
    },
    async readBackup(id: string): Promise<Result<Uint8Array, BackupError>> {
      if (!isBackupId(id)) return backupFailure.invalidName(id);
      try {
        const row = await open().backups.get(id);
        return row ? ok(await bytesOf(row)) : backupFailure.notFound(id);
      } catch (error) {
        console.error('[backups] read failed', error);
        return backupFailure.readFailed(id, message(error));
      }
    },
    async deleteBackup(id: string): Promise<Result<true, BackupError>> {
      if (!isBackupId(id)) return backupFailure.invalidName(id);
      try {
        const store = open();
        const found = await store.backups.get(id);
        if (!found) return backupFailure.notFound(id);
        await store.backups.delete(id);
        return ok(true);
      } catch (error) {
        console.error('[backups] delete failed', error);
        return backupFailure.deleteFailed(id, message(error));
      }
    },
  };
}
