/**
 * Backups of a big register (issue 6 item 6), measured in the page on the app's own code: a backup
 * as the app takes one before every import and merge and daily (createBackup: the snapshot made in
 * backupWorker.ts, stored by the browser platform's store worker), and a restore of it
 * (restoreBackup: read, checked and written in restoreWorker.ts, after its own backup of the
 * current data). Each in a database and backup store of its own, deleted afterwards.
 */
import { Dexie } from 'dexie';
import type { RegionIndex } from '../../shared/regions/regions';
import { AtlasDb } from '../db/atlasDb';
import { createBackup, restoreBackup } from '../db/backupRepository';
import { createBrowserFiles } from '../platform/browserFiles';
import { watchLongTasks } from './longTaskWatch';
import { seedDb } from './seedAppDb';

/** The figures of {@link measureBackup} (ms, MB). */
export interface BackupFigures {
  /** createBackup: snapshot made, hashed and stored. */
  readonly backupMs: number;
  readonly backupMb: number;
  readonly backupLongestTaskMs: number;
  /** restoreBackup: read, checked, the current data backed up, every table written. */
  readonly restoreMs: number;
  readonly restoreLongestTaskMs: number;
  /** Scenario rows the restore put back (the bench checks it is `count`). */
  readonly restoredScenarios: number;
}

export async function measureBackup(regions: RegionIndex, count: number): Promise<BackupFigures> {
  const name = `atlas-bench-backup-${crypto.randomUUID()}`;
  const db = new AtlasDb(name);
  // Keeps three: the restore adds its own backup of the current data beside the one it restores.
  const files = createBrowserFiles(() => 3, `${name}-backups`);
  const longTasks = watchLongTasks();
  try {
    // Seeded in a function of its own (seedDb): the generated rows kept alive on the page made each
    // full collection during the measurement ~300 ms longer, work the app's page never has.
    await seedDb(db, regions, count, 5);

    let start = performance.now();
    const made = await createBackup(db, files, 'manual');
    const backupMs = performance.now() - start;
    if (!made.ok) throw new Error(`[bench] the backup failed: ${made.message}`);
    const backupLongestTaskMs = await longTasks.longest(start, start + backupMs);

    start = performance.now();
    const restored = await restoreBackup(db, files, made.value.id);
    const restoreMs = performance.now() - start;
    if (!restored.ok) throw new Error(`[bench] the restore failed: ${restored.message}`);
    const restoreLongestTaskMs = await longTasks.longest(start, start + restoreMs);

    return {
      backupMs,
      backupMb: made.value.size / 1e6,
      backupLongestTaskMs,
      restoreMs,
      restoreLongestTaskMs,
      restoredScenarios: restored.value.counts['scenarios'] ?? 0,
    };
  } finally {
    longTasks.stop();
    db.close();
    await Promise.all([Dexie.delete(name), Dexie.delete(`${name}-backups`)]);
  }
}
