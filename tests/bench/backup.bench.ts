/**
 * Backup and restore of a 100k-record register (issue 6 item 6), measured in Chromium on the bench
 * build (window.__atlasBench.backup, renderer/bench/backupBench.ts): `backup_100k_ms` (made in a
 * worker and stored), `restore_100k_ms` (read, checked, the current data backed up first, written
 * in one transaction), the file's size and each one's longest task of the page.
 */
import type { BackupFigures } from '../../renderer/bench/backupBench';
import { inDiskProfile, type BrowserBench } from './browser';
import { report } from './report';

const COUNT = 100_000;

/** In a fresh profile on disk (inDiskProfile): 100k records and two backups of them. */
export async function benchBackup(bench: BrowserBench): Promise<void> {
  const figures = await inDiskProfile(bench, 'backup', (page) =>
    page.evaluate(async (n) => {
      const api = (window as unknown as { __atlasBench?: { backup: (count: number) => Promise<BackupFigures> } }).__atlasBench;
      if (!api) throw new Error('[bench] window.__atlasBench is missing: build the renderer with --mode bench');
      return api.backup(n);
    }, COUNT),
  );
  if (figures.restoredScenarios !== COUNT) throw new Error(`[bench] the restore put back ${String(figures.restoredScenarios)} scenarios, not ${String(COUNT)}`);
  report('backup_100k_ms', figures.backupMs, 'ms');
  report('backup_100k_mb', figures.backupMb, 'MB');
  report('backup_100k_longest_task_ms', figures.backupLongestTaskMs, 'ms');
  report('restore_100k_ms', figures.restoreMs, 'ms');
  report('restore_100k_longest_task_ms', figures.restoreLongestTaskMs, 'ms');
}
