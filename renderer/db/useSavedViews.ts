import { useLiveQuery } from 'dexie-react-hooks';
import type { SavedView } from './atlasDb';
import { useAtlasDb } from './atlasDbContext';
import { listSavedViews } from './savedViewRepository';

/** The named saved views, live; undefined while loading. */
export function useSavedViews(): readonly SavedView[] | undefined {
  const db = useAtlasDb();
  return useLiveQuery(() => listSavedViews(db), [db]);
}
