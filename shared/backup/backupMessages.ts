/**
 * What the backup stores answer when a backup cannot be written, listed, read or deleted, in both
 * UI languages. One table for Electron's store (electron/backupStore.ts) and the browser's
 * (renderer/platform/browserFiles.ts), so the two say the same thing.
 */
import { fail, type DomainFailure } from '../domain/localizedText';
import type { BackupError } from '../ipc/filesContract';

/** A failed backup operation, with the cause's own message where there is one. */
export const backupFailure = {
  writeFailed: (cause: string): DomainFailure<BackupError> => fail('write-failed', { zh: `备份未能写入：${cause}`, en: `The backup could not be written: ${cause}` }),
  listFailed: (cause: string): DomainFailure<BackupError> => fail('read-failed', { zh: `无法读取备份列表：${cause}`, en: `The list of backups could not be read: ${cause}` }),
  invalidName: (id: string): DomainFailure<BackupError> => fail('not-found', { zh: `备份名称无效：${id}`, en: `Not a backup name: ${id}` }),
  notFound: (id: string): DomainFailure<BackupError> => fail('not-found', { zh: `找不到备份 ${id}，可能已被删除`, en: `Backup ${id} was not found; it may have been deleted` }),
  readFailed: (id: string, cause: string): DomainFailure<BackupError> => fail('read-failed', { zh: `无法读取备份 ${id}：${cause}`, en: `Backup ${id} could not be read: ${cause}` }),
  deleteFailed: (id: string, cause: string): DomainFailure<BackupError> => fail('delete-failed', { zh: `无法删除备份 ${id}：${cause}`, en: `Backup ${id} could not be deleted: ${cause}` }),
} as const;
