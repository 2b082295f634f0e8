/**
 * Demo data (演示数据, issue 3 item 7): loaded in one transaction, removed in one step.
 *
 * Demo data is local and is not part of the register's history:
 * - Loading writes the rows (isDemo, fresh catalog numbers from this installation's sequences,
 *   so they never collide with real records) and ONE change record, a marker with entityId
 *   DEMO_ENTITY_ID, op 'import', changes {count}. No per-row records: 100k of them would double
 *   the load time and the log, and demo rows must never travel in an exchange package anyway.
 * - Removing hard-deletes every demo row AND every change record of a demo row (edits someone made
 *   to demo data), then appends one marker (op 'delete', changes {count}). Real records and their
 *   history are untouched. This is the one place rows leave the log: they were never register data.
 * - The exchange (issue 6) must skip change records with entityId DEMO_ENTITY_ID and of rows with
 *   isDemo; undo refuses the markers ('not-undoable': use removeDemoData).
 */
import type { ChangeRecord, ChangeRecordId } from '../../shared/domain/changeRecord';
import { generateDemoScenarios } from '../../shared/domain/demoData';
import type { Scenario } from '../../shared/domain/scenario';
import { toScenarioRow, type AtlasDb } from './atlasDb';
import { CatalogAllocator, issueHlcStamps, localHlcNode } from './metaStore';
import { refuse } from './writeFailure';
import { DEMO_ENTITY_ID, inWriteTransaction, type WriteContext, type WriteResult } from './writePath';
import { addScenarioRows, deleteScenarioRows, readScenarioCounts, scenarioRowsWhere } from './scenarioPages';

/** Options of {@link loadDemoData}. */
export interface DemoLoadOptions {
  readonly count: number;
  /** Same seed, same records (default: random). */
  readonly seed?: number;
  /**
   * true: every demo record is owned by this installation's unit (all editable). false (default):
   * each is owned by the unit that opened it, as in a merged provincial register — the actor's
   * own region's records are editable, the others read-only.
   */
  readonly isOwnedByMe?: boolean;
}

/** The outcome of a demo load or removal. */
export interface DemoWrite {
  readonly count: number;
  readonly change: ChangeRecord;
}

function markerChange(ctx: WriteContext, op: 'import' | 'delete', count: number, hlc: string, at: number): ChangeRecord {
  return {
    id: ctx.newId() as ChangeRecordId,
    entity: 'scenario',
    entityId: DEMO_ENTITY_ID,
    op,
    changes: { count: op === 'import' ? { old: 0, new: count } : { old: count, new: 0 } },
    unitCode: ctx.actor.unitCode,
    actorRole: ctx.actor.role,
    hlc,
    at,
    note: op === 'import' ? `加载演示数据 ${String(count)} 条` : `移除演示数据 ${String(count)} 条`,
    batchId: `demo:${ctx.newId()}`,
  };
}

/**
 * Writes `rows` (isDemo records, e.g. from generateDemoScenarios) with fresh catalog numbers and
 * one marker change record, in one transaction. Exposed for benchmarks and tests with fixed rows.
 */
export async function writeDemoRows(ctx: WriteContext, rows: readonly Scenario[]): Promise<WriteResult<DemoWrite>> {
  return inWriteTransaction(ctx, async () => {
    const { db } = ctx;
    const now = ctx.now();
    const year = new Date(now).getFullYear();
    const allocator = new CatalogAllocator(db);
    await allocator.prepare(rows.map((row) => [row.regionCode, year] as const));
    const stored = [];
    for (const row of rows) {
      const catalogNumber = allocator.take(row.regionCode, year);
      if (catalogNumber === null) {
        refuse('catalog-exhausted', { zh: `地区 ${row.regionCode} 今年的场景编号不够用，请减少演示数据条数`, en: `Region ${row.regionCode} has too few catalog numbers left this year; load fewer demo records` });
      }
      stored.push(toScenarioRow({ ...row, catalogNumber, isDemo: true }));
    }
    const node = await localHlcNode(db, ctx.actor.unitCode, ctx.newId);
    const [hlc] = await issueHlcStamps(db, node, now, 1);
    const change = markerChange(ctx, 'import', stored.length, hlc as string, now);
    await addScenarioRows(db, stored);
    await db.changes.add(change);
    await allocator.flush();
    return { count: stored.length, change };
  });
}

/** Generates and loads demo scenarios ("加载演示数据") in one transaction. */
export async function loadDemoData(ctx: WriteContext, options: DemoLoadOptions): Promise<WriteResult<DemoWrite>> {
  const seed = options.seed ?? Number.parseInt(ctx.newId().replace(/-/g, '').slice(0, 8), 16);
  const rows = generateDemoScenarios(options.count, ctx.regions, {
    seed,
    year: new Date(ctx.now()).getFullYear(),
    ...(options.isOwnedByMe ? { ownerUnitCode: ctx.actor.unitCode } : {}),
  });
  return writeDemoRows(ctx, rows);
}

/** Removes all demo data in one step ("移除演示数据"); see the file comment for what is kept. */
export async function removeDemoData(ctx: WriteContext): Promise<WriteResult<DemoWrite>> {
  return inWriteTransaction(ctx, async () => {
    const { db } = ctx;
    // The counts row says whether there is any before the pages are read.
    const ids = (await readScenarioCounts(db)).demo === 0 ? [] : (await scenarioRowsWhere(db, (row) => row.demoFlag === 1)).map((row): string => row.id);
    if (ids.length === 0) refuse('nothing-to-undo', { zh: '没有演示数据可移除', en: 'There is no demo data to remove' });
    const idSet = new Set(ids);
    await deleteScenarioRows(db, ids);
    // One pass over the log beats anyOf() with 100k compound keys; demo rows have few records.
    await db.changes.filter((record) => record.entity === 'scenario' && idSet.has(record.entityId)).delete();
    const now = ctx.now();
    const node = await localHlcNode(db, ctx.actor.unitCode, ctx.newId);
    const [hlc] = await issueHlcStamps(db, node, now, 1);
    const change = markerChange(ctx, 'delete', ids.length, hlc as string, now);
    await db.changes.add(change);
    return { count: ids.length, change };
  });
}

/** How many demo records are stored (live or deleted). */
export async function countDemoData(db: AtlasDb): Promise<number> {
  return (await readScenarioCounts(db)).demo;
}
