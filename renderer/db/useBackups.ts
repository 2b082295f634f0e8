import { useCallback, useEffect, useState } from 'react';
import { quietMomentDelay, type BackupInfo, type BackupReason } from '../../shared/backup/backupName';
import type { BackupError } from '../../shared/ipc/filesContract';
import type { Result } from '../../shared/result';
import { usePlatform } from '../app/contexts';
import { useAtlasDb } from './atlasDbContext';
import { createBackup, ensureDailyBackup, restoreBackup, type RestoreSummary } from './backupRepository';
import type { RestoreError } from './backupSnapshot';

/** `createBackup(reason)` bound to this app's database and platform: call it before an import or merge. */
export function useCreateBackup(): (reason: BackupReason) => Promise<Result<BackupInfo, BackupError>> {
  const db = useAtlasDb();
  const platform = usePlatform();
  return useCallback((reason: BackupReason) => createBackup(db, platform, reason), [db, platform]);
}

/** How long after start-up the daily backup waits: reading 100k records must not slow the first screens. */
export const DAILY_BACKUP_DELAY_MS = 20_000;

/** The inputs that end a quiet moment (quietMomentDelay). */
const INPUT_EVENTS = ['pointerdown', 'keydown', 'wheel'] as const;

/**
 * Takes the daily backup a little after start-up (once the unit is set) when the newest backup is
 * a day old or there is none, and checks again every hour the app stays open. Each check first
 * waits for a quiet moment (shared quietMomentDelay): no click, key or scroll for a few seconds.
 */
export function useDailyBackup(isEnabled: boolean): void {
  const db = useAtlasDb();
  const platform = usePlatform();
  useEffect(
    function backUpDaily() {
      if (!isEnabled) return undefined;
      let lastInputAt = 0;
      const noteInput = () => {
        lastInputAt = Date.now();
      };
      for (const type of INPUT_EVENTS) window.addEventListener(type, noteInput, { capture: true, passive: true });
      let waiting = 0;
      const check = (waitingSince: number) => {
        const delay = quietMomentDelay(Date.now(), lastInputAt, waitingSince);
        if (delay > 0) {
          waiting = window.setTimeout(() => check(waitingSince), delay);
          return;
        }
        void ensureDailyBackup(db, platform).then((result) => {
          if (!result.ok) console.error('[backup] daily backup failed', result.message);
        });
      };
      // One wait at a time: an hourly check that comes while one waits replaces it.
      const startChecking = () => {
        window.clearTimeout(waiting);
        check(Date.now());
      };
      const first = window.setTimeout(startChecking, DAILY_BACKUP_DELAY_MS);
      const hourly = window.setInterval(startChecking, 3_600_000);
      return function stopDailyBackup() {
        window.clearTimeout(first);
        window.clearTimeout(waiting);
        window.clearInterval(hourly);
        for (const type of INPUT_EVENTS) window.removeEventListener(type, noteInput, { capture: true });
      };
    },
    [db, platform, isEnabled],
  );
}

/** The backup list with its actions, for the backup panel. */
export function useBackups() {
  const db = useAtlasDb();
  const platform = usePlatform();
  const [backups, setBackups] = useState<readonly BackupInfo[] | null>(null);
  /** Why the list could not be read (a failure: failureMessage gives it in the UI language). */
  const [listError, setListError] = useState<{ readonly message: string } | null>(null);

  const show = useCallback((listed: Result<BackupInfo[], BackupError>) => {
    if (listed.ok) {
      setBackups(listed.value);
      setListError(null);
    } else setListError(listed);
  }, []);

  const refresh = useCallback(async () => show(await platform.listBackups()), [platform, show]);

  useEffect(
    function loadBackups() {
      let isCurrent = true;
      void platform.listBackups().then((listed) => {
        if (isCurrent) show(listed);
      });
      return function ignoreLateList() {
        isCurrent = false;
      };
    },
    [platform, show],
  );

  const backUpNow = useCallback(async (): Promise<Result<BackupInfo, BackupError>> => {
    const result = await createBackup(db, platform, 'manual');
    await refresh();
    return result;
  }, [db, platform, refresh]);

  const restore = useCallback(
    async (id: string): Promise<Result<RestoreSummary, RestoreError>> => {
      const result = await restoreBackup(db, platform, id);
      await refresh();
      return result;
    },
    [db, platform, refresh],
  );

  const remove = useCallback(
    async (id: string): Promise<Result<true, BackupError>> => {
      const result = await platform.deleteBackup(id);
      await refresh();
      return result;
    },
    [platform, refresh],
  );

  return { backups, listError, backUpNow, restore, remove };
}
