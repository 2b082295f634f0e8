/**
 * Persistent storage and quota (issue 3 item 1). Without persistence the browser may evict the
 * database under storage pressure; Electron grants it, plain Chromium decides by heuristics.
 */

/** What the browser answered to the persistence request. */
export type PersistenceState = 'granted' | 'denied' | 'unsupported';

let persistRequest: Promise<PersistenceState> | null = null;

async function askPersistence(): Promise<PersistenceState> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  if (!storage || typeof storage.persist !== 'function') return 'unsupported';
  try {
    if (typeof storage.persisted === 'function' && (await storage.persisted())) return 'granted';
    return (await storage.persist()) ? 'granted' : 'denied';
  } catch (error) {
    console.warn('[db] navigator.storage.persist() failed', error);
    return 'unsupported';
  }
}

/** Asks once per app run for persistent storage; later calls return the same answer. */
export function requestPersistentStorage(): Promise<PersistenceState> {
  persistRequest ??= askPersistence();
  return persistRequest;
}

/** Storage used and available, in bytes, for a usage display. */
export interface StorageUsage {
  readonly usage: number;
  readonly quota: number;
  /** usage / quota, 0–1. */
  readonly fraction: number;
}

/** The browser's storage estimate, or null where unsupported. */
export async function estimateStorage(): Promise<StorageUsage | null> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  if (!storage || typeof storage.estimate !== 'function') return null;
  try {
    const { usage = 0, quota = 0 } = await storage.estimate();
    return { usage, quota, fraction: quota > 0 ? usage / quota : 0 };
  } catch (error) {
    console.warn('[db] navigator.storage.estimate() failed', error);
    return null;
  }
}

/** For tests: forget the cached persistence answer. */
export function resetPersistenceRequestForTests(): void {
  persistRequest = null;
}
