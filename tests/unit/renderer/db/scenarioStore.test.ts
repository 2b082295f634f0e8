import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AtlasDb, ScenarioRow } from '../../../../renderer/db/atlasDb';
import { watchLiveRows } from '../../../../renderer/db/scenarioStore';
import { createScenario, deleteScenario, updateScenario, type WriteContext } from '../../../../renderer/db/writePath';
import { loadDemoData, removeDemoData } from '../../../../renderer/db/demoRepository';
import { commitImport } from '../../../../renderer/db/importRepository';
import { freshDb, makeContext, wuhouInput, wuhouScenarios } from './dbTestKit';

const opened: AtlasDb[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

function setup(): WriteContext {
  const db = freshDb();
  opened.push(db);
  const ctx = makeContext(db);
  // Each write a second later, so HLC stamps move by wall clock as in the app.
  return { ...ctx, now: () => (ctx.clock.t += 1000) };
}

const validInput = wuhouInput;

/** Resolves with the next snapshot that satisfies the predicate. */
function nextRows(received: (readonly ScenarioRow[])[], predicate: (rows: readonly ScenarioRow[]) => boolean): Promise<readonly ScenarioRow[]> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      const hit = received.find(predicate);
      if (hit) {
        clearInterval(timer);
        resolve(hit);
      } else if (Date.now() - started > 5000) {
        clearInterval(timer);
        reject(new Error(`no matching snapshot in ${String(received.length)} received`));
      }
    }, 10);
  });
}

describe('watchLiveRows', () => {
  it('publishes the first load, then each create, edit and delete without a full re-read', async () => {
    const ctx = setup();
    const created = await createScenario(ctx, validInput({ title: '已有场景' }));
    if (!created.ok) throw new Error(created.message);
    const received: (readonly ScenarioRow[])[] = [];
    const stop = watchLiveRows(ctx.db, (rows) => received.push(rows), (error) => {
      throw error;
    });
    try {
      await nextRows(received, (rows) => rows.length === 1);

      const second = await createScenario(ctx, validInput({ title: '新场景' }));
      if (!second.ok) throw new Error(second.message);
      await nextRows(received, (rows) => rows.length === 2);

      const edited = await updateScenario(ctx, second.value.scenario.id, { title: '改名后的场景' }, second.value.scenario.version);
      if (!edited.ok) throw new Error(edited.message);
      await nextRows(received, (rows) => rows.some((row) => row.title === '改名后的场景'));

      const removed = await deleteScenario(ctx, created.value.scenario.id, created.value.scenario.version);
      if (!removed.ok) throw new Error(removed.message);
      const last = await nextRows(received, (rows) => rows.length === 1 && rows[0]?.title === '改名后的场景');
      expect(last.every((row) => row.deletedFlag === 0)).toBe(true);
    } finally {
      stop();
    }
  });

  it('reloads fully after a demo load and a demo removal (one marker record for many rows)', async () => {
    const ctx = setup();
    const received: (readonly ScenarioRow[])[] = [];
    const stop = watchLiveRows(ctx.db, (rows) => received.push(rows), (error) => {
      throw error;
    });
    try {
      await nextRows(received, (rows) => rows.length === 0);
      const loaded = await loadDemoData(ctx, { count: 50, seed: 7 });
      if (!loaded.ok) throw new Error(loaded.message);
      await nextRows(received, (rows) => rows.length === 50);
      const before = received.length;
      const removed = await removeDemoData(ctx);
      if (!removed.ok) throw new Error(removed.message);
      await nextRows(received, (rows) => rows.length === 0 && received.indexOf(rows) >= before);
    } finally {
      stop();
    }
  });

  it.each([
    ['within the limit: only the records the change records name are read', 10, 1],
    ['past the limit (a big import): the rows are read again, not the change records', 3, 2],
  ])('an import of 5 records %s', async (_name, incrementalLimit, fullReads) => {
    const ctx = setup();
    const records = wuhouScenarios(5, 3);
    // A full read lists the register's pages first (eachScenarioPage); reading the records named
    // by change records gets their pages only (bulkGet), never a list.
    const scans = vi.spyOn(ctx.db.scenarioPages, 'toCollection');
    const received: (readonly ScenarioRow[])[] = [];
    const stop = watchLiveRows(ctx.db, (rows) => received.push(rows), (error) => {
      throw error;
    }, { incrementalLimit });
    try {
      await nextRows(received, (rows) => rows.length === 0);
      const written = await commitImport(ctx, { records, updates: [] }, 'big');
      if (!written.ok) throw new Error(written.message);
      const rows = await nextRows(received, (current) => current.length === 5);
      expect(new Set(rows.map((row) => row.id))).toEqual(new Set(records.map((record) => record.id)));
      expect(scans).toHaveBeenCalledTimes(fullReads);
    } finally {
      stop();
    }
  });
});
