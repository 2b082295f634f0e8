import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { backupId, backupsToPrune, parseBackupId, sortBackups, type BackupInfo, type BackupReason } from '../shared/backup/backupName';
import { backupFailure } from '../shared/backup/backupMessages';
import type { BackupError } from '../shared/ipc/filesContract';
import { ok, type Result } from '../shared/result';
import { writeFileAtomic, type AtomicFs } from './atomicWrite';

/**
 * Backup files in one folder (userData/backups): written atomically, the newest N kept, listed
 * and read back by id. Ids are checked by parseBackupId before any path is built, so a request
 * can never name a file outside the folder. Knows bytes, not what is in them.
 */
export function createBackupStore(deps: { readonly dir: string; readonly keep: () => number | Promise<number>; readonly now?: () => number; readonly fs?: AtomicFs }) {
  const now = deps.now ?? Date.now;

  async function list(): Promise<BackupInfo[]> {
    let names: string[];
    try {
      names = await fsp.readdir(deps.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const found: BackupInfo[] = [];
    for (const name of names) {
      const parsed = parseBackupId(name);
      if (!parsed) continue; // temporary files and anything else in the folder are not backups
      const stat = await fsp.stat(path.join(deps.dir, name)).catch(() => null);
      if (stat?.isFile()) found.push({ id: name, ...parsed, size: stat.size });
    }
    return sortBackups(found);
  }

  function pathOf(id: string): string | null {
    return parseBackupId(id) ? path.join(deps.dir, id) : null;
  }

  return {
    async write(reason: BackupReason, bytes: Uint8Array): Promise<Result<BackupInfo, BackupError>> {
      try {
        await fsp.mkdir(deps.dir, { recursive: true });
        let at = now();
        let id = backupId(at, reason);
        // Two backups in one millisecond: the later one moves on a millisecond rather than overwrite.
        while (await fsp.stat(path.join(deps.dir, id)).then(() => true, () => false)) id = backupId((at += 1), reason);
        await writeFileAtomic(path.join(deps.dir, id), bytes, deps.fs);
        for (const old of backupsToPrune(await list(), await deps.keep())) {
          await fsp.rm(path.join(deps.dir, old.id), { force: true });
        }
        return ok({ id, createdAt: at, reason, size: bytes.length });
      } catch (error) {
        console.error('[backups] write failed', error);
        return backupFailure.writeFailed(error instanceof Error ? error.message : String(error));
      }
    },
    async list(): Promise<Result<BackupInfo[], BackupError>> {
      try {
        return ok(await list());
      } catch (error) {
        console.error('[backups] list failed', error);
        return backupFailure.listFailed(error instanceof Error ? error.message : String(error));
      }
    },
    async read(id: string): Promise<Result<Uint8Array, BackupError>> {
      const file = pathOf(id);
      if (file === null) return backupFailure.invalidName(id);
      try {
        return ok(new Uint8Array(await fsp.readFile(file)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return backupFailure.notFound(id);
        console.error('[backups] read failed', error);
        return backupFailure.readFailed(id, error instanceof Error ? error.message : String(error));
      }
    },
    async delete(id: string): Promise<Result<true, BackupError>> {
      const file = pathOf(id);
      if (file === null) return backupFailure.invalidName(id);
      try {
        await fsp.rm(file);
        return ok(true);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return backupFailure.notFound(id);
        console.error('[backups] delete failed', error);
        return backupFailure.deleteFailed(id, error instanceof Error ? error.message : String(error));
      }
    },
  };
}

/** The backup store's type. */
export type BackupStore = ReturnType<typeof createBackupStore>;
