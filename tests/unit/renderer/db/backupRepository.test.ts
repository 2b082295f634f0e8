import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { failureMessage } from '../../../../shared/domain/localizedText';
import { describe, expect, it } from 'vitest';
import { generateDemoScenarios } from '../../../../shared/domain/demoData';
import { parseHlc } from '../../../../shared/domain/hlc';
import Dexie from 'dexie';
import { toScenarioRow, type AtlasDb } from '../../../../renderer/db/atlasDb';
import { declareSchemaVersions } from '../../../../renderer/db/schema';
import { mergePageOf } from '../../../../renderer/db/schema/v6';
import { createBackup, ensureDailyBackup, restoreBackup } from '../../../../renderer/db/backupRepository';
import { BACKUP_FORMAT_VERSION, checkSnapshot, restoreStepsHere, snapshotBytes } from '../../../../renderer/db/backupSnapshot';
import { META_KEYS } from '../../../../renderer/db/metaStore';
import { catalogHolders, getScenarioRow, readScenarioCounts, scenarioRowsWhere } from '../../../../renderer/db/scenarioPages';
import { SCENARIO_COUNTS_KEY } from '../../../../renderer/db/schema/v9';
import { watchLiveRows } from '../../../../renderer/db/scenarioStore';
import { bulkImportScenarios, createScenario, updateScenario } from '../../../../renderer/db/writePath';
import { createBrowserFiles } from '../../../../renderer/platform/browserFiles';
import { freshDbsPerTest, makeContext, okValue, regions, T0, wuhouInput } from './dbTestKit';

const db = freshDbsPerTest();
let storeCount = 0;

/** The browser platform's backup store on fake IndexedDB, keeping `keep` backups. */
function platform(keep = 10, clock = { t: T0 }) {
  storeCount += 1;
  return createBrowserFiles(() => keep, `backups-test-${storeCount}-${Math.random().toString(36).slice(2)}`, () => clock.t);
}

async function dump(d: AtlasDb): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of d.tables) out[table.name] = await table.toArray();
  return out;
}

function must<T>(result: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

type Snapshot = { schemaVersion: number; formatVersion: number; tables: Record<string, Record<string, unknown>[]>; counts: Record<string, number>; sha256: string } & Record<string, unknown>;

/** Edits a backup file and re-seals its hash, so only the edit is wrong. */
function edited(bytes: Uint8Array, change: (snapshot: Snapshot) => void, reseal = true): Uint8Array {
  const snapshot = JSON.parse(new TextDecoder().decode(bytes)) as Snapshot;
  change(snapshot);
  if (reseal) snapshot.sha256 = createHash('sha256').update(JSON.stringify(snapshot.tables)).digest('hex');
  return new TextEncoder().encode(JSON.stringify(snapshot));
}

/** The scenarios of a backup's pages (schema v9), in page order. */
function pageRows(snapshot: Snapshot): Record<string, unknown>[] {
  return (snapshot.tables.scenarioPages ?? []).flatMap((page) => page.rows as Record<string, unknown>[]);
}

/** A current backup as schema `version` (8 or older) held it: one `scenarios` row per record, no pages. */
function asV8(snapshot: Snapshot, version: number): void {
  snapshot.schemaVersion = version;
  snapshot.tables.scenarios = pageRows(snapshot);
  snapshot.counts.scenarios = snapshot.tables.scenarios.length;
  snapshot.tables.meta = (snapshot.tables.meta ?? []).filter((row) => row.key !== SCENARIO_COUNTS_KEY);
  snapshot.counts.meta = snapshot.tables.meta.length;
  for (const table of ['scenarioPages', 'catalogPages']) {
    delete snapshot.tables[table];
    delete snapshot.counts[table];
  }
}

async function seeded() {
  const d = db();
  const ctx = makeContext(d);
  const first = okValue(await createScenario(ctx, wuhouInput()));
  ctx.clock.t += 1000;
  okValue(await createScenario(ctx, wuhouInput({ title: '第二个场景：养老院脑机接口康复' })));
  return { d, ctx, first: first.scenario };
}

describe('createBackup and restoreBackup', () => {
  it('restores the data as it was at the backup, and backs up the current data first', async () => {
    const { d, ctx, first } = await seeded();
    const files = platform();
    const backup = must(await createBackup(d, files, 'manual', ctx.clock.t));
    expect(backup.reason).toBe('manual');
    const atBackup = await dump(d);

    ctx.clock.t += 60_000;
    okValue(await updateScenario(ctx, first.id, { title: '改过的名称' }, first.version));
    okValue(await createScenario(ctx, wuhouInput({ title: '备份之后新建的场景' })));
    expect(await scenarioRowsWhere(d)).toHaveLength(3);

    const summary = must(await restoreBackup(d, files, backup.id, ctx.clock.t));
    expect(summary.counts.scenarios).toBe(2);
    const restored = await dump(d);
    expect(restored.scenarios).toEqual(atBackup.scenarios);
    expect(restored.changes).toEqual(atBackup.changes);
    expect((await getScenarioRow(d, first.id))?.title).toBe(first.title);
    const listed = must(await files.listBackups());
    expect(listed.map((b) => b.reason)).toEqual(['restore', 'manual']);
  });

  it('keeps the clock and catalog numbers moving forward across a restore', async () => {
    const { d, ctx } = await seeded();
    const files = platform();
    const backup = must(await createBackup(d, files, 'manual', ctx.clock.t));
    ctx.clock.t += 60_000;
    const later = okValue(await createScenario(ctx, wuhouInput({ title: '备份之后新建的场景' })));
    const hlcBefore = (await d.meta.get(META_KEYS.hlc))?.value;
    must(await restoreBackup(d, files, backup.id, ctx.clock.t));
    expect((await d.meta.get(META_KEYS.hlc))?.value).toBe(hlcBefore);
    expect(await getScenarioRow(d, later.scenario.id)).toBeUndefined();
    // The number handed out after the backup is not handed out again.
    const next = okValue(await createScenario(ctx, wuhouInput({ title: '恢复后新建' })));
    expect(next.scenario.catalogNumber).not.toBe(later.scenario.catalogNumber);
    expect(next.scenario.catalogNumber > later.scenario.catalogNumber).toBe(true);
    const hlc = parseHlc(next.change?.hlc);
    expect(hlc.ok && hlc.value.wallMs).toBeGreaterThanOrEqual(ctx.clock.t);
  });

  it('round-trips a thousand demo scenarios with every column as stored', async () => {
    const d = db();
    const ctx = makeContext(d, '510000', 'province');
    okValue(await bulkImportScenarios(ctx, generateDemoScenarios(1000, regions, { seed: 7, year: 2026 }), { batchId: 'demo', catalogNumbers: 'keep' }));
    const files = platform();
    const before = await dump(d);
    const backup = must(await createBackup(d, files, 'manual', ctx.clock.t));
    await d.scenarioPages.clear();
    must(await restoreBackup(d, files, backup.id, ctx.clock.t));
    expect(await dump(d)).toEqual(before);
  });

  it.each<[string, (bytes: Uint8Array) => Uint8Array, RegExp]>([
    ['a truncated file', (b) => b.slice(0, Math.floor(b.length / 2)), /已损坏/],
    ['random bytes', () => new Uint8Array([0xff, 0xfe, 0x00, 0x41]), /已损坏/],
    ['another JSON file', () => new TextEncoder().encode('{"format":"other"}'), /不是本应用的备份文件/],
    ['a tampered record (hash not resealed)', (b) => edited(b, (s) => void (pageRows(s)[0]!.title = '被篡改'), false), /校验值不符/],
    ['a newer database schema', (b) => edited(b, (s) => void (s.schemaVersion += 1)), /更新版本的应用/],
    ['a newer file format', (b) => edited(b, (s) => void (s.formatVersion = BACKUP_FORMAT_VERSION + 1)), /更新版本的应用/],
    // Version 5 had no mergePages (version 7 only dropped indexes: its tables are version 6's).
    ['an older schema version with the current tables', (b) => edited(b, (s) => void (s.schemaVersion = 5)), /缺少：scenarios；多出：.*mergePages/],
    ['an older schema version whose rows do not load', (b) => edited(b, (s) => void (asV8(s, 5), delete s.tables.mergePages, delete s.counts.mergePages, delete s.tables.exchangeRecords, delete s.counts.exchangeRecords, (s.tables.scenarios![1]!.id = s.tables.scenarios![0]!.id))), /升级到第 \d+ 版时失败/],
    ['a missing table', (b) => edited(b, (s) => void delete s.tables.savedViews), /缺少：savedViews/],
    ['an unknown table', (b) => edited(b, (s) => void (s.tables.extra = [])), /多出：extra/],
    ['a wrong count', (b) => edited(b, (s) => void (s.counts.scenarioPages = 5)), /记录数与清单不符/],
    ['a scenario page without a key', (b) => edited(b, (s) => void delete s.tables.scenarioPages![0]!.page), /缺少有效的主键/],
    ['a scenario page that is not a list', (b) => edited(b, (s) => void (s.tables.scenarioPages![0]!.rows = 'x')), /场景页 第 1 条：页号或内容无效/],
    ['a scenario without an id', (b) => edited(b, (s) => void delete pageRows(s)[0]!.id), /场景 第 \d+ 条.*id 无效/],
    ['an invalid scenario', (b) => edited(b, (s) => void (pageRows(s)[1]!.status = 'deleted-forever')), /场景 第 \d+ 条.*status 无效/],
    ['a scenario on another page than its id’s', (b) => edited(b, (s) => void (s.tables.scenarioPages![0]!.page = ((s.tables.scenarioPages![0]!.page as number) + 512) % 1024)), /不在其标识所属的页上/],
    ['a catalog number held twice', (b) => edited(b, (s) => void (pageRows(s)[1]!.catalogNumber = pageRows(s)[0]!.catalogNumber)), /场景编号 .* 出现了两次/],
    ['an invalid change record', (b) => edited(b, (s) => void (s.tables.changes![0]!.op = 'drop')), /变更记录 第 1 条/],
    ['a row that is not an object', (b) => edited(b, (s) => void ((s.tables.meta as unknown[])[0] = 'x')), /meta 第 1 条/],
  ])('refuses %s and changes nothing', async (_name, damage, message) => {
    const { d, ctx, first } = await seeded();
    const good = await snapshotBytes(d, 'manual', ctx.clock.t);
    ctx.clock.t += 60_000;
    okValue(await updateScenario(ctx, first.id, { title: '备份之后的修改' }, first.version));
    const before = await dump(d);
    const files = platform();
    const stored = must(await files.writeBackup('manual', damage(good)));
    const result = await restoreBackup(d, files, stored.id, ctx.clock.t);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message).toMatch(message);
    // The same refusal in English (BackupPanel shows the UI language), with no Chinese left in it.
    const english = result.ok ? '' : failureMessage(result, 'en');
    expect(english).toMatch(/Nothing was changed|nothing was restored/);
    expect(english).not.toMatch(/[\u3000-\u9fff\uff00-\uffef]/);
    expect(await dump(d)).toEqual(before);
    // Refused before anything happened: no 'restore' backup of the current data either.
    expect(must(await files.listBackups()).map((b) => b.reason)).toEqual(['manual']);
  });

  it('rebuilds what the register derives from its scenarios (catalog pages, counts) instead of taking the file’s', async () => {
    const { d, ctx, first } = await seeded();
    const before = await dump(d);
    const bytes = edited(await snapshotBytes(d, 'manual', ctx.clock.t), (s) => {
      s.tables.catalogPages = [{ page: 0, holders: [['SC-FORGED', first.id]] }];
      s.counts.catalogPages = 1;
      s.tables.meta = (s.tables.meta ?? []).map((row) => (row.key === SCENARIO_COUNTS_KEY ? { key: row.key, value: { live: 99, deleted: 0, demo: 0, liveByRegion: {} } } : row));
    });
    const files = platform();
    const stored = must(await files.writeBackup('manual', bytes));
    const summary = must(await restoreBackup(d, files, stored.id, ctx.clock.t));
    expect(summary.counts.scenarios).toBe(2);
    expect(await dump(d)).toEqual(before);
    expect(await catalogHolders(d, ['SC-FORGED', first.catalogNumber])).toEqual(new Map([[first.catalogNumber, first.id]]));
    expect(await readScenarioCounts(d)).toEqual({ live: 2, deleted: 0, demo: 0, liveByRegion: { '510107': 2 } });
  });

  it('restores a backup made by the previous schema version through the app’s own upgrade steps', async () => {
    // A database of schema v4 (one exchange-log and merge-state row per change / record), as an
    // installation had it before v5: restored through the v5 and v6 steps.
    const name = `backup-v4-${Math.random().toString(36).slice(2)}`;
    const v4 = new Dexie(name);
    declareSchemaVersions(v4, 4);
    await v4.open();
    const scenario = generateDemoScenarios(1, regions, { seed: 3, year: 2026 })[0]!;
    await v4.table('scenarios').add(toScenarioRow({ ...scenario, isDemo: false }));
    await v4.table('exchangeLog').bulkAdd([
      { changeId: 'c1', seq: 1, attestation: null },
      { changeId: 'c2', seq: 2, attestation: 'sig' },
    ]);
    const entry = { entityId: scenario.id, entity: 'scenario', owner: scenario.ownerUnitCode, stamps: [['000001772323200000-0000-510107', scenario.ownerUnitCode, 'c1', 1]], fields: { title: 0 }, pending: [] };
    await v4.table('mergeEntries').add(entry);
    const oldBytes = await snapshotBytes(v4 as unknown as AtlasDb, 'daily', T0);
    v4.close();
    await Dexie.delete(name);
    expect(JSON.parse(new TextDecoder().decode(oldBytes))).toMatchObject({ schemaVersion: 4 });

    const { d, ctx } = await seeded();
    const files = platform();
    const stored = must(await files.writeBackup('daily', oldBytes));
    const summary = must(await restoreBackup(d, files, stored.id, ctx.clock.t));
    expect(summary.counts).toMatchObject({ scenarios: 1, exchangeLog: 0, exchangeBatches: 1, mergeEntries: 0, mergePages: 1 });
    expect(await d.mergePages.toArray()).toEqual([{ page: mergePageOf(scenario.id), entries: [entry] }]);
    expect((await scenarioRowsWhere(d)).map((row) => row.id)).toEqual([scenario.id]);
    expect(await catalogHolders(d, [scenario.catalogNumber])).toEqual(new Map([[scenario.catalogNumber, scenario.id]]));
    expect(await readScenarioCounts(d)).toMatchObject({ live: 1, deleted: 0 });
    expect(await d.exchangeBatches.toArray()).toEqual([{ firstSeq: 1, lastSeq: 2, changeIds: ['c1', 'c2'], attestations: [-1, 0], signatures: ['sig'] }]);
    // The current data was backed up first, and no temporary database is left behind.
    expect(must(await files.listBackups()).map((b) => b.reason).sort()).toEqual(['daily', 'restore']);
    expect((await Dexie.getDatabaseNames()).filter((n) => n.startsWith('scenario-atlas-restore-'))).toEqual([]);
  });

  it.each([
    [6, 'version 7 dropped indexes only'],
    [7, 'version 8 added a table, empty until an exchange import'],
  ])('restores a version-%i backup (%s) as it was made', async (version) => {
    const { d, ctx } = await seeded();
    const before = await dump(d);
    expect(before.exchangeRecords).toEqual([]);
    const bytes = edited(await snapshotBytes(d, 'manual', ctx.clock.t), (s) => void (asV8(s, version), delete s.tables.exchangeRecords, delete s.counts.exchangeRecords));
    await d.scenarioPages.clear();
    const files = platform();
    const stored = must(await files.writeBackup('manual', bytes));
    must(await restoreBackup(d, files, stored.id, ctx.clock.t));
    expect(await dump(d)).toEqual(before);
  });

  it('writes only what a restore has checked (restoreStepsHere, what the restore worker runs)', async () => {
    const { d, ctx } = await seeded();
    const before = await dump(d);
    const steps = restoreStepsHere(d);
    await expect(steps.write()).rejects.toThrow(/only what it has checked/);
    const good = await snapshotBytes(d, 'manual', ctx.clock.t);
    expect(await steps.check(good)).toMatchObject({ ok: true, value: { scenarios: 2, scenarioPages: before.scenarioPages?.length } });
    // A refused check forgets the one before: nothing is left to write.
    expect((await steps.check(new Uint8Array([1, 2, 3]))).ok).toBe(false);
    await expect(steps.write()).rejects.toThrow(/only what it has checked/);
    expect(await dump(d)).toEqual(before);
  });

  it('leaves everything as it was when the restore transaction fails half-way', async () => {
    const { d, ctx } = await seeded();
    // Two change records under one id pass every row check but break the table's key on write.
    const bytes = edited(await snapshotBytes(d, 'manual', ctx.clock.t), (s) => {
      s.tables.changes![1]!.id = s.tables.changes![0]!.id;
    });
    expect((await checkSnapshot(d, bytes)).ok).toBe(true);
    okValue(await createScenario(ctx, wuhouInput({ title: '第三个' })));
    const before = await dump(d);
    const files = platform();
    const stored = must(await files.writeBackup('manual', bytes));
    const result = await restoreBackup(d, files, stored.id, ctx.clock.t);
    expect(result).toMatchObject({ ok: false, error: 'storage' });
    expect(await dump(d)).toEqual(before);
  });

  it('reports a backup that is gone', async () => {
    const { d } = await seeded();
    await expect(restoreBackup(d, platform(), 'backup-20261125T010203004Z-manual.json')).resolves.toMatchObject({ ok: false, error: 'not-found' });
  });
});

describe('ensureDailyBackup', () => {
  it('takes one when none is a day old, and not again the same day', async () => {
    const { d, ctx } = await seeded();
    const clock = { t: ctx.clock.t };
    const files = platform(10, clock);
    expect(must(await ensureDailyBackup(d, files, clock.t))?.reason).toBe('daily');
    clock.t += 3_600_000;
    expect(must(await ensureDailyBackup(d, files, clock.t))).toBeNull();
    clock.t += 86_400_000;
    expect(must(await ensureDailyBackup(d, files, clock.t))?.reason).toBe('daily');
    expect(must(await files.listBackups())).toHaveLength(2);
  });
});

describe('browser backup store', () => {
  it('keeps the newest N and refuses ids that are not backup names', async () => {
    const clock = { t: T0 };
    const files = platform(2, clock);
    for (const reason of ['daily', 'import', 'merge'] as const) {
      must(await files.writeBackup(reason, new Uint8Array([1, 2])));
      clock.t += 1000;
    }
    const listed = must(await files.listBackups());
    expect(listed.map((b) => b.reason)).toEqual(['merge', 'import']);
    expect(listed[0]?.size).toBe(2);
    await expect(files.readBackup('../x')).resolves.toMatchObject({ ok: false, error: 'not-found' });
    must(await files.deleteBackup(listed[1]!.id));
    await expect(files.deleteBackup(listed[1]!.id)).resolves.toMatchObject({ ok: false, error: 'not-found' });
  });
});

describe('the register after a restore', () => {
  it('shows the restored rows: a change log that went back makes the live rows re-read', async () => {
    const { d, ctx } = await seeded();
    const files = platform();
    const backup = must(await createBackup(d, files, 'manual', ctx.clock.t));
    const received: (readonly { title: string }[])[] = [];
    const stop = watchLiveRows(d, (rows) => received.push(rows), (error) => {
      throw error;
    });
    const seen = async (predicate: (rows: readonly { title: string }[]) => boolean) => {
      for (let i = 0; i < 500 && !received.some(predicate); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(received.some(predicate)).toBe(true);
    };
    try {
      await seen((rows) => rows.length === 2);
      ctx.clock.t += 60_000;
      okValue(await createScenario(ctx, wuhouInput({ title: '备份之后新建的场景' })));
      await seen((rows) => rows.length === 3);
      received.length = 0;
      must(await restoreBackup(d, files, backup.id, ctx.clock.t));
      await seen((rows) => rows.length === 2 && !rows.some((row) => row.title === '备份之后新建的场景'));
    } finally {
      stop();
    }
  });
});
