import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ScenarioRow } from '../../../../renderer/db/atlasDb';
import {
  addScenarioRows,
  catalogHolders,
  deleteScenarioRows,
  eachScenarioPage,
  getScenarioRow,
  getScenarioRows,
  PAGES_PER_WRITE,
  putScenarioRows,
  readScenarioPages,
  readScenarioCounts,
  registerTables,
  scenarioRowsWhere,
  ScenarioWriter,
} from '../../../../renderer/db/scenarioPages';
import { countsOf, scenarioPageOf, toCatalogPages } from '../../../../renderer/db/schema/v9';
import { storageFailure } from '../../../../renderer/db/writeFailure';
import { freshDb } from './dbTestKit';
import type { AtlasDb } from '../../../../renderer/db/atlasDb';

const dbs: AtlasDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

function open(): AtlasDb {
  const db = freshDb();
  dbs.push(db);
  return db;
}

/** A row with only what the pages read (the module never validates a row's domain fields). */
function row(id: string, catalogNumber: string, more: Partial<{ regionCode: string; deletedFlag: 0 | 1; demoFlag: 0 | 1; title: string }> = {}): ScenarioRow {
  return { id, catalogNumber, regionCode: more.regionCode ?? '510107', deletedFlag: more.deletedFlag ?? 0, demoFlag: more.demoFlag ?? 0, title: more.title ?? id } as unknown as ScenarioRow;
}

/**
 * What `attempt` rejected with (null if it did not). Inside a transaction, not expect().rejects:
 * awaiting its chain of native promises loses Dexie's transaction zone, and the transaction's next
 * request then runs outside it.
 */
const failureOf = (attempt: Promise<unknown>): Promise<unknown> => attempt.then(() => null, (error: unknown) => error);

// The scope is an async function: Dexie keeps its transaction's zone across native awaits only in one.
/** What a taken id or number rejects with (RegisterKeyTaken, handed on by Dexie as its ConstraintError). */
const TAKEN = { name: 'ConstraintError', message: expect.stringMatching(/^\[register\] /) };

const write = <T>(db: AtlasDb, body: () => Promise<T>) => db.transaction('rw', registerTables(db), async () => await body());

/** Everything the pages hold, checked against what the module derives from them. */
async function stored(db: AtlasDb): Promise<ScenarioRow[]> {
  const pages = await db.scenarioPages.toArray();
  for (const page of pages) {
    expect(page.rows.length).toBeGreaterThan(0);
    for (const item of page.rows) expect(scenarioPageOf(item.id)).toBe(page.page);
    expect(page.rows.map((item) => item.id)).toEqual([...page.rows.map((item) => item.id)].sort());
  }
  return pages.flatMap((page) => page.rows).sort((a, b) => (a.id < b.id ? -1 : 1));
}

describe('the register in pages (schema v9)', () => {
  it('adds, reads, moves a catalog number, deletes, and keeps the catalog pages and counts in step', async () => {
    const db = open();
    await write(db, () => addScenarioRows(db, [row('a', 'N-1'), row('b', 'N-2', { regionCode: '510104' }), row('c', 'N-3', { deletedFlag: 1, demoFlag: 1 })]));
    expect(await getScenarioRow(db, 'b')).toMatchObject({ id: 'b', catalogNumber: 'N-2' });
    expect(await getScenarioRows(db, ['c', 'x', 'a'])).toEqual([expect.objectContaining({ id: 'c' }), undefined, expect.objectContaining({ id: 'a' })]);
    expect(await catalogHolders(db, ['N-1', 'N-3', 'N-9'])).toEqual(new Map([['N-1', 'a'], ['N-3', 'c']]));
    expect(await readScenarioCounts(db)).toEqual({ live: 2, deleted: 1, demo: 1, liveByRegion: { '510107': 1, '510104': 1 } });

    // a gives up N-1 for N-4; b takes N-1 in the same call, after it.
    await write(db, () => putScenarioRows(db, [row('a', 'N-4'), row('b', 'N-1', { regionCode: '510104' })]));
    expect(await catalogHolders(db, ['N-1', 'N-2', 'N-4'])).toEqual(new Map([['N-1', 'b'], ['N-4', 'a']]));
    await write(db, () => deleteScenarioRows(db, ['a', 'nobody']));
    expect(await getScenarioRow(db, 'a')).toBeUndefined();
    expect(await catalogHolders(db, ['N-4'])).toEqual(new Map());
    expect(await readScenarioCounts(db)).toEqual({ live: 1, deleted: 1, demo: 1, liveByRegion: { '510104': 1 } });
    expect((await stored(db)).map((item) => item.id)).toEqual(['b', 'c']);
    expect(await db.catalogPages.toArray()).toEqual(expect.arrayContaining(toCatalogPages(await stored(db))));
  });

  it.each([
    ['an id held', () => [row('a', 'N-9')], true, 'id'],
    ['a number held by another record (add)', () => [row('z', 'N-1')], true, 'catalogNumber'],
    ['a number held by another record (put)', () => [row('b', 'N-1')], false, 'catalogNumber'],
    ['a number twice in one call', () => [row('y', 'N-7'), row('z', 'N-7')], true, 'catalogNumber'],
    ['an id twice in one add', () => [row('y', 'N-7'), row('y', 'N-8')], true, 'id'],
  ] as const)('refuses %s, as the unique index did, writing nothing of the call', async (_name, rows, isNew, key) => {
    const db = open();
    await write(db, () => addScenarioRows(db, [row('a', 'N-1'), row('b', 'N-2')]));
    const before = await stored(db);
    const attempt = write(db, () => (isNew ? addScenarioRows(db, rows()) : putScenarioRows(db, rows())));
    // Past the transaction Dexie hands it on as its own ConstraintError (same name and message).
    await expect(attempt).rejects.toMatchObject({ name: 'ConstraintError', message: expect.stringContaining(key === 'id' ? 'a scenario with id' : 'catalog number') });
    // The write path's message for it is the one it gave the index's error.
    expect(storageFailure(await attempt.catch((error: unknown) => error))).toMatchObject({ error: 'duplicate-catalog-number' });
    expect(await stored(db)).toEqual(before);
    expect(await readScenarioCounts(db)).toEqual(countsOf(before));
  });

  it('a refused call leaves a writer as it was: the transaction may go on', async () => {
    const db = open();
    await write(db, async () => {
      const pages = new ScenarioWriter(db);
      await pages.add([row('a', 'N-1')]);
      expect(await failureOf(pages.add([row('b', 'N-2'), row('c', 'N-1')]))).toMatchObject(TAKEN);
      expect(await pages.rows(['b', 'c'])).toEqual([undefined, undefined]);
      expect(await pages.holders(['N-2'])).toEqual(new Map());
      await pages.add([row('b', 'N-2')]);
      await pages.flush();
    });
    expect((await stored(db)).map((item) => item.id)).toEqual(['a', 'b']);
    expect(await readScenarioCounts(db)).toEqual(countsOf(await stored(db)));
  });

  it('reads through a writer see its writes before they are put; each page is put once, at flush', async () => {
    const db = open();
    const ids = Array.from({ length: 300 }, (_, index) => `id-${String(index).padStart(4, '0')}`);
    let requests = 0;
    await write(db, async () => {
      const pages = new ScenarioWriter(db);
      for (let start = 0; start < ids.length; start += 50) await pages.add(ids.slice(start, start + 50).map((id, index) => row(id, `N-${String(start + index)}`)));
      await pages.put([row('id-0000', 'N-0', { title: 'changed' })]);
      expect(await db.scenarioPages.count()).toBe(0);
      expect(await pages.rows(['id-0000'])).toEqual([expect.objectContaining({ title: 'changed' })]);
      expect(await pages.holders(['N-299'])).toEqual(new Map([['N-299', 'id-0299']]));
      await pages.flush(() => void (requests += 1));
    });
    const pageCount = new Set(ids.map(scenarioPageOf)).size;
    const catalogPageCount = new Set(ids.map((_, index) => scenarioPageOf(`N-${String(index)}`))).size;
    expect(requests).toBe(Math.ceil(pageCount / PAGES_PER_WRITE) + Math.ceil(catalogPageCount / PAGES_PER_WRITE));
    expect(await db.scenarioPages.count()).toBe(pageCount);
    expect((await stored(db)).length).toBe(300);
    expect((await readScenarioCounts(db)).live).toBe(300);
    const scanned: string[] = [];
    await eachScenarioPage(db, (rows) => {
      for (const item of rows) scanned.push(item.id);
    });
    expect(scanned.sort()).toEqual(ids);
  });

  it('a transaction that throws after a flush keeps nothing of it (it rolls back)', async () => {
    const db = open();
    await write(db, () => addScenarioRows(db, [row('a', 'N-1')]));
    await expect(
      write(db, async () => {
        const pages = new ScenarioWriter(db);
        await pages.add([row('b', 'N-2')]);
        await pages.flush();
        await putScenarioRows(db, [row('a', 'N-3')]);
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect((await stored(db)).map((item) => [item.id, item.catalogNumber])).toEqual([['a', 'N-1']]);
    expect(await catalogHolders(db, ['N-1', 'N-2', 'N-3'])).toEqual(new Map([['N-1', 'a']]));
    expect(await readScenarioCounts(db)).toEqual(countsOf([row('a', 'N-1')]));
  });

  it('a cancel thrown while a flush reports progress rolls the transaction back', async () => {
    const db = open();
    const rows = Array.from({ length: 200 }, (_, index) => row(`id-${String(index)}`, `N-${String(index)}`));
    await expect(
      write(db, async () => {
        const pages = new ScenarioWriter(db);
        await pages.add(rows);
        await pages.flush((done) => {
          if (done >= PAGES_PER_WRITE * 2) throw new Error('cancelled');
        });
      }),
    ).rejects.toThrow('cancelled');
    expect(await db.scenarioPages.count()).toBe(0);
    expect(await readScenarioCounts(db)).toEqual(countsOf([]));
  });

  it('a writer seeded with pages read before starts from them: no read, and the seed is left as read', async () => {
    const db = open();
    await write(db, () => addScenarioRows(db, [row('a', 'N-1'), row('b', 'N-2')]));
    const read = await readScenarioPages(db, ['a', 'b']);
    expect(read.rows.map((item) => item?.id)).toEqual(['a', 'b']);
    const seedBefore = structuredClone([...read.pages]);
    const reads = vi.spyOn(db.scenarioPages, 'bulkGet');
    await write(db, async () => {
      const pages = new ScenarioWriter(db, read.pages);
      await pages.put([row('a', 'N-1', { title: 'changed' })]);
      await pages.flush();
    });
    expect(reads).not.toHaveBeenCalled();
    expect([...read.pages]).toEqual(seedBefore);
    expect((await stored(db)).map((item) => [item.id, item.title])).toEqual([['a', 'changed'], ['b', 'b']]);
  });

  it('refuses a write outside a transaction', async () => {
    const db = open();
    await expect(addScenarioRows(db, [row('a', 'N-1')])).rejects.toThrow(/inside a transaction/);
  });

  it('holds what a model of rows by id holds, after any sequence of adds, puts and deletes (property)', async () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    const numbers = ['N-1', 'N-2', 'N-3', 'N-4', 'N-5'];
    const arbRow = fc.record({ id: fc.constantFrom(...ids), number: fc.constantFrom(...numbers), deleted: fc.constantFrom<0 | 1>(0, 1), demo: fc.constantFrom<0 | 1>(0, 1), region: fc.constantFrom('510107', '510104') });
    const op = fc.oneof(
      fc.record({ kind: fc.constant('add' as const), rows: fc.array(arbRow, { minLength: 1, maxLength: 3 }) }),
      fc.record({ kind: fc.constant('put' as const), rows: fc.array(arbRow, { minLength: 1, maxLength: 3 }) }),
      fc.record({ kind: fc.constant('delete' as const), ids: fc.array(fc.constantFrom(...ids), { minLength: 1, maxLength: 2 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(op, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }), async (transactions) => {
        const db = open();
        let model = new Map<string, ScenarioRow>();
        for (const ops of transactions) {
          // One transaction and one writer per group of ops; a refused op is skipped, as the model skips it.
          const next = new Map(model);
          await write(db, async () => {
            const pages = new ScenarioWriter(db);
            for (const o of ops) {
              if (o.kind === 'delete') {
                await pages.remove(o.ids);
                for (const id of o.ids) next.delete(id);
                continue;
              }
              const rows = o.rows.map((r) => row(r.id, r.number, { deletedFlag: r.deleted, demoFlag: r.demo, regionCode: r.region }));
              const trial = new Map(next);
              let refused = false;
              for (const r of rows) {
                const current = trial.get(r.id);
                if (o.kind === 'add' && current !== undefined) refused = true;
                const holder = [...trial.values()].find((other) => other.catalogNumber === r.catalogNumber && other.id !== r.id);
                if (holder !== undefined) refused = true;
                trial.set(r.id, r);
              }
              const attempt = o.kind === 'add' ? pages.add(rows) : pages.put(rows);
              const error = await failureOf(attempt);
              if (refused) expect(error).toMatchObject(TAKEN);
              else {
                expect(error).toBeNull();
                for (const [id, r] of trial) next.set(id, r);
              }
            }
            await pages.flush();
          });
          model = next;
          const all = [...model.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
          expect(await stored(db)).toEqual(all);
          expect(await scenarioRowsWhere(db)).toHaveLength(all.length);
          expect(await catalogHolders(db, numbers)).toEqual(new Map(all.map((r) => [r.catalogNumber, r.id])));
          expect(await readScenarioCounts(db)).toEqual(countsOf(all));
        }
      }),
      { numRuns: 60 },
    );
  });
});
