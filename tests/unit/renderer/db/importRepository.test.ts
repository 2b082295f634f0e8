import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { generateDemoScenarios } from '../../../../shared/domain/demoData';
import { asRegionCode } from '../../../../shared/regions/regions';
import type { Scenario, ScenarioInput } from '../../../../shared/domain/scenario';
import { chunksOf, commitImport, loadImportSnapshot } from '../../../../renderer/db/importRepository';
import { createScenario, undo } from '../../../../renderer/db/writePath';
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
