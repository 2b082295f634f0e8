/**
 * Names of backup files (issue 6 item 6): `backup-20261125T233512345Z-manual.json`, the UTC time
 * to the millisecond and the reason. The name is the backup's id everywhere (IPC, the browser's
 * store, the UI), so it is checked by one strict pattern before it reaches a file system: no
 * folders, no dots but the one before `json`, nothing a traversal could use.
 */

/** Why a backup was taken: the daily one, by hand, or before an import, merge or restore. */
export const BACKUP_REASONS = ['daily', 'manual', 'import', 'merge', 'restore'] as const;
/** One of {@link BACKUP_REASONS}. */
export type BackupReason = (typeof BACKUP_REASONS)[number];

/** A backup as listed: its id (file name), when, why and its size in bytes. */
export interface BackupInfo {
  readonly id: string;
  /** Epoch ms. */
  readonly createdAt: number;
  readonly reason: BackupReason;
  readonly size: number;
}

/** How many backups are kept unless the user sets otherwise, and the allowed range. */
export const DEFAULT_BACKUP_KEEP = 10;
export const MIN_BACKUP_KEEP = 1;
export const MAX_BACKUP_KEEP = 100;

const BACKUP_ID = /^backup-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z-([a-z]+)\.json$/;

/** The id of a backup taken at `createdAt` (epoch ms) for `reason`. */
export function backupId(createdAt: number, reason: BackupReason): string {
  const iso = new Date(createdAt).toISOString(); // 2026-11-25T23:35:12.345Z
  const stamp = iso.replace(/[-:.]/g, '');
  return `backup-${stamp}-${reason}.json`;
}

/** The time and reason of a backup id, or null when the text is not one (wrong shape, unknown reason, impossible date). */
export function parseBackupId(id: unknown): { readonly createdAt: number; readonly reason: BackupReason } | null {
  if (typeof id !== 'string') return null;
  const match = BACKUP_ID.exec(id);
  if (!match) return null;
  const [, y, mo, d, h, mi, s, ms, reason] = match as unknown as [string, string, string, string, string, string, string, string, string];
  if (!(BACKUP_REASONS as readonly string[]).includes(reason)) return null;
  const createdAt = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(ms));
  // Date.UTC rolls 13th months and 61st seconds over: such a name was not made by backupId.
  if (backupId(createdAt, reason as BackupReason) !== id) return null;
  return { createdAt, reason: reason as BackupReason };
}

/** Whether a text is a well-formed backup id. */
export function isBackupId(id: unknown): id is string {
  return parseBackupId(id) !== null;
}

/** Newest first; ties (same millisecond) by id, so the order is total. */
export function sortBackups<T extends Pick<BackupInfo, 'id' | 'createdAt'>>(backups: readonly T[]): T[] {
  return [...backups].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

/** The backups to delete so that the newest `keep` remain (keep is clamped to the allowed range). */
export function backupsToPrune<T extends Pick<BackupInfo, 'id' | 'createdAt'>>(backups: readonly T[], keep: number): T[] {
  const limit = Math.min(MAX_BACKUP_KEEP, Math.max(MIN_BACKUP_KEEP, Math.floor(Number.isFinite(keep) ? keep : DEFAULT_BACKUP_KEEP)));
  return sortBackups(backups).slice(limit);
}

const DAY_MS = 86_400_000;

/** Whether the daily backup is due: no backup yet, or the newest is a day old or more (or from the future: a clock moved back). */
export function isDailyBackupDue(backups: readonly Pick<BackupInfo, 'createdAt'>[], now: number): boolean {
  if (backups.length === 0) return true;
  const newest = Math.max(...backups.map((b) => b.createdAt));
  return now - newest >= DAY_MS || newest > now + DAY_MS;
}

/** How long without a click, key or scroll counts as a quiet moment for the daily backup. */
export const QUIET_MOMENT_MS = 10_000;

/** The longest the daily backup waits for a quiet moment before it runs anyway. */
export const QUIET_WAIT_LIMIT_MS = 600_000;

/**
 * How long the daily backup should still wait (0: start now). A backup of 100k records keeps a
 * worker busy for seconds (`npm run bench -- browser:backup`), and on a two-core machine that
 * slows every task of the page, so it starts once the person has left the app alone for
 * {@link QUIET_MOMENT_MS}, or after {@link QUIET_WAIT_LIMIT_MS} whatever they do. `lastInputAt` is
 * the last click, key or scroll (0 for none yet); `waitingSince` is when the backup began to wait.
 */
export function quietMomentDelay(now: number, lastInputAt: number, waitingSince: number): number {
  const waited = now - waitingSince;
  const quietFor = now - lastInputAt;
  if (waited >= QUIET_WAIT_LIMIT_MS || quietFor >= QUIET_MOMENT_MS) return 0;
  // An input stamped in the future (a clock moved back) counts as just now.
  return Math.min(QUIET_MOMENT_MS - Math.max(0, quietFor), QUIET_WAIT_LIMIT_MS - Math.max(0, waited));
}
