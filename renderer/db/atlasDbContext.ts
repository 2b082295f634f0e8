import { createContext, useContext } from 'react';
import type { AtlasDb } from './atlasDb';

/** The open database, provided once at the app root; only hooks in renderer/db read it. */
export const AtlasDbContext = createContext<AtlasDb | null>(null);

/** The database; throws a message naming the missing provider. */
export function useAtlasDb(): AtlasDb {
  const db = useContext(AtlasDbContext);
  if (db === null) throw new Error('[db] useAtlasDb() must be used inside <AtlasDbContext.Provider>');
  return db;
}
