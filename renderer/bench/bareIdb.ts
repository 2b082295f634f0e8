/**
 * Bare IndexedDB (no Dexie) for the bench's storage floors: how long Chromium's IndexedDB itself
 * takes to put and read values, so the app's figures can be read against it. Bench-only code; the
 * app never loads it.
 */
import type { ScenarioRow } from '../db/atlasDb';
import { byPageOf } from '../db/schema/v6';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('[bench] IndexedDB request failed'));
  });
}

/** A fresh database with one store `rows` keyed by `id`; the caller closes and deletes it ({@link dropBare}). */
export async function openBare(name = `bench-idb-${Math.random().toString(36).slice(2)}`): Promise<IDBDatabase> {
  const open = indexedDB.open(name, 1);
  open.onupgradeneeded = () => open.result.createObjectStore('rows', { keyPath: 'id' });
  return request(open);
}

/** Closes and deletes a database made by {@link openBare}. */
export async function dropBare(db: IDBDatabase): Promise<void> {
  db.close();
  await request(indexedDB.deleteDatabase(db.name));
}

/** ms from the first put() of `values` (keyed by `id`) to the completion of their one 'strict' transaction (as the app's). */
export async function putValues(db: IDBDatabase, values: readonly { readonly id: string }[]): Promise<number> {
  const start = performance.now();
  const tx = db.transaction('rows', 'readwrite', { durability: 'strict' });
  const store = tx.objectStore('rows');
  for (const value of values) store.put(value);
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('[bench] IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('[bench] IndexedDB transaction aborted'));
  });
  return performance.now() - start;
}

/** Every value of the store, read by getAll over key ranges of `perRequest` values (so no one task decodes them all); with the ms it took. */
export async function readAllValues<T>(db: IDBDatabase, perRequest: number): Promise<[T[], number]> {
  const start = performance.now();
  const tx = db.transaction('rows', 'readonly');
  const store = tx.objectStore('rows');
  const out: T[] = [];
  let after: IDBValidKey | null = null;
  for (;;) {
    const range: IDBKeyRange | undefined = after === null ? undefined : IDBKeyRange.lowerBound(after, true);
    const part = (await request(store.getAll(range, perRequest))) as (T & { readonly id: string })[];
    out.push(...part);
    const last = part[part.length - 1];
    if (part.length < perRequest || last === undefined) break;
    after = last.id;
  }
  return [out, performance.now() - start];
}

/** Puts `values` into a fresh store, deleted afterwards: the ms of {@link putValues}. */
export async function putIntoFreshStore(values: readonly { readonly id: string }[]): Promise<number> {
  const db = await openBare();
  try {
    return await putValues(db, values);
  } finally {
    await dropBare(db);
  }
}

/** Register rows as pages would hold them: grouped by their id's page (the merge state's page function, schema v6). */
export function rowsAsPages(rows: readonly ScenarioRow[]): { readonly id: string; readonly rows: readonly ScenarioRow[] }[] {
  return [...byPageOf(rows, (row) => row.id)].map(([page, list]) => ({ id: `p${String(page).padStart(4, '0')}`, rows: list }));
}
