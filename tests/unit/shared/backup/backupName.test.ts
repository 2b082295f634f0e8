import { describe, expect, it } from 'vitest';
import { backupId, backupsToPrune, isDailyBackupDue, isBackupId, parseBackupId, sortBackups } from '../../../../shared/backup/backupName';

const T = Date.UTC(2026, 10, 25, 23, 35, 12, 345);

describe('backup ids', () => {
  it('round-trips time and reason', () => {
    const id = backupId(T, 'import');
    expect(id).toBe('backup-20261125T233512345Z-import.json');
    expect(parseBackupId(id)).toEqual({ createdAt: T, reason: 'import' });
  });

  it.each([
    '',
    'backup.json',
    '../backup-20261125T233512345Z-import.json',
    'backup-20261125T233512345Z-import.json.tmp',
    'backup-20261125T233512345Z-Import.json',
    'backup-20261125T233512345Z-hack.json',
    'backup-20261325T233512345Z-daily.json',
    'backup-20260230T233512345Z-daily.json',
    'backup-20261125T246012345Z-daily.json',
    'backup-20261125T233512345Z-daily.json\0',
    'BACKUP-20261125T233512345Z-daily.json',
  ])('refuses %j', (id) => {
    expect(parseBackupId(id)).toBeNull();
    expect(isBackupId(id)).toBe(false);
  });

  it('refuses what is not text', () => {
    for (const value of [null, 1, {}, ['backup-20261125T233512345Z-daily.json']]) expect(isBackupId(value)).toBe(false);
  });
});

describe('retention', () => {
  const list = [0, 3, 1, 2].map((n) => ({ id: backupId(T + n * 1000, 'daily'), createdAt: T + n * 1000 }));

  it('sorts newest first', () => {
    expect(sortBackups(list).map((b) => b.createdAt)).toEqual([3, 2, 1, 0].map((n) => T + n * 1000));
  });

  it.each([
    [2, [1, 0]],
    [4, []],
    [10, []],
    [0, [2, 1, 0]], // at least one is always kept
    [Number.NaN, []],
  ])('keep %s prunes %j', (keep, pruned) => {
    expect(backupsToPrune(list, keep).map((b) => b.createdAt)).toEqual(pruned.map((n) => T + n * 1000));
  });
});

describe('isDailyBackupDue', () => {
  const DAY = 86_400_000;
  it.each([
    [[], true],
    [[T - DAY + 1], false],
    [[T - DAY], true],
    [[T - 3 * DAY, T - 1000], false],
    [[T + 2 * DAY], true], // a backup from the future: the clock moved back
  ])('newest at %j → %s', (times, due) => {
    expect(isDailyBackupDue(times.map((createdAt) => ({ createdAt })), T)).toBe(due);
  });
});
