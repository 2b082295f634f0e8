import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { asRegionCode } from '../../../../shared/regions/regions';
import type { Scenario, ScenarioInput } from '../../../../shared/domain/scenario';
import { commitImport, loadImportSnapshot } from '../../../../renderer/db/importRepository';
import { createScenario, deleteScenario, undo, undoBatch } from '../../../../renderer/db/writePath';
import type { AtlasDb } from '../../../../renderer/db/atlasDb';
import { getScenarioRow, getScenarioRows, scenarioRowsWhere } from '../../../../renderer/db/scenarioPages';
import { inRowOrder } from '../../../../renderer/db/schema/v9';
import { freshDbsPerTest, makeContext, okValue, wuhouInput, wuhouScenarios, YEAR } from './dbTestKit';

const db = freshDbsPerTest();

/** How many scenario rows the register holds (deleted ones included). */
const rowCount = async (d: AtlasDb): Promise<number> => (await scenarioRowsWhere(d)).length;

/** The form fields of a record, as the import plan hands them over. */
function inputOf(scenario: Scenario, overrides: Partial<ScenarioInput> = {}): ScenarioInput {
  return { ...scenario, techDirections: [...scenario.techDirections], ...overrides };
}

/** Wuhou county rows only (the unit's jurisdiction); every other one keeps its 场景编号. */
function wuhouRows(count: number): Scenario[] {
  return wuhouScenarios(count, 5).map((row, i) => ({ ...row, catalogNumber: i % 2 === 0 ? `510107-${String(YEAR)}-${String(500 + i).padStart(4, '0')}` : '' }));
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
    const stored = await getScenarioRows(d, fresh.map((row) => row.id));
    expect(stored.every((row) => row && /^510107-\d{4}-\d{4}$/.test(row.catalogNumber))).toBe(true);
    expect(stored[0]?.catalogNumber).toBe(fresh[0]?.catalogNumber);
    expect((await getScenarioRow(d, existing.id))?.title).toBe('更新后的名称');
    const log = await d.changes.where('batchId').equals('batch-1').toArray();
    expect(log).toHaveLength(5);
    expect(log.every((change) => change.op === 'import')).toBe(true);

    okValue(await undo(ctx, { batchId: 'batch-1' }));
    expect((await getScenarioRow(d, existing.id))?.title).toBe(wuhouInput().title);
    expect((await getScenarioRows(d, fresh.map((row) => row.id))).every((row) => row?.deletedAt !== null)).toBe(true);
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
    const before = { scenarios: await rowCount(d), changes: await d.changes.count() };
    const result = await commitImport(ctx, make(existing), 'x');
    expect(result).toMatchObject({ ok: false, error });
    expect({ scenarios: await rowCount(d), changes: await d.changes.count() }).toEqual(before);
    expect((await getScenarioRow(d, existing.id))?.version).toBe(1);
  });

  it('a company installation cannot import', async () => {
    const d = db();
    const result = await commitImport(makeContext(d, '510107', 'company'), { records: wuhouRows(1), updates: [] }, 'x');
    expect(result).toMatchObject({ ok: false, error: 'read-only-role' });
    expect(await rowCount(d)).toBe(0);
  });
});

/** What a refused or cancelled write must leave as it was: every row (in id order), who holds each 场景编号, how many change records, the meta rows (the register's counts among them). */
const totals = async (d: ReturnType<typeof db>) => ({ scenarios: inRowOrder(await scenarioRowsWhere(d)), catalog: await d.catalogPages.toArray(), changes: await d.changes.count(), meta: await d.meta.toArray() });

describe('commitImport in chunks (issue 5: the page is never blocked for long)', () => {
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
    // The update is checked against the register first; each new record is checked as its chunk is written.
    expect(seen).toEqual(['check 1/1', 'write 0/8', 'write 2/8', 'write 4/8', 'write 6/8', 'write 7/8', 'write 8/8']);
    const log = await d.changes.where('batchId').equals('chunked').toArray();
    const stamps = log.map((change) => change.hlc).sort();
    expect(new Set(stamps).size).toBe(8);
    const created = (await d.changes.toArray()).find((change) => change.entityId === existing.id && change.op === 'create')?.hlc ?? '';
    expect(stamps.every((stamp) => stamp > created)).toBe(true);
    // The stamps follow the order of writing: the new records first, then the update.
    const order = [...fresh.map((row) => row.id), existing.id];
    expect(order.map((id) => log.find((change) => change.entityId === id)?.hlc)).toEqual(stamps);
    expect((await d.meta.get('hlc'))?.value).toBe(stamps[stamps.length - 1]);
    const stored = await getScenarioRows(d, fresh.map((row) => row.id));
    expect(new Set(stored.map((row) => row?.catalogNumber)).size).toBe(7);
  });

  it.each([
    ['checking the updates', 'check'],
    ['writing', 'write'],
  ] as const)('a cancel while %s rolls everything back', async (_name, when) => {
    const d = db();
    const ctx = makeContext(d);
    const existing: Scenario[] = [];
    for (let i = 0; i < 5; i += 1) existing.push(okValue(await createScenario(ctx, wuhouInput({ title: `已有场景 ${String(i)}` }))).scenario);
    const before = await totals(d);
    const abort = new AbortController();
    const updates = existing.map((row) => ({ id: row.id, expectedVersion: 1, input: inputOf(row, { title: `${row.title}（更新）` }) }));
    const result = await commitImport(ctx, { records: wuhouRows(9), updates }, 'cancelled', {
      chunkRows: 2,
      signal: abort.signal,
      onProgress: (stage, done) => {
        if (stage === when && done >= 4) abort.abort();
      },
    });
    expect(result).toMatchObject({ ok: false, error: 'cancelled' });
    expect(await totals(d)).toEqual(before);
  });

  it.each([1, 2, 500])('the same record id twice in one import is refused and nothing written (chunks of %d)', async (chunkRows) => {
    const d = db();
    const ctx = makeContext(d);
    const rows = wuhouRows(3);
    const twice = { ...(rows[0] as Scenario), catalogNumber: '' };
    const result = await commitImport(ctx, { records: [...rows, twice], updates: [] }, 'twice', { chunkRows });
    expect(result).toMatchObject({ ok: false, error: 'duplicate-id', text: { en: 'The import holds the same record id twice; nothing was imported' } });
    expect({ scenarios: await rowCount(d), changes: await d.changes.count() }).toEqual({ scenarios: 0, changes: 0 });
  });

  it.each([1, 500])('the same kept catalog number twice in one import is refused and nothing written (chunks of %d)', async (chunkRows) => {
    const d = db();
    const ctx = makeContext(d);
    const [first, second] = wuhouRows(3) as [Scenario, Scenario, Scenario];
    const result = await commitImport(ctx, { records: [first, second, { ...wuhouRows(4)[3] as Scenario, catalogNumber: first.catalogNumber }], updates: [] }, 'twice', { chunkRows });
    expect(result).toMatchObject({ ok: false, error: 'duplicate-catalog-number', text: { en: 'The import holds the same catalog number twice; nothing was imported' } });
    expect(await rowCount(d)).toBe(0);
  });

  it('a record created elsewhere since the preview refuses all, naming only its number', async () => {
    const d = db();
    const ctx = makeContext(d);
    const existing = okValue(await createScenario(ctx, wuhouInput())).scenario;
    const rows = wuhouRows(3);
    const before = { scenarios: await rowCount(d), changes: await d.changes.count() };
    const result = await commitImport(ctx, { records: [rows[0] as Scenario, { ...(rows[1] as Scenario), id: existing.id }, rows[2] as Scenario], updates: [] }, 'late');
    expect(result).toMatchObject({ ok: false, error: 'duplicate-id', details: [existing.catalogNumber], text: { en: 'The register changed during the import (some records exist now); nothing was imported — import again' } });
    expect({ scenarios: await rowCount(d), changes: await d.changes.count() }).toEqual(before);
  });

  it('a bad row in a later chunk refuses all, though the chunks before it were written in the transaction', async () => {
    const d = db();
    const ctx = makeContext(d);
    okValue(await createScenario(ctx, wuhouInput()));
    const before = await totals(d);
    const rows = wuhouRows(5);
    const outside = { ...(rows[4] as Scenario), regionCode: asRegionCode('510104') };
    const result = await commitImport(ctx, { records: [...rows.slice(0, 4), outside], updates: [] }, 'late', { chunkRows: 2 });
    expect(result).toMatchObject({ ok: false, error: 'outside-jurisdiction' });
    expect(await totals(d)).toEqual(before);
  });

  it('numbers are handed out past the highest kept number of each region and year, whatever the order', async () => {
    const d = db();
    const ctx = makeContext(d);
    const [blank, kept] = wuhouRows(2) as [Scenario, Scenario];
    const keptNumber = `510107-${String(YEAR)}-0003`;
    okValue(await commitImport(ctx, { records: [{ ...blank, catalogNumber: '' }, { ...kept, catalogNumber: keptNumber }], updates: [] }, 'order', { chunkRows: 1 }));
    expect((await getScenarioRow(d, blank.id))?.catalogNumber).toBe(`510107-${String(YEAR)}-0004`);
    expect((await getScenarioRow(d, kept.id))?.catalogNumber).toBe(keptNumber);
  });
});

describe('undoBatch (issue 5: a 100k-row import is undone in chunks, in one transaction)', () => {
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
    expect((await getScenarioRows(d, fresh.map((row) => row.id))).every((row) => row?.deletedAt !== null)).toBe(true);
    expect((await getScenarioRow(d, existing.id))?.title).toBe(wuhouInput().title);
    const inverses = await d.changes.where('batchId').equals(undone.batchId).toArray();
    expect(inverses).toHaveLength(8);
    expect(new Set(inverses.map((change) => change.hlc)).size).toBe(8);
    // The undo is an operation of its own: undoing it brings the import back.
    okValue(await undoBatch(ctx, undone.batchId, { chunkRows: 3 }));
    expect((await getScenarioRow(d, existing.id))?.title).toBe('导入后的名称');
    expect((await getScenarioRows(d, fresh.map((row) => row.id))).every((row) => row?.deletedAt === null)).toBe(true);
  });

  it('a record deleted since the import refuses the whole undo, even after chunks were written', async () => {
    const d = db();
    const ctx = makeContext(d);
    const fresh = wuhouRows(7);
    okValue(await commitImport(ctx, { records: fresh, updates: [] }, 'imported', { chunkRows: 2 }));
    // The first row imported is undone last (newest first): the chunks before it are written by then.
    const first = fresh[0] as Scenario;
    okValue(await deleteScenario(ctx, first.id, (await getScenarioRow(d, first.id))?.version ?? 0));
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
