import { useLiveQuery } from 'dexie-react-hooks';
import type { ConflictRow, PackageLogRow, TrustedKeyRow } from './exchangeRows';
import { useAtlasDb } from './atlasDbContext';

/** A conflict with the title of its scenario, for the queue. */
export type ConflictView = ConflictRow & { readonly title: string; readonly isDeleted: boolean };

/** Open conflicts (newest first) with their scenario titles; undefined while loading. */
export function useOpenConflicts(): readonly ConflictView[] | undefined {
  const db = useAtlasDb();
  return useLiveQuery(async () => {
    const rows = await db.conflicts.where('resolvedFlag').equals(0).toArray();
    rows.sort((a, b) => b.createdAt - a.createdAt || (a.field < b.field ? -1 : 1));
    const scenarios = await db.scenarios.bulkGet([...new Set(rows.map((row) => row.entityId))]);
    const byId = new Map(scenarios.filter((row) => row !== undefined).map((row) => [row.id as string, row]));
    return rows.map((row) => ({ ...row, title: byId.get(row.entityId)?.title ?? row.entityId, isDeleted: (byId.get(row.entityId)?.deletedAt ?? null) !== null }));
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
