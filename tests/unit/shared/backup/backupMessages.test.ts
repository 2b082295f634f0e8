import { describe, expect, it } from 'vitest';
import { backupFailure } from '../../../../shared/backup/backupMessages';
import { failureMessage } from '../../../../shared/domain/localizedText';

const ID = 'backup-20261125T010203004Z-manual.json';

describe('backupFailure', () => {
  it.each([
    ['writeFailed', backupFailure.writeFailed('ENOSPC'), 'write-failed', /备份未能写入：ENOSPC/, /could not be written: ENOSPC/],
    ['listFailed', backupFailure.listFailed('EACCES'), 'read-failed', /无法读取备份列表/, /list of backups could not be read/],
    ['invalidName', backupFailure.invalidName('../x'), 'not-found', /备份名称无效：\.\.\/x/, /Not a backup name: \.\.\/x/],
    ['notFound', backupFailure.notFound(ID), 'not-found', /找不到备份 backup-/, /was not found/],
    ['readFailed', backupFailure.readFailed(ID, 'EIO'), 'read-failed', /无法读取备份 backup-.*EIO/, /could not be read: EIO/],
    ['deleteFailed', backupFailure.deleteFailed(ID, 'EPERM'), 'delete-failed', /无法删除备份 backup-.*EPERM/, /could not be deleted: EPERM/],
  ])('%s says it in both languages under its code', (_name, failure, code, zh, en) => {
    expect(failure).toMatchObject({ ok: false, error: code });
    expect(failure.message).toMatch(zh);
    expect(failureMessage(failure, 'zh-CN')).toBe(failure.message);
    expect(failureMessage(failure, 'en')).toMatch(en);
  });
});
