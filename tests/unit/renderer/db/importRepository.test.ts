import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { generateDemoScenarios } from '../../../../shared/domain/demoData';
import { asRegionCode } from '../../../../shared/regions/regions';
import type { Scenario, ScenarioInput } from '../../../../shared/domain/scenario';
import { chunksOf, commitImport, loadImportSnapshot, sourceOf, type ImportCommit, type ImportSource } from '../../../../renderer/db/importRepository';
import { createScenario, deleteScenario, undo, undoBatch } from '../../../../renderer/db/writePath';
import { freshDbsPerTest, makeContext, okValue, regions, wuhouInput, YEAR } from './dbTestKit';

const db = freshDbsPerTest();
const WUHOU = asRegionCode('510107');

/** The form fields of a record, as the import plan hands them over. */
function inputOf(scenario: Scenario, overrides: Partial<ScenarioInput> = {}): ScenarioInput {
  return { ...scenario, techDirections: [...scenario.techDirections], ...overrides };
}

/** Wuhou county rows only (the unit's jurisdiction). */
function wuhouRows(count: number): Scenario[] {
  const center = regions.get(WUHOU)?.center ?? [104, 30.6];
  return generateDemoScenarios(count, regions, { seed: 5, year: YEAR, ownerUnitCode: WUHOU }).map((row, i) => ({
    ...row,
    regionCode: WUHOU,
    openingLevel: 'county' as const,
    location: { lng: center[0], lat: center[1] },
    isPlaced: true,
    isDemo: false,
    catalogNumber: i % 2 === 0 ? `510107-${YEAR}-${String(500 + i).padStart(4, '0')}` : '',
  }));
}

describe('commitImport', () => {
  it('writes new records (keeping or allocating numbers) and updates in one batch; undo of the batch takes it all back', async () => {
    const d = db();
    const ctx = makeContext(d);
    const existing = okValue(await createScenario(ctx, wuhouInput())).scenario;
    const snapshot = await loadImportSnapshot(d);
    expect(snapshot.existingByNumber.get(existing.catalogNumber)).toMatchObject({ id: existing.id, version: 1, isDeleted: false });
    const fresh = wuhouRows(4);
    const write = okValue(
      await commitImport(ctx, { records: fresh, updates: [{ id: existing.id, expectedVersion: 1, input: inputOf(existing, { title: '更新后的名称' }) }] }, 'batch-1'),
    );
    expect(write).toEqual({ batchId: 'batch-1', created: 4, updated: 1, unchanged: 0 });
    const stored = await d.scenarios.bulkGet(fresh.map((row) => row.id));
    expect(stored.every((row) => row && /^510107-\d{4}-\d{4}$/.test(row.catalogNumber))).toBe(true);
    expect(stored[0]?.catalogNumber).toBe(fresh[0]?.catalogNumber);
    expect((await d.scenarios.get(existing.id))?.title).toBe('更新后的名称');
    const log = await d.changes.where('batchId').equals('batch-1').toArray();
    expect(log).toHaveLength(5);
    expect(log.every((change) => change.op === 'import')).toBe(true);

    okValue(await undo(ctx, { batchId: 'batch-1' }));
    expect((await d.scenarios.get(existing.id))?.title).toBe(wuhouInput().title);
    expect((await d.scenarios.bulkGet(fresh.map((row) => row.id))).every((row) => row?.deletedAt !== null)).toBe(true);
  });

  it('an update equal to the record writes no change record', async () => {
    const d = db();
    const ctx = makeContext(d);
    const existing = okValue(await createScenario(ctx, wuhouInput())).scenario;
    const write = okValue(await commitImport(ctx, { records: [], updates: [{ id: existing.id, expectedVersion: 1, input: inputOf(existing) }] }, 'b'));
    expect(write).toMatchObject({ updated: 0, unchanged: 1 });
    expect(await d.changes.where('batchId').equals('b').count()).toBe(0);
  });

  it.each([
    ['the record moved on since the preview', 'version-conflict', (existing: Scenario) => ({ records: wuhouRows(2), updates: [{ id: existing.id, expectedVersion: 7, input: inputOf(existing) }] })],
    ['a record id exists now', 'duplicate-id', (existing: Scenario) => ({ records: [{ ...wuhouRows(1)[0] as Scenario, id: existing.id }], updates: [] })],
    ['a kept number is taken now', 'duplicate-catalog-number', (existing: Scenario) => ({ records: [{ ...wuhouRows(1)[0] as Scenario, catalogNumber: existing.catalogNumber }], updates: [] })],
    ['a row outside the jurisdiction', 'outside-jurisdiction', () => ({ records: [{ ...(wuhouRows(1)[0] as Scenario), regionCode: asRegionCode('510104') }], updates: [] })],
    ['nothing to import', 'invalid-rows', () => ({ records: [], updates: [] })],
  ] as const)('refuses all when %s: nothing written', async (_name, error, make) => {
    const d = db();
    const ctx = makeContext(d);
    const existing = okValue(await createScenario(ctx, wuhouInput())).scenario;
    const before = { scenarios: await d.scenarios.count(), changes: await d.changes.count() };
    const result = await commitImport(ctx, make(existing), 'x');
    expect(result).toMatchObject({ ok: false, error });
    expect({ scenarios: await d.scenarios.count(), changes: await d.changes.count() }).toEqual(before);
    expect((await d.scenarios.get(existing.id))?.version).toBe(1);
  });

  it('a company installation cannot import', async () => {
    const d = db();
    const result = await commitImport(makeContext(d, '510107', 'company'), { records: wuhouRows(1), updates: [] }, 'x');
    expect(result).toMatchObject({ ok: false, error: 'read-only-role' });
    expect(await d.scenarios.count()).toBe(0);
  });
});

describe('chunksOf', () => {
  it.each([
    [[], 3, []],
    [[1, 2, 3, 4, 5], 2, [[1, 2], [3, 4], [5]]],
    [[1, 2, 3], 3, [[1, 2, 3]]],
    [[1, 2], 0, [[1], [2]]],
    [[1, 2, 3], 2.7, [[1, 2], [3]]],
  ])('%j in chunks of %d', (items, size, chunks) => {
    expect(chunksOf(items, size)).toEqual(chunks);
  });
});

describe('commitImport in chunks (issue 5: the page is never blocked for long)', () => {
  const totals = async (d: ReturnType<typeof db>) => ({ scenarios: await d.scenarios.count(), changes: await d.changes.count(), meta: await d.meta.toArray() });

  it('writes every row over many chunks, with strictly increasing stamps and progress to the end', async () => {
    const d = db();
    const ctx = makeContext(d);
    const existing = okValue(await createScenario(ctx, wuhouInput())).scenario;
    const fresh = wuhouRows(7);
    const seen: string[] = [];
    const write = okValue(
      await commitImport(ctx, { records: fresh, updates: [{ id: existing.id, expectedVersion: 1, input: inputOf(existing, { title: '分块更新' }) }] }, 'chunked', {
        chunkRows: 2,
        onProgress: (stage, done, total) => seen.push(`${stage} ${String(done)}/${String(total)}`),
      }),
    );
    expect(write).toEqual({ batchId: 'chunked', created: 7, updated: 1, unchanged: 0 });
    expect(seen).toEqual(['check 2/7', 'check 4/7', 'check 6/7', 'check 7/7', 'write 0/8', 'write 2/8', 'write 4/8', 'write 6/8', 'write 7/8', 'write 8/8']);
    const log = await d.changes.where('batchId').equals('chunked').toArray();
    const stamps = log.map((change) => change.hlc).sort();
    expect(new Set(stamps).size).toBe(8);
    const created = (await d.changes.toArray()).find((change) => change.entityId === existing.id && change.op === 'create')?.hlc ?? '';
    expect(stamps.every((stamp) => stamp > created)).toBe(true);
    // The stamps follow the order of writing: the new records first, then the update.
    const order = [...fresh.map((row) => row.id), existing.id];
    expect(order.map((id) => log.find((change) => change.entityId === id)?.hlc)).toEqual(stamps);
    expect((await d.meta.get('hlc'))?.value).toBe(stamps[stamps.length - 1]);
    const stored = await d.scenarios.bulkGet(fresh.map((row) => row.id));
    expect(new Set(stored.map((row) => row?.catalogNumber)).size).toBe(7);
  });

  it.each([
    ['checking the rows', 'check'],
    ['writing them', 'write'],
  ] as const)('a cancel while %s rolls everything back', async (_name, when) => {
    const d = db();
    const ctx = makeContext(d);
    okValue(await createScenario(ctx, wuhouInput()));
    const before = await totals(d);
    const abort = new AbortController();
    const result = await commitImport(ctx, { records: wuhouRows(9), updates: [] }, 'cancelled', {
      chunkRows: 2,
      signal: abort.signal,
      onProgress: (stage, done) => {
        if (stage === when && done >= 4) abort.abort();
      },
    });
    expect(result).toMatchObject({ ok: false, error: 'cancelled' });
    expect(await totals(d)).toEqual(before);
  });

  it('the same record id twice in one import is refused before anything is written', async () => {
    const d = db();
    const ctx = makeContext(d);
    const [row] = wuhouRows(1) as [Scenario];
    const result = await commitImport(ctx, { records: [row, { ...row, catalogNumber: '' }], updates: [] }, 'twice');
    expect(result).toMatchObject({ ok: false, error: 'duplicate-id' });
    expect(await d.scenarios.count()).toBe(0);
  });
});

/**
 * A source like the import worker's: every read answers in a task of its own (a message), after
 * IndexedDB would have committed an idle transaction. Records every read.
 */
function workerLikeSource(commit: ImportCommit, options: { readonly failAt?: number } = {}): ImportSource & { readonly reads: string[] } {
  const inMemory = sourceOf(commit);
  const reads: string[] = [];
  const later = <T>(value: () => T): Promise<T> => new Promise((resolve, reject) => setTimeout(() => {
    try {
      resolve(value());
    } catch (cause) {
      reject(cause instanceof Error ? cause : new Error(String(cause)));
    }
  }, 5));
  let recordReads = 0;
  return {
    reads,
    recordCount: inMemory.recordCount,
    updateCount: inMemory.updateCount,
    records: (from, count) => {
      reads.push(`records ${String(from)}+${String(count)}`);
      recordReads += 1;
      const isFailing = recordReads === options.failAt;
      return later(() => {
        if (isFailing) throw new Error('the import worker stopped');
        return commit.records.slice(from, from + count);
      });
    },
    updates: (from, count) => {
      reads.push(`updates ${String(from)}+${String(count)}`);
      return later(() => commit.updates.slice(from, from + count));
    },
  };
}

describe('commitImport from a source read a chunk at a time (issue 5: the plan stays in the worker)', () => {
  const totals = async (d: ReturnType<typeof db>) => ({ scenarios: await d.scenarios.count(), changes: await d.changes.count(), meta: await d.meta.toArray() });

  it('keeps its one transaction open across reads that answer in later tasks, and reads in chunks', async () => {
    const d = db();
    const ctx = makeContext(d);
    const existing = okValue(await createScenario(ctx, wuhouInput())).scenario;
    const fresh = wuhouRows(5);
    const source = workerLikeSource({ records: fresh, updates: [{ id: existing.id, expectedVersion: 1, input: inputOf(existing, { title: '从工作线程更新' }) }] });
    const write = okValue(await commitImport(ctx, source, 'from-worker', { chunkRows: 2 }));
    expect(write).toEqual({ batchId: 'from-worker', created: 5, updated: 1, unchanged: 0 });
    // Checked before the transaction, then read again to be written: never more than a chunk at a time.
    expect(source.reads).toEqual([
      'records 0+2', 'records 2+2', 'records 4+2',
      'updates 0+1',
      'records 0+2', 'records 2+2', 'records 4+1',
    ]);
    expect((await d.scenarios.bulkGet(fresh.map((row) => row.id))).every((row) => row !== undefined)).toBe(true);
    expect((await d.scenarios.get(existing.id))?.title).toBe('从工作线程更新');
    expect(await d.changes.where('batchId').equals('from-worker').count()).toBe(6);
  });

  it('a read that fails half-way through the writes (the worker stopped) rolls everything back', async () => {
    const d = db();
    const ctx = makeContext(d);
    okValue(await createScenario(ctx, wuhouInput()));
    const before = await totals(d);
    // Reads 1–5 check the rows; 6 and 7 are written; read 8 fails.
    const result = await commitImport(ctx, workerLikeSource({ records: wuhouRows(9), updates: [] }, { failAt: 8 }), 'crashed', { chunkRows: 2 });
    expect(result).toMatchObject({ ok: false, error: 'write-failed' });
    expect(await totals(d)).toEqual(before);
  });

  it('a cancel while writing from the worker rolls everything back', async () => {
    const d = db();
    const ctx = makeContext(d);
    okValue(await createScenario(ctx, wuhouInput()));
    const before = await totals(d);
    const abort = new AbortController();
    const result = await commitImport(ctx, workerLikeSource({ records: wuhouRows(9), updates: [] }), 'cancelled', {
      chunkRows: 2,
      signal: abort.signal,
      onProgress: (stage, done) => {
        if (stage === 'write' && done >= 4) abort.abort();
      },
    });
    expect(result).toMatchObject({ ok: false, error: 'cancelled' });
    expect(await totals(d)).toEqual(before);
  });

  it('a source that gives fewer records than it promised fails, and nothing is written', async () => {
    const d = db();
    const ctx = makeContext(d);
    const fresh = wuhouRows(3);
    const short: ImportSource = { ...sourceOf({ records: fresh, updates: [] }), recordCount: 4 };
    await expect(commitImport(ctx, short, 'short', { chunkRows: 2 })).rejects.toThrow(/no record 3 of 4/);
    expect(await d.scenarios.count()).toBe(0);
  });
});

describe('undoBatch (issue 5: a 100k-row import is undone in chunks, in one transaction)', () => {
  const totals = async (d: ReturnType<typeof db>) => ({ scenarios: await d.scenarios.toArray(), changes: await d.changes.count(), meta: await d.meta.toArray() });

  it('undoes every row of an import over many chunks, as one new batch, with progress to the end', async () => {
    const d = db();
    const ctx = makeContext(d);
    const existing = okValue(await createScenario(ctx, wuhouInput())).scenario;
    const fresh = wuhouRows(7);
    okValue(await commitImport(ctx, { records: fresh, updates: [{ id: existing.id, expectedVersion: 1, input: inputOf(existing, { title: '导入后的名称' }) }] }, 'to-undo'));
    const seen: string[] = [];
    const undone = okValue(await undoBatch(ctx, 'to-undo', { chunkRows: 3, onProgress: (done, total) => seen.push(`${String(done)}/${String(total)}`) }));
    expect(undone.undone).toBe(8);
    expect(seen).toEqual(['0/8', '3/8', '6/8', '8/8']);
    expect((await d.scenarios.bulkGet(fresh.map((row) => row.id))).every((row) => row?.deletedAt !== null)).toBe(true);
    expect((await d.scenarios.get(existing.id))?.title).toBe(wuhouInput().title);
    const inverses = await d.changes.where('batchId').equals(undone.batchId).toArray();
    expect(inverses).toHaveLength(8);
    expect(new Set(inverses.map((change) => change.hlc)).size).toBe(8);
    // The undo is an operation of its own: undoing it brings the import back.
    okValue(await undoBatch(ctx, undone.batchId, { chunkRows: 3 }));
    expect((await d.scenarios.get(existing.id))?.title).toBe('导入后的名称');
    expect((await d.scenarios.bulkGet(fresh.map((row) => row.id))).every((row) => row?.deletedAt === null)).toBe(true);
  });

  it('a record deleted since the import refuses the whole undo, even after chunks were written', async () => {
    const d = db();
    const ctx = makeContext(d);
    const fresh = wuhouRows(7);
    okValue(await commitImport(ctx, { records: fresh, updates: [] }, 'imported', { chunkRows: 2 }));
    // The first row imported is undone last (newest first): the chunks before it are written by then.
    const first = fresh[0] as Scenario;
    okValue(await deleteScenario(ctx, first.id, (await d.scenarios.get(first.id))?.version ?? 0));
    const before = await totals(d);
    const result = await undoBatch(ctx, 'imported', { chunkRows: 2 });
    expect(result).toMatchObject({ ok: false, error: 'undo-conflict' });
    expect(await totals(d)).toEqual(before);
  });

  it.each([
    ['no such batch', 'no-such-batch', 'nothing-to-undo'],
  ] as const)('refuses %s', async (_name, batchId, error) => {
    const d = db();
    expect(await undoBatch(makeContext(d), batchId)).toMatchObject({ ok: false, error });
  });
});
