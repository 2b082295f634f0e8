/** Reads of the register: one record, its history, the rows for the in-memory index, counts. */
import type { ChangeEntity, ChangeRecord } from '../../shared/domain/changeRecord';
import type { Scenario } from '../../shared/domain/scenario';
import { toScenario, type AtlasDb, type ScenarioRow } from './atlasDb';
import type { ExchangeRecordsRow } from './exchangeRows';
import { readMergeEntries } from './mergePages';
import { rowRecordCount, rowRecords } from './schema/v11';
import { getScenarioRow, readScenarioCounts, scenarioRowsWhere } from './scenarioPages';

function byHlc(a: ChangeRecord, b: ChangeRecord): number {
  return a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0;
}

/** One scenario (deleted ones too), or undefined. */
export async function getScenario(db: AtlasDb, id: string): Promise<Scenario | undefined> {
  const row = await getScenarioRow(db, id);
  return row ? toScenario(row) : undefined;
}

/**
 * The change log of one record, oldest first (HLC order): the history timeline. What was written
 * here is in `changes`; what was received since schema v8 is in the exchange log, at the seqs its
 * merge entry lists (renderer/db/schema/v8.ts).
 */
export async function getHistory(db: AtlasDb, entityId: string, entity: ChangeEntity = 'scenario'): Promise<ChangeRecord[]> {
  const local = await db.changes.where('[entity+entityId]').equals([entity, entityId]).toArray();
  const received = await receivedChanges(db, entityId);
  const seen = new Set(local.map((record) => record.id));
  return [...local, ...received.filter((record) => record.entity === entity && !seen.has(record.id))].sort(byHlc);
}

/** The received changes of one record kept in the exchange log (schema v8), by its merge entry's seqs. */
async function receivedChanges(db: AtlasDb, entityId: string): Promise<ChangeRecord[]> {
  // Oldest first: seqs are appended as they are given out, so a seq's batch is the one read for the
  // seq before it, or a later one.
  const seqs = (await readMergeEntries(db, [entityId])).get(entityId)?.log ?? [];
  const out: ChangeRecord[] = [];
  let row: ExchangeRecordsRow | undefined;
  let records: readonly ChangeRecord[] = [];
  for (const seq of seqs) {
    // The batch holding a seq is the last one starting at or before it (its records unpacked once).
    if (!holds(row, seq)) {
      row = await db.exchangeRecords.where('firstSeq').belowOrEqual(seq).last();
      records = holds(row, seq) ? rowRecords(row) : [];
    }
    if (holds(row, seq)) out.push(records[seq - row.firstSeq] as ChangeRecord);
  }
  return out;
}

function holds(row: ExchangeRecordsRow | undefined, seq: number): row is ExchangeRecordsRow {
  return row !== undefined && seq >= row.firstSeq && seq < row.firstSeq + rowRecordCount(row);
}

/** One change record, or undefined. */
export async function getChange(db: AtlasDb, id: string): Promise<ChangeRecord | undefined> {
  return db.changes.get(id);
}

/**
 * Change records after an HLC stamp (all when `afterHlc` is omitted), in HLC order: what the
 * exchange packs "since my last package". Demo markers and demo rows' changes are local-only;
 * the exchange must skip them (see demoRepository.ts).
 */
export async function listChangesSince(db: AtlasDb, afterHlc?: string, limit = Infinity): Promise<ChangeRecord[]> {
  const collection = afterHlc === undefined ? db.changes.orderBy('hlc') : db.changes.where('hlc').above(afterHlc);
  return Number.isFinite(limit) ? collection.limit(limit).toArray() : collection.toArray();
}

/**
 * Every live (not deleted) row with its precomputed `searchText`, to build the in-memory index
 * that the map and table filter: read a few dozen pages a request (schema v9).
 */
export async function loadLiveRows(db: AtlasDb): Promise<ScenarioRow[]> {
  return scenarioRowsWhere(db, (row) => row.deletedFlag === 0);
}

/** Every row, deleted ones included (the "recently deleted" list, exports of everything). */
export async function loadAllRows(db: AtlasDb): Promise<ScenarioRow[]> {
  return scenarioRowsWhere(db);
}

/** Soft-deleted scenarios, most recently deleted first (for restore). */
export async function listDeleted(db: AtlasDb, limit = 200): Promise<Scenario[]> {
  const rows = await scenarioRowsWhere(db, (row) => row.deletedFlag === 1);
  return rows
    .sort((a, b) => (b.deletedAt ?? 0) - (a.deletedAt ?? 0))
    .slice(0, limit)
    .map(toScenario);
}

/**
 * Live scenarios per region code, from the register's counts row (schema v9, no row read): the
 * choropleth's counts. Parents are not summed here; shared code rolls up.
 */
export async function countLiveByRegion(db: AtlasDb): Promise<Map<string, number>> {
  return new Map(Object.entries((await readScenarioCounts(db)).liveByRegion));
}

/** How many records: live, soft-deleted, and demo (live or not). */
export interface ScenarioCounts {
  readonly live: number;
  readonly deleted: number;
  readonly demo: number;
}

/** Counts from the register's counts row (one read at 100k). */
export async function countScenarios(db: AtlasDb): Promise<ScenarioCounts> {
  const { live, deleted, demo } = await readScenarioCounts(db);
  return { live, deleted, demo };
}
