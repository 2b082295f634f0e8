import { useLiveQuery } from 'dexie-react-hooks';
import type { ChangeRecord } from '../../shared/domain/changeRecord';
import type { Scenario } from '../../shared/domain/scenario';
import { useAtlasDb } from './atlasDbContext';
import { getHistory, getScenario } from './scenarioRepository';

/** One scenario, live: undefined while loading, null when there is no such record (or no id). */
export function useScenario(id: string | null): Scenario | null | undefined {
  const db = useAtlasDb();
  return useLiveQuery(async () => (id === null ? null : ((await getScenario(db, id)) ?? null)), [db, id]);
}

/** The history timeline of one record (HLC order), live; undefined while loading. */
export function useScenarioHistory(id: string | null): readonly ChangeRecord[] | undefined {
  const db = useAtlasDb();
  return useLiveQuery(async () => (id === null ? [] : getHistory(db, id)), [db, id]);
}
