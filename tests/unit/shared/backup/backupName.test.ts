import { describe, expect, it } from 'vitest';
import { backupId, backupsToPrune, isDailyBackupDue, isBackupId, parseBackupId, quietMomentDelay, QUIET_MOMENT_MS, QUIET_WAIT_LIMIT_MS, sortBackups } from '../../../../shared/backup/backupName';

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

describe('quietMomentDelay', () => {
  const now = 1_800_000_000_000;
  it.each([
    ['no input yet', 0, now, 0],
    ['quiet for exactly the quiet moment', now - QUIET_MOMENT_MS, now, 0],
    ['quiet for longer', now - 60_000, now - 1000, 0],
    ['an input 3 s ago: wait the 7 s left', now - 3000, now - 3000, QUIET_MOMENT_MS - 3000],
    ['an input just now', now, now - 1000, QUIET_MOMENT_MS],
    ['busy, but waited the limit', now - 1, now - QUIET_WAIT_LIMIT_MS, 0],
    ['busy, 2 s short of the limit: wait 2 s, not 10', now - 1, now - QUIET_WAIT_LIMIT_MS + 2000, 2000],
    ['an input stamped in the future (clock moved back) counts as just now', now + 5000, now, QUIET_MOMENT_MS],
    ['waiting since the future (clock moved back): still waits for quiet', now - 1000, now + 60_000, QUIET_MOMENT_MS - 1000],
  ])('%s', (_name, lastInputAt, waitingSince, expected) => {
    expect(quietMomentDelay(now, lastInputAt, waitingSince)).toBe(expected);
  });

  it('never asks to wait longer than a quiet moment, so a check always comes back', () => {
    for (let input = now - 20_000; input <= now + 20_000; input += 997) {
      for (let since = now - QUIET_WAIT_LIMIT_MS - 5000; since <= now + 5000; since += 50_021) {
        const delay = quietMomentDelay(now, input, since);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(QUIET_MOMENT_MS);
      }
    }
  });
});
