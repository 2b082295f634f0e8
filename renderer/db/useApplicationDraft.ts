import { useLiveQuery } from 'dexie-react-hooks';
import type { ApplicationRow } from './atlasDb';
import { useAtlasDb } from './atlasDbContext';
import { getApplicationDraft } from './applicationRepository';

/** The saved application draft of a scenario, live: undefined while loading, null when there is none. */
export function useApplicationDraft(scenarioId: string): ApplicationRow | null | undefined {
  const db = useAtlasDb();
  return useLiveQuery(async () => (await getApplicationDraft(db, scenarioId)) ?? null, [db, scenarioId]);
}
