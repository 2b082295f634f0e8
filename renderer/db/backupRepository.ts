/**
 * Backups of the register (issue 6 item 6). The data lives in this renderer's IndexedDB, so the
 * renderer makes the snapshot and main (or the browser twin) only stores its bytes:
 *
 * - {@link createBackup} makes the file (backupSnapshot.ts) and hands it to the platform (which
 *   keeps the newest N).
 * - {@link restoreBackup} reads one back, checks all of it, backs up the current data ('restore')
 *   and replaces every table in ONE transaction. Any error before or during that transaction
 *   leaves the database as it was.
 *
 * In the app, the reading, writing and checking run in workers (backupWorker.ts, restoreWorker.ts):
 * at 100k records a backup is ~100 MB of JSON. Node tests run them in place.
 */
import { isDailyBackupDue, type BackupInfo, type BackupReason } from '../../shared/backup/backupName';
import type { PlatformApi } from '../../shared/ipc/contract';
import type { BackupError } from '../../shared/ipc/filesContract';
import { fail, failureMessage } from '../../shared/domain/localizedText';
import { ok, type Result } from '../../shared/result';
import type { AtlasDb } from './atlasDb';
import { messageOf, restoreStepsHere, snapshotBytes, type RestoreError, type RestoreSteps } from './backupSnapshot';
import type { BackupSnapshot, BackupSnapshotRequest } from './backupWorker';
import type { RestoreAsk, RestoreChecked } from './restoreWorker';
import { askWorker, talkToWorker } from '../workers/askWorker';

/** What a restore put back: rows per table. */
export interface RestoreSummary {
  readonly id: string;
  readonly counts: Readonly<Record<string, number>>;
}

type BackupPlatform = Pick<PlatformApi, 'writeBackup' | 'readBackup' | 'listBackups'>;

/**
 * {@link snapshotBytes} in a worker (backupWorker.ts) where there are workers (the app), so the page
 * stays responsive while a big register is read, written out and hashed; here otherwise (Node tests).
 */
async function snapshotOffThePage(db: AtlasDb, reason: BackupReason, now: number): Promise<Uint8Array> {
  if (typeof Worker === 'undefined') return snapshotBytes(db, reason, now);
  const request: BackupSnapshotRequest = { dbName: db.name, reason, now };
  const worker = new Worker(new URL('./backupWorker.ts', import.meta.url), { type: 'module' });
  return askWorker<BackupSnapshot>(worker, request, 'the backup worker').then((answer) => answer.bytes);
}

/** Dumps the database and stores it as a backup. Call before every import, merge and restore. */
export async function createBackup(db: AtlasDb, platform: Pick<PlatformApi, 'writeBackup'>, reason: BackupReason, now: number = Date.now()): Promise<Result<BackupInfo, BackupError>> {
  let bytes: Uint8Array;
  try {
    bytes = await snapshotOffThePage(db, reason, now);
  } catch (error) {
    console.error('[backup] could not read the database for a backup', error);
    return fail('write-failed', { zh: `无法读取数据以备份：${messageOf(error)}`, en: `Could not read the data to back it up: ${messageOf(error)}` });
  }
  return platform.writeBackup(reason, bytes);
}

/** Takes the daily backup when none is a day old; returns it, or null when none was due. */
export async function ensureDailyBackup(db: AtlasDb, platform: BackupPlatform, now: number = Date.now()): Promise<Result<BackupInfo | null, BackupError>> {
  const listed = await platform.listBackups();
  if (!listed.ok) return listed;
  if (!isDailyBackupDue(listed.value, now)) return ok(null);
  return createBackup(db, platform, 'daily', now);
}

/**
 * {@link RestoreSteps} in a worker (restoreWorker.ts) where there are workers (the app): a 100k
 * register's backup is ~100 MB of JSON, and parsing, hashing, checking every row and writing them
 * held the page for seconds. The bytes are transferred, not copied.
 */
function restoreStepsOffThePage(db: AtlasDb): RestoreSteps {
  if (typeof Worker === 'undefined') return restoreStepsHere(db);
  const conversation = talkToWorker(new Worker(new URL('./restoreWorker.ts', import.meta.url), { type: 'module' }), 'the restore worker');
  return {
    async check(bytes) {
      const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes as Uint8Array<ArrayBuffer>) : (bytes.slice() as Uint8Array<ArrayBuffer>);
      const ask: RestoreAsk = { step: 'check', dbName: db.name, bytes: own };
      return (await conversation.ask<RestoreChecked>(ask, [own.buffer])).result;
    },
    async write() {
      await conversation.ask<object>({ step: 'write' } satisfies RestoreAsk);
    },
    close() {
      conversation.end();
    },
  };
}

/**
 * Restores a backup: read, check all of it, back up the current data ('restore'), then replace
 * every table in one transaction. Refusals and failures leave the database as it was.
 */
export async function restoreBackup(db: AtlasDb, platform: BackupPlatform, id: string, now: number = Date.now()): Promise<Result<RestoreSummary, RestoreError>> {
  const read = await platform.readBackup(id);
  if (!read.ok) return read;
  const steps = restoreStepsOffThePage(db);
  try {
    let counts: Readonly<Record<string, number>>;
    try {
      const checked = await steps.check(read.value);
      if (!checked.ok) return checked;
      counts = checked.value;
    } catch (error) {
      console.error('[backup] the backup could not be checked; nothing was changed', error);
      return fail('invalid-backup', { zh: `无法检查备份文件，数据未作任何改动：${messageOf(error)}`, en: `The backup could not be checked; the data is unchanged: ${messageOf(error)}` });
    }
    const before = await createBackup(db, platform, 'restore', now);
    if (!before.ok) {
      return fail('backup-before-restore-failed', {
        zh: `恢复前未能备份当前数据，因此没有恢复：${before.message}`,
        en: `The current data could not be backed up first, so nothing was restored: ${failureMessage(before, 'en')}`,
      });
    }
    try {
      await steps.write();
    } catch (error) {
      console.error('[backup] restore transaction failed; nothing was changed', error);
      return fail('storage', { zh: `恢复失败，数据未作任何改动：${messageOf(error)}`, en: `The restore failed; the data is unchanged: ${messageOf(error)}` });
    }
    return ok({ id, counts });
  } finally {
    steps.close();
  }
}
