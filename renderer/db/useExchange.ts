import { useLiveQuery } from 'dexie-react-hooks';
import type { ConflictRow, PackageLogRow, TrustedKeyRow } from './exchangeRows';
import { useAtlasDb } from './atlasDbContext';
import { readRegisterRows, titleOf } from './exchangeRegister';

/** A conflict with the title of its record (scenario, pilot or partner), for the queue. */
export type ConflictView = ConflictRow & { readonly title: string; readonly isDeleted: boolean };

/** Open conflicts (newest first) with their records' titles; undefined while loading. */
export function useOpenConflicts(): readonly ConflictView[] | undefined {
  const db = useAtlasDb();
  return useLiveQuery(async () => {
    const rows = await db.conflicts.where('resolvedFlag').equals(0).toArray();
    rows.sort((a, b) => b.createdAt - a.createdAt || (a.field < b.field ? -1 : 1));
    const { rows: byId } = await readRegisterRows(db, new Map(rows.map((row) => [row.entityId, row.entity])));
    return rows.map((row) => {
      const stored = byId.get(row.entityId);
      return { ...row, title: stored ? titleOf(stored) : row.entityId, isDeleted: (stored?.row.deletedAt ?? null) !== null };
    });
  }, [db]);
}

/** Packages sent and received, newest first (the last 200). */
export function usePackageLog(): readonly PackageLogRow[] | undefined {
  const db = useAtlasDb();
  return useLiveQuery(() => db.packageLog.orderBy('at').reverse().limit(200).toArray(), [db]);
}

/** Trusted keys of other units, by unit. */
export function useTrustedKeys(): readonly TrustedKeyRow[] | undefined {
  const db = useAtlasDb();
  return useLiveQuery(() => db.trustedKeys.orderBy('unit').toArray(), [db]);
}
