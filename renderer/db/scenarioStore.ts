import { EXCHANGE_MARKER_ENTITY_ID } from '../../shared/exchange/ownership';
import { liveQuery, type Subscription } from 'dexie';
import type { ChangeRecord } from '../../shared/domain/changeRecord';
import type { AtlasDb, ScenarioRow } from './atlasDb';
import { eachScenarioPage, getScenarioRows } from './scenarioPages';
import { DEMO_ENTITY_ID } from './writePath';

/** Receives the live rows after the first load and after every change. */
export type RowsListener = (rows: readonly ScenarioRow[]) => void;

/**
 * Most newer change records read to bring the rows up to date. Past it (a 100k-row import, a big
 * exchange package) the rows are read again instead: every change record carries the old and new
 * values of its fields, so reading 100k of them into the page, in one request, cost far more than
 * the rows themselves and blocked the page while they were decoded.
 */
export const INCREMENTAL_LIMIT = 2000;

/** Options of {@link watchLiveRows} (tests set a small limit). */
export interface WatchOptions {
  readonly incrementalLimit?: number;
}

/**
 * Keeps every live scenario row in memory and in step with the database, cheaply: one full read at
 * start, then only the records named by change records newer than the last one seen. A write
 * costs a read of the rows it touched, not of all 100k (a full re-read takes seconds there).
 * Works across windows too: another tab's write lands in `changes`, which the live query watches.
 * A demo load/removal (one marker record for many rows), or more than {@link INCREMENTAL_LIMIT}
 * change records at once, falls back to a full read.
 */
export function watchLiveRows(db: AtlasDb, onRows: RowsListener, onError: (error: unknown) => void, options: WatchOptions = {}): () => void {
  const limit = options.incrementalLimit ?? INCREMENTAL_LIMIT;
  let byId = new Map<string, ScenarioRow>();
  let lastHlc = '';
  let isStopped = false;
  let subscription: Subscription | null = null;
  // Updates run one after another so two quick writes cannot interleave their reads.
  let queue: Promise<void> = Promise.resolve();

  /** Publishes the live rows: `live` when the caller has them, else those of the map. */
  function publish(live?: ScenarioRow[]) {
    if (live === undefined) {
      live = [];
      for (const row of byId.values()) if (row.deletedFlag === 0) live.push(row);
    }
    if (!isStopped) onRows(live);
  }

  async function fullLoad() {
    // Page by page (schema v9): the live rows are gathered as they arrive: a second pass over 100k
    // rows once they are all in took ~35 ms of the page's task that hands them to the register
    // (bench browser:refresh).
    const loaded = new Map<string, ScenarioRow>();
    const live: ScenarioRow[] = [];
    const last = await db.transaction('r', db.scenarioPages, db.changes, async () => {
      await eachScenarioPage(db, (rows) => {
        for (const row of rows) {
          loaded.set(row.id, row);
          if (row.deletedFlag === 0) live.push(row);
        }
      });
      return db.changes.orderBy('hlc').last();
    });
    // The loaded map becomes the store's (copying 100k entries into the old one held the page ~100 ms).
    byId = loaded;
    lastHlc = last?.hlc ?? '';
    publish(live);
  }

  async function applyChanges(changes: readonly ChangeRecord[]) {
    if (changes.length === 0) return;
    // An exchange import's marker too (issue 6): its records carry their owners' older clocks.
    if (changes.length > limit || changes.some((change) => change.entityId === DEMO_ENTITY_ID || change.entityId === EXCHANGE_MARKER_ENTITY_ID)) {
      await fullLoad();
      return;
    }
    const ids = [...new Set(changes.filter((change) => change.entity === 'scenario').map((change) => change.entityId))];
    for (const change of changes) if (change.hlc > lastHlc) lastHlc = change.hlc;
    // Pilot, partner and application writes leave the scenarios as they were: publishing would make
    // every consumer re-filter 100k rows for nothing.
    if (ids.length === 0) return;
    const rows = await getScenarioRows(db, ids);
    ids.forEach((id, i) => {
      const row = rows[i];
      if (row) byId.set(id, row);
      else byId.delete(id);
    });
    publish();
  }

  queue = queue
    .then(fullLoad)
    .then(() => {
      if (isStopped) return;
      // The querier reads lastHlc each time Dexie re-runs it, i.e. after every write to `changes`.
      // It also reads the newest stamp: a log that went back (a backup restored) means a full read.
      // One record past the limit says "more than the limit" (applyChanges then reads the rows).
      subscription = liveQuery(async () => ({
        changes: await db.changes.where('hlc').above(lastHlc).limit(limit + 1).toArray(),
        newest: (await db.changes.orderBy('hlc').last())?.hlc ?? '',
      })).subscribe({
        next({ changes, newest }) {
          queue = queue.then(() => (newest < lastHlc ? fullLoad() : applyChanges(changes))).catch(onError);
        },
        error: onError,
      });
    })
    .catch(onError);

  return function stopWatching() {
    isStopped = true;
    subscription?.unsubscribe();
  };
}
