import { useMemo } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { ScenarioId } from '../../shared/domain/scenario';
import type { StarRow } from './atlasDb';
import { useAtlasDb } from './atlasDbContext';
import { listStars, setStarred } from './starRepository';

/** The starred scenarios (most recent first), live, and the way to star or unstar one. */
export interface Stars {
  /** undefined while loading. */
  readonly rows: readonly StarRow[] | undefined;
  readonly isStarred: (scenarioId: string) => boolean;
  readonly setStarred: (scenarioId: ScenarioId, isStarred: boolean) => Promise<boolean>;
}

/** Company-mode stars for components, which never touch the database themselves. */
export function useStars(): Stars {
  const db = useAtlasDb();
  const rows = useLiveQuery(() => listStars(db), [db]);
  return useMemo(() => {
    const ids = new Set<string>(rows?.map((row) => row.scenarioId) ?? []);
    return {
      rows,
      isStarred: (scenarioId) => ids.has(scenarioId),
      setStarred: (scenarioId, isStarred) => setStarred(db, scenarioId, isStarred, Date.now()),
    };
  }, [db, rows]);
}
