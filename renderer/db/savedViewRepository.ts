/**
 * Named saved views of the register (issue 3 item 5): a name and the filter as its URL query.
 * Local preferences of this installation, not register data: not in the change log, not exchanged.
 */
import { fail, type DomainResult } from '../../shared/domain/localizedText';
import type { AtlasDb, SavedView } from './atlasDb';

/** Longest view name. */
export const MAX_VIEW_NAME_LENGTH = 40;

/** Saved views, by name. */
export async function listSavedViews(db: AtlasDb): Promise<SavedView[]> {
  return db.savedViews.orderBy('name').toArray();
}

/** Saves a view under a name; the same name replaces that view's filter. */
export async function saveView(
  db: AtlasDb,
  view: { readonly name: string; readonly query: string },
  now: number,
  newId: () => string,
): Promise<DomainResult<SavedView, 'invalid-name' | 'write-failed'>> {
  const name = view.name.trim();
  if (name === '' || name.length > MAX_VIEW_NAME_LENGTH) {
    return fail('invalid-name', {
      zh: `视图名称应为 1–${String(MAX_VIEW_NAME_LENGTH)} 个字`,
      en: `A view name has 1–${String(MAX_VIEW_NAME_LENGTH)} characters`,
    });
  }
  try {
    const saved = await db.transaction('rw', db.savedViews, async () => {
      const existing = await db.savedViews.where('name').equals(name).first();
      const next: SavedView = existing
        ? { ...existing, query: view.query, updatedAt: now }
        : { id: newId(), name, query: view.query, createdAt: now, updatedAt: now };
      await db.savedViews.put(next);
      return next;
    });
    return { ok: true, value: saved };
  } catch (error) {
    console.error('[db] saving a view failed', error);
    return fail('write-failed', { zh: '保存视图失败，请重试', en: 'Saving the view failed; try again' });
  }
}

/** Deletes a saved view. */
export async function deleteSavedView(db: AtlasDb, id: string): Promise<void> {
  await db.savedViews.delete(id);
}

/** Puts a deleted view back as it was (the undo of {@link deleteSavedView}). */
export async function restoreSavedView(db: AtlasDb, view: SavedView): Promise<void> {
  await db.savedViews.put(view);
}
