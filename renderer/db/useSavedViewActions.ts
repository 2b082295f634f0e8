import { useMemo } from 'react';
import { localize } from '../../shared/domain/localizedText';
import type { SavedView } from './atlasDb';
import { useAtlasDb } from './atlasDbContext';
import { deleteSavedView, restoreSavedView, saveView } from './savedViewRepository';

/** Saving, deleting and restoring (undo of a delete) named views. */
export interface SavedViewActions {
  /** Resolves to an error message in `language`, or null when saved. */
  readonly save: (name: string, query: string) => Promise<string | null>;
  readonly remove: (id: string) => Promise<void>;
  readonly restore: (view: SavedView) => Promise<void>;
}

/** The saved-view writes for components (which never touch the database themselves). */
export function useSavedViewActions(language: string): SavedViewActions {
  const db = useAtlasDb();
  return useMemo(
    () => ({
      save: async (name, query) => {
        const result = await saveView(db, { name, query }, Date.now(), () => crypto.randomUUID());
        return result.ok ? null : localize(result.text, language);
      },
      remove: (id) => deleteSavedView(db, id),
      restore: (view) => restoreSavedView(db, view),
    }),
    [db, language],
  );
}
