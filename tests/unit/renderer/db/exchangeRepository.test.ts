import { freshDb, makeContext, okValue, T0, wuhouInput } from './dbTestKit';
import { afterEach, describe, expect, it } from 'vitest';
import type { AtlasDb } from '../../../../renderer/db/atlasDb';
import type { ChangeRecord } from '../../../../shared/domain/changeRecord';
import {
  applyImport,
  exportCatalogPackage,
  exportChangesPackage,
  openImport,
  openPackageHere,
  resolveConflictEntry,
  revokeKey,
  trustKeys,
  type ExchangeContext,
  type ImportPreview,
  type OpenResult,
  type PackageOpener,
} from '../../../../renderer/db/exchangeRepository';
import { restoreStepsHere, snapshotBytes } from '../../../../renderer/db/backupSnapshot';
import { EXCHANGE_BATCH_SIZE } from '../../../../renderer/db/schema/v5';
import { forEachFieldStamp } from '../../../../renderer/db/schema/v12';
import type { MergeEntryRow } from '../../../../renderer/db/exchangeRows';
import { CHANGES_PER_MESSAGE } from '../../../../renderer/features/exchange/packageProtocol';
import { PACKED_BLOCK_SIZE } from '../../../../shared/exchange/packedRecords';
import { createPartner, updatePartner } from '../../../../renderer/db/partnerRepository';
import { changePilotStage, createPilot, deletePilot, listPilots, updatePilot } from '../../../../renderer/db/pilotRepository';
import { changeScenarioStatus, createScenario, updateScenario } from '../../../../renderer/db/writePath';
import { getHistory } from '../../../../renderer/db/scenarioRepository';
import { getScenarioRow, putScenarioRows, registerTables, scenarioRowsWhere } from '../../../../renderer/db/scenarioPages';
import { inRowOrder } from '../../../../renderer/db/schema/v9';
import { completeCreditCode } from '../../../../shared/partners/creditCode';
import { utf8ToBytes } from '../../../../shared/exchange/encoding';
import { signText } from '../../../../shared/exchange/signing';
import { asRegionCode } from '../../../../shared/regions/regions';
import type { Role } from '../../../../shared/settings/settings';
import { keysOf } from '../../shared/exchange/exchangeTestKit';

/** Every scenario row of a database, in id order (as the table of schema ≤ 8 listed them). */
const allRows = async (db: AtlasDb) => inRowOrder(await scenarioRowsWhere(db));
/** How many scenario rows a database holds (deleted ones included). */
const rowCount = async (db: AtlasDb) => (await scenarioRowsWhere(db)).length;

const opened: AtlasDb[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

/** An installation: its own database, unit, clock and key (named by `installation`). */
function installation(installation: string, role: Role, clock = { t: T0 }): ExchangeContext & { readonly clock: { t: number } } {
  const db = freshDb();
  opened.push(db);
  const unit = installation.split('.')[0] as string;
  const keys = keysOf(installation);
  const idPrefix = Number(unit) + installation.length;
  return { ...makeContext(db, unit, role, { clock, idPrefix }), identity: { publicKey: keys.publicKey, sign: async (texts) => texts.map((text) => signText(text, keys.secretKey)) } };
}

async function importText(ctx: ExchangeContext, text: string, options: { readonly trust?: boolean } = { trust: true }): Promise<ImportPreview> {
  let result: OpenResult = await openImport(ctx, utf8ToBytes(text));
  if (result.status === 'needs-trust' && options.trust) {
    await trustKeys(ctx.db, result.keys, ctx.now());
    result = await openImport(ctx, utf8ToBytes(text));
  }
  if (result.status !== 'preview') throw new Error(`not a preview: ${JSON.stringify(result)}`);
  return result.preview;
}

async function importAndApply(ctx: ExchangeContext, text: string) {
  const preview = await importText(ctx, text);
  const applied = await applyImport(ctx, preview);
  if (!applied.ok) throw new Error(applied.message);
  return { preview, outcome: applied.value };
}

async function exportTo(ctx: ExchangeContext, recipient: string, mode: 'since-last' | 'all-own' = 'since-last'): Promise<string> {
  const made = await exportChangesPackage(ctx, { recipientUnit: asRegionCode(recipient), mode });
  if (!made.ok) throw new Error(made.message);
  return new TextDecoder().decode(made.value.bytes);
}

async function created(ctx: ExchangeContext, overrides: Record<string, unknown> = {}) {
  const result = await createScenario(ctx, wuhouInput(overrides));
  if (!result.ok) throw new Error(result.message);
  return result.value.scenario;
}

/** A county's record received at the city, then edited at the county (the edit not sent yet). */
async function receivedThenEdited() {
    const county = installation('510107', 'county');
    const city = installation('510100', 'city');
    const scenario = await created(county);
    await importAndApply(city, await exportTo(county, '510100'));
    county.clock.t += 1000;
    okValue(await updateScenario(county, scenario.id, { title: '第二次修改' }, scenario.version));
    return { county, city, scenario };
}

describe('county → city exchange', () => {
  it('asks to trust the county key, previews, applies in one go; the city cannot edit the county record', async () => {
    const county = installation('510107', 'county');
    const city = installation('510100', 'city');
    const scenario = await created(county);
    county.clock.t += 1000;
    const edited = await updateScenario(county, scenario.id, { title: '华西医院脑机接口康复病区（扩建）' }, scenario.version);
    expect(edited.ok).toBe(true);
    const text = await exportTo(county, '510100');

    const first = await openImport(city, utf8ToBytes(text));
    expect(first).toMatchObject({ status: 'needs-trust', keys: [{ unit: '510107', isKeyChanged: false }] });
    const { preview, outcome } = await importAndApply(city, text);
    expect(preview.summary).toMatchObject({ created: 1, updated: 0, refused: 0, conflicts: 0 });
    expect(preview.samples).toEqual(['华西医院脑机接口康复病区（扩建）']);
    expect(outcome.summary.created).toBe(1);

    const row = await getScenarioRow(city.db, scenario.id);
    expect(row).toMatchObject({ title: '华西医院脑机接口康复病区（扩建）', ownerUnitCode: '510107', catalogNumber: scenario.catalogNumber });
    const refused = await updateScenario(city, scenario.id, { title: '市里改的' }, row?.version ?? 0);
    expect(refused).toMatchObject({ ok: false, error: 'not-owner' });
    // The county's two changes are the record's history at the city; received, they are kept in the
    // exchange log (schema v8), and the city's own change log holds only the import's marker.
    expect((await getHistory(city.db, scenario.id)).map((change) => [change.op, change.unitCode])).toEqual([
      ['create', '510107'],
      ['update', '510107'],
    ]);
    expect(await city.db.changes.where('[entity+entityId]').equals(['scenario', scenario.id]).count()).toBe(0);
    expect((await city.db.changes.toArray()).map((change) => change.op)).toEqual(['import']);
  });

  it('a history reads received changes from the exchange log and those received before schema v8 from the change log, once each', async () => {
    const { county, city, scenario } = await receivedThenEdited();
    await importAndApply(city, await exportTo(county, '510100'));
    const history = await getHistory(city.db, scenario.id);
    expect(history.map((change) => change.op)).toEqual(['create', 'update']);
    // A city upgraded from version 7 also holds the creation in `changes`, where it was written then.
    await city.db.changes.add(history[0] as ChangeRecord);
    expect(await getHistory(city.db, scenario.id)).toEqual(history);
    // Another record's history is not this one's.
    expect(await getHistory(city.db, 'no-such-record')).toEqual([]);
  });

  it('re-importing the same package changes nothing, and says it was imported before', async () => {
    const county = installation('510107', 'county');
    const city = installation('510100', 'city');
    await created(county);
    const text = await exportTo(county, '510100');
    await importAndApply(city, text);
    const snapshot = { scenarios: await allRows(city.db), changes: await city.db.changes.count(), entries: await city.db.mergePages.toArray(), received: await city.db.exchangeRecords.toArray() };
    const { preview, outcome } = await importAndApply(city, text);
    expect(preview.isImportedBefore).toBe(true);
    expect(outcome.summary).toMatchObject({ created: 0, updated: 0, deleted: 0, conflicts: 0 });
    expect(await allRows(city.db)).toEqual(snapshot.scenarios);
    expect(await city.db.changes.count()).toBe(snapshot.changes);
    expect(await city.db.mergePages.toArray()).toEqual(snapshot.entries);
    expect(await city.db.exchangeRecords.toArray()).toEqual(snapshot.received);
  });

  it('"since my last package" sends only what is new; nothing new is refused with a message', async () => {
    const county = installation('510107', 'county');
    const scenario = await created(county);
    const first = JSON.parse(await exportTo(county, '510100')) as { records: unknown[] };
    expect(first.records).toHaveLength(1);
    const nothing = await exportChangesPackage(county, { recipientUnit: asRegionCode('510100'), mode: 'since-last' });
    expect(nothing).toMatchObject({ ok: false, error: 'nothing-to-export' });
    county.clock.t += 1000;
    await updateScenario(county, scenario.id, { partnerSlots: 5 }, scenario.version);
    const second = JSON.parse(await exportTo(county, '510100')) as { records: { change: { op: string } }[] };
    expect(second.records.map((record) => record.change.op)).toEqual(['update']);
    const everything = JSON.parse(await exportTo(county, '510100', 'all-own')) as { records: unknown[] };
    expect(everything.records).toHaveLength(2);
  });

  it('is order-independent: the edit before its creation waits, then lands', async () => {
    const county = installation('510107', 'county');
    const scenario = await created(county);
    const p1 = await exportTo(county, '510100');
    county.clock.t += 1000;
    await updateScenario(county, scenario.id, { title: '后到的标题' }, scenario.version);
    const p2 = await exportTo(county, '510100');

    const inOrder = installation('510100', 'city');
    await importAndApply(inOrder, p1);
    await importAndApply(inOrder, p2);
    const reversed = installation('510100', 'city');
    const early = await importAndApply(reversed, p2);
    expect(early.outcome.summary).toMatchObject({ created: 0, pending: 1 });
    expect(await getScenarioRow(reversed.db, scenario.id)).toBeUndefined();
    await importAndApply(reversed, p1);
    const a = await getScenarioRow(inOrder.db, scenario.id);
    const b = await getScenarioRow(reversed.db, scenario.id);
    expect(b?.title).toBe('后到的标题');
    expect({ ...b, version: 0 }).toEqual({ ...a, version: 0 });
  });

  it('the city relays its counties’ records to the province with their own signatures', async () => {
    const county = installation('510107', 'county');
    const city = installation('510100', 'city');
    const province = installation('510000', 'province');
    const scenario = await created(county);
    await importAndApply(city, await exportTo(county, '510100'));
    const own = await created(city, { title: '成都市级康复场景', openingLevel: 'city', regionCode: '510100' });
    const relay = await exportTo(city, '510000');
    const manifest = (JSON.parse(relay) as { manifest: { counts: unknown } }).manifest;
    expect(manifest.counts).toEqual({ records: 2, own: 1, relayed: 1 });
    const preview = await importText(province, relay);
    // Two keys were confirmed: the city's and, for the relayed record, the county's.
    expect((await province.db.trustedKeys.toArray()).map((row) => row.unit).sort()).toEqual(['510100', '510107']);
    const applied = await applyImport(province, preview);
    expect(applied.ok).toBe(true);
    expect((await getScenarioRow(province.db, scenario.id))?.ownerUnitCode).toBe('510107');
    expect((await getScenarioRow(province.db, own.id))?.ownerUnitCode).toBe('510100');
  });
});

describe('received records in the exchange log (schema v11)', () => {
  it('are stored as the blocks the opener packed; history, relay and a backup read them', async () => {
    const county = installation('510107', 'county');
    const city = installation('510100', 'city');
    const province = installation('510000', 'province');
    const first = await created(county);
    county.clock.t += 1000;
    const second = await created(county, { title: '第二个场景：养老院脑机接口康复' });
    county.clock.t += 1000;
    okValue(await updateScenario(county, first.id, { partnerSlots: 7 }, first.version));
    const preview = await importText(city, await exportTo(county, '510100'));
    expect(preview.opened.packed).toHaveLength(1);
    expect((await applyImport(city, preview)).ok).toBe(true);
    const rows = await city.db.exchangeRecords.toArray();
    expect(rows).toEqual([{ firstSeq: 1, count: 3, packed: expect.any(Uint8Array) }]);
    expect((await getHistory(city.db, first.id)).map((change) => change.op)).toEqual(['create', 'update']);
    expect((await getHistory(city.db, second.id)).map((change) => change.op)).toEqual(['create']);
    // Relayed to the province, unpacked from the city's log with their signatures.
    await importAndApply(province, await exportTo(city, '510000'));
    expect(await getHistory(province.db, first.id)).toEqual(await getHistory(city.db, first.id));
    expect((await getScenarioRow(province.db, first.id))?.partnerSlots).toBe(7);
    // A backup holds them as records (JSON keeps no bytes); restored so, they read the same.
    const bytes = await snapshotBytes(city.db, 'manual', city.clock.t);
    const file = JSON.parse(new TextDecoder().decode(bytes)) as { tables: { exchangeRecords: unknown[] } };
    const received = [
      { entityId: first.id, op: 'create' },
      { entityId: second.id, op: 'create' },
      { entityId: first.id, op: 'update' },
    ];
    expect(file.tables.exchangeRecords).toEqual([{ firstSeq: 1, records: received.map((change) => expect.objectContaining(change)) }]);
    const historyBefore = await getHistory(city.db, first.id);
    const steps = restoreStepsHere(city.db);
    expect((await steps.check(bytes)).ok).toBe(true);
    await steps.write();
    expect(await city.db.exchangeRecords.toArray()).toEqual(file.tables.exchangeRecords);
    expect(await getHistory(city.db, first.id)).toEqual(historyBefore);
  });

  it('stores a batch that is not a packed block as its records; a history reads both forms', async () => {
    const { county, city, scenario } = await receivedThenEdited();
    // Everything the county owns: the creation is known at the city, so only the update is new,
    // and it is not the start of the package's block.
    await importAndApply(city, await exportTo(county, '510100', 'all-own'));
    const rows = await city.db.exchangeRecords.toArray();
    expect(rows.map((row) => ('packed' in row ? ['packed', row.firstSeq, row.count] : ['records', row.firstSeq, row.records.map((change) => change.op)]))).toEqual([
      ['packed', 1, 1],
      ['records', 2, ['update']],
    ]);
    expect((await getHistory(city.db, scenario.id)).map((change) => change.op)).toEqual(['create', 'update']);
  });

  it('stores records when the opener packed none', async () => {
    const county = installation('510107', 'county');
    const city = installation('510100', 'city');
    const scenario = await created(county);
    const text = await exportTo(county, '510100');
    await trustKeys(city.db, [{ unit: '510107', publicKey: county.identity.publicKey }], city.now());
    const unpacked: PackageOpener = async (bytes, keys, progress) => {
      const result = await openPackageHere(bytes, keys, progress);
      return result.ok ? { ok: true, value: { ...result.value, packed: undefined } } : result;
    };
    const opened = await openImport(city, utf8ToBytes(text), { open: unpacked });
    if (opened.status !== 'preview') throw new Error(opened.status);
    expect((await applyImport(city, opened.preview)).ok).toBe(true);
    expect(await city.db.exchangeRecords.toArray()).toEqual([{ firstSeq: 1, records: [expect.objectContaining({ entityId: scenario.id, op: 'create' })] }]);
    expect((await getHistory(city.db, scenario.id)).map((change) => change.op)).toEqual(['create']);
  });

  it('packs in blocks of the exchange log’s batches, one block a worker message', () => {
    expect(PACKED_BLOCK_SIZE).toBe(EXCHANGE_BATCH_SIZE);
    expect(CHANGES_PER_MESSAGE).toBe(PACKED_BLOCK_SIZE);
  });
});

describe('merge entries (schema v12)', () => {
  it('are written with compact field stamps, and those written before (by name) are read and rewritten', async () => {
    const county = installation('510107', 'county');
    const scenario = await created(county);
    const first = await exportTo(county, '510100');
    county.clock.t += 1000;
    okValue(await updateScenario(county, scenario.id, { title: '第二次修改' }, scenario.version));
    const second = await exportTo(county, '510100');
    const upgraded = installation('510100', 'city');
    const fresh = installation('510100', 'city');
    await importAndApply(upgraded, first);
    await importAndApply(fresh, first);
    const pages = await upgraded.db.mergePages.toArray();
    expect(pages.flatMap((page) => page.entries).map((entry) => [typeof entry.fieldCodes, 'fields' in entry])).toEqual([['string', false]]);
    // As a city upgraded from schema v11 holds them: stamps by field name.
    const byName = (entry: MergeEntryRow): MergeEntryRow => {
      const fields: Record<string, number> = {};
      forEachFieldStamp(entry, (field, index) => (fields[field] = index));
      const { fieldCodes: _codes, extraFields: _extra, ...rest } = entry;
      return { ...rest, fields };
    };
    await upgraded.db.mergePages.bulkPut(pages.map((page) => ({ ...page, entries: page.entries.map(byName) })));
    await importAndApply(upgraded, second);
    await importAndApply(fresh, second);
    expect((await getScenarioRow(upgraded.db, scenario.id))?.title).toBe('第二次修改');
    expect(await upgraded.db.mergePages.toArray()).toEqual(await fresh.db.mergePages.toArray());
  });
});

const CREDIT_CODE = completeCreditCode('9151010720260001') as string;

function partnerInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: '成都脑机科技有限公司', type: 'enterprise', creditCode: CREDIT_CODE, regionCode: '510107', contactName: '李工', contactPhone: '', contactEmail: '', ...overrides };
}

/** A county with a scenario, a partner and a pilot of that partner in the scenario. */
async function countyWithPilot() {
  const county = installation('510107', 'county');
  const scenario = await created(county);
  const partnerWrite = await createPartner(county, partnerInput());
  if (!partnerWrite.ok) throw new Error(partnerWrite.message);
  const { partner } = partnerWrite.value;
  const pilotWrite = await createPilot(county, {
    title: '非侵入式脑机接口康复训练试点',
    summary: '在康复病区部署脑机接口康复训练系统',
    scenarioId: scenario.id,
    partners: [{ partnerId: partner.id, isLead: true }],
    techDirection: 'non_invasive_bci',
    investment: '120.5',
    regulatory: { deviceRegistration: 'planned', ethicsApproval: 'pending' },
  });
  if (!pilotWrite.ok) throw new Error(pilotWrite.message);
  return { county, scenario, partner, pilot: pilotWrite.value.pilot };
}

describe('pilots and partners travel with the register', () => {
  it('the city receives the county’s pilot and partner into its tables, read-only there', async () => {
    const { county, scenario, partner, pilot } = await countyWithPilot();
    const city = installation('510100', 'city');
    const { preview, outcome } = await importAndApply(city, await exportTo(county, '510100'));
    expect(preview.summary).toMatchObject({ created: 3, refused: 0 });
    expect(preview.samples).toEqual(expect.arrayContaining([scenario.title, partner.name, pilot.title]));
    expect(outcome.summary.created).toBe(3);

    const atCity = await city.db.pilots.get(pilot.id);
    expect(atCity).toMatchObject({ title: pilot.title, projectNumber: pilot.projectNumber, ownerUnitCode: '510107', leadPartnerId: partner.id, deletedFlag: 0, investment: 120.5 });
    expect(await city.db.partners.get(partner.id)).toMatchObject({ name: partner.name, creditCode: CREDIT_CODE, ownerUnitCode: '510107', deletedFlag: 0 });
    expect((await listPilots(city.db)).map((p) => p.id)).toEqual([pilot.id]);

    expect(await updatePilot(city, pilot.id, { title: '市里改的' }, atCity!.version)).toMatchObject({ ok: false, error: 'not-owner' });
    const partnerAtCity = (await city.db.partners.get(partner.id))!;
    expect(await updatePartner(city, partner.id, partnerInput({ name: '市里改的' }), partnerAtCity.version)).toMatchObject({ ok: false, error: 'not-owner' });

    // Re-import: nothing changes.
    const snapshot = { pilots: await city.db.pilots.toArray(), partners: await city.db.partners.toArray() };
    const again = await importAndApply(city, await exportTo(county, '510100', 'all-own'));
    expect(again.outcome.summary).toMatchObject({ created: 0, updated: 0, deleted: 0 });
    expect(await city.db.pilots.toArray()).toEqual(snapshot.pilots);
    expect(await city.db.partners.toArray()).toEqual(snapshot.partners);
  });

  it('stage moves, edits and deletes follow, in any order, and relay to the province', async () => {
    const { county, partner, pilot } = await countyWithPilot();
    const first = await exportTo(county, '510100');
    county.clock.t += 1000;
    const moved = await changePilotStage(county, pilot.id, 'under_review', {}, pilot.version);
    if (!moved.ok) throw new Error(moved.message);
    const edited = await updatePartner(county, partner.id, partnerInput({ contactName: '王工' }), partner.version);
    expect(edited.ok).toBe(true);
    const second = await exportTo(county, '510100');
    county.clock.t += 1000;
    expect((await deletePilot(county, pilot.id, moved.value.pilot.version, '合作取消')).ok).toBe(true);
    const third = await exportTo(county, '510100');

    const inOrder = installation('510100', 'city');
    for (const text of [first, second]) await importAndApply(inOrder, text);
    expect(await inOrder.db.pilots.get(pilot.id)).toMatchObject({ stage: 'under_review', deletedFlag: 0 });
    expect((await inOrder.db.partners.get(partner.id))?.contactName).toBe('王工');
    await importAndApply(inOrder, third);
    expect(await inOrder.db.pilots.get(pilot.id)).toMatchObject({ stage: 'under_review', deletedFlag: 1 });
    expect(await listPilots(inOrder.db)).toEqual([]);

    const reversed = installation('510100', 'city');
    for (const text of [third, second]) await importAndApply(reversed, text);
    expect(await reversed.db.pilots.count()).toBe(0);
    await importAndApply(reversed, first);
    const strip = (row: object | undefined) => ({ ...row, version: 0 });
    expect(strip(await reversed.db.pilots.get(pilot.id))).toEqual(strip(await inOrder.db.pilots.get(pilot.id)));
    expect(strip(await reversed.db.partners.get(partner.id))).toEqual(strip(await inOrder.db.partners.get(partner.id)));

    const province = installation('510000', 'province');
    await importAndApply(province, await exportTo(inOrder, '510000'));
    expect(await province.db.pilots.get(pilot.id)).toMatchObject({ ownerUnitCode: '510107', deletedFlag: 1, stage: 'under_review' });
    expect((await province.db.partners.get(partner.id))?.contactName).toBe('王工');
  });

  it('refuses a partner whose credit code the city registered itself, and lists it; the rest lands', async () => {
    const { county, partner, pilot } = await countyWithPilot();
    const city = installation('510100', 'city');
    const own = await createPartner(city, partnerInput({ name: '成都脑机科技（市登记）', regionCode: '510100' }));
    expect(own.ok).toBe(true);
    const { preview } = await importAndApply(city, await exportTo(county, '510100'));
    expect(preview.summary).toMatchObject({ created: 2, refused: 1 });
    expect(preview.refusals.map((line) => [line.entityId, line.text.zh])).toEqual([[partner.id, expect.stringContaining('已登记为本机的另一个伙伴单位')]]);
    expect(await city.db.partners.get(partner.id)).toBeUndefined();
    expect(await city.db.pilots.get(pilot.id)).toBeDefined();
  });

  it('refuses a pilot whose record is not a valid pilot, without touching the rest', async () => {
    const { county, scenario, pilot } = await countyWithPilot();
    county.clock.t += 1000;
    // A broken build of the county writes a stage that does not exist.
    await county.db.changes.add({
      id: '51010700-0000-4000-8000-0000000000fe' as never,
      entity: 'pilot',
      entityId: pilot.id,
      op: 'status',
      changes: { stage: { old: 'applied', new: 'teleported' } },
      unitCode: asRegionCode('510107'),
      actorRole: 'county',
      hlc: `${String(county.clock.t).padStart(18, '0')}-0000-510107.abc`,
      at: county.clock.t,
    });
    const city = installation('510100', 'city');
    const { preview } = await importAndApply(city, await exportTo(county, '510100'));
    expect(preview.refusals).toEqual([expect.objectContaining({ entityId: pilot.id, text: expect.objectContaining({ zh: expect.stringContaining('试点项目记录不完整或字段无效（stage）') }) })]);
    expect(await city.db.pilots.count()).toBe(0);
    expect(await getScenarioRow(city.db, scenario.id)).toBeDefined();
  });
});

describe('progress and cancel', () => {
  it('reports every phase, and a cancel at any point of the import leaves the register as it was', async () => {
    const county = installation('510107', 'county');
    for (let i = 0; i < 3; i += 1) await created(county, { title: `武侯区场景 ${i}` });
    const text = await exportTo(county, '510100');
    const city = installation('510100', 'city');
    const preview = await importText(city, text);
    const phases = new Set<string>();
    const opened = await openImport(city, utf8ToBytes(text), { progress: { onProgress: (phase) => phases.add(phase) } });
    expect(opened.status).toBe('preview');
    expect([...phases]).toEqual(['hash', 'check', 'plan']);

    const before = { scenarios: await rowCount(city.db), changes: await city.db.changes.count(), entries: await city.db.mergePages.count(), log: await city.db.packageLog.count() };
    const cancelledOpen = new AbortController();
    cancelledOpen.abort();
    expect(await openImport(city, utf8ToBytes(text), { progress: { signal: cancelledOpen.signal } })).toMatchObject({ status: 'refused', failure: { error: 'cancelled' } });

    // Cancelled after the first rows are written: the transaction rolls back.
    const cancelledApply = new AbortController();
    const written: number[] = [];
    const outcome = await applyImport(city, preview, {
      signal: cancelledApply.signal,
      onProgress: (phase, done) => {
        if (phase !== 'write') return;
        written.push(done);
        cancelledApply.abort();
      },
    });
    expect(outcome).toMatchObject({ ok: false, error: 'cancelled', text: { zh: '已取消，未做任何修改' } });
    expect(written.length).toBeGreaterThan(0);
    expect({ scenarios: await rowCount(city.db), changes: await city.db.changes.count(), entries: await city.db.mergePages.count(), log: await city.db.packageLog.count() }).toEqual(before);

    const write: number[] = [];
    const applied = await applyImport(city, preview, { onProgress: (phase, done, total) => phase === 'write' && write.push(done / total) });
    expect(applied.ok).toBe(true);
    expect(write.at(-1)).toBe(1);
    expect(await rowCount(city.db)).toBe(3);
  });
});

describe('preview and apply', () => {
  it('re-plans when a local edit lands between the preview and the import, losing neither', async () => {
    const clock = { t: T0 };
    const a = installation('510107', 'county', clock);
    const b = installation('510107.second', 'county', clock);
    const scenario = await created(a);
    await importAndApply(b, await exportTo(a, '510100', 'all-own'));
    clock.t += 1000;
    await updateScenario(b, scenario.id, { title: 'B 的标题' }, (await getScenarioRow(b.db, scenario.id))!.version);
    const preview = await importText(a, await exportTo(b, '510107', 'all-own'));
    expect(preview.summary.updated).toBe(1);
    clock.t += 1000;
    // A local edit of another field after the preview was shown.
    const current = (await getScenarioRow(a.db, scenario.id))!;
    expect((await updateScenario(a, scenario.id, { partnerSlots: 6 }, current.version)).ok).toBe(true);
    const applied = await applyImport(a, preview);
    expect(applied.ok).toBe(true);
    expect(await getScenarioRow(a.db, scenario.id)).toMatchObject({ title: 'B 的标题', partnerSlots: 6 });
  });
});

describe('refusals', () => {
  it('lists a county changing another county’s record and applies the rest', async () => {
    const wuhou = installation('510107', 'county');
    const city = installation('510100', 'city');
    const scenario = await created(wuhou);
    await importAndApply(city, await exportTo(wuhou, '510100'));
    // A 锦江区 installation that somehow holds 武侯区's record and edits it (a hostile or broken build).
    const jinjiang = installation('510104', 'county');
    const held = (await getScenarioRow(city.db, scenario.id))!;
    await jinjiang.db.transaction('rw', registerTables(jinjiang.db), async () => {
      await putScenarioRows(jinjiang.db, [held]);
    });
    const hostileEdit = {
      id: '51010400-0000-4000-8000-0000000000ff',
      entity: 'scenario' as const,
      entityId: scenario.id,
      op: 'update' as const,
      changes: { title: { old: scenario.title, new: '锦江改武侯' } },
      unitCode: asRegionCode('510104'),
      actorRole: 'county' as const,
      hlc: `${String(T0 + 5000).padStart(18, '0')}-0000-510104.abc`,
      at: T0 + 5000,
    };
    await jinjiang.db.changes.add(hostileEdit as never);
    const own = await created(jinjiang, { title: '锦江区场景', regionCode: '510104', location: { lat: 30.65, lng: 104.1 } });
    const preview = await importText(city, await exportTo(jinjiang, '510100'));
    expect(preview.summary).toMatchObject({ created: 1, refused: 1 });
    expect(preview.refusals[0]?.text.zh).toContain('不属于它的记录');
    await applyImport(city, preview);
    expect((await getScenarioRow(city.db, scenario.id))?.title).toBe(scenario.title);
    expect((await getScenarioRow(city.db, own.id))?.title).toBe('锦江区场景');
  });

  it('refuses a catalog in an office, and a changes package in a company', async () => {
    const county = installation('510107', 'county');
    await created(county);
    const company = installation('510107.company', 'company');
    await trustKeys(company.db, [{ unit: '510107', publicKey: keysOf('510107').publicKey }], T0);
    expect(await openImport(company, utf8ToBytes(await exportTo(county, '510100')))).toMatchObject({ status: 'refused', failure: { error: 'wrong-kind' } });
  });

  it('refuses a damaged file whole, with a message, writing nothing', async () => {
    const county = installation('510107', 'county');
    await created(county);
    const city = installation('510100', 'city');
    const text = await exportTo(county, '510100');
    const result = await openImport(city, utf8ToBytes(text.slice(0, text.length - 30)));
    expect(result).toMatchObject({ status: 'refused', failure: { error: 'invalid-json' } });
    expect(await rowCount(city.db)).toBe(0);
  });

  it('asks again after a key is revoked', async () => {
    const county = installation('510107', 'county');
    await created(county);
    const city = installation('510100', 'city');
    const text = await exportTo(county, '510100');
    await importText(city, text);
    await revokeKey(city.db, '510107', keysOf('510107').publicKey);
    expect(await openImport(city, utf8ToBytes(text))).toMatchObject({ status: 'needs-trust' });
  });
});

describe('conflict queue', () => {
  it('queues concurrent edits of one field by two installations of a unit; the resolution travels and closes the other queue', async () => {
    const clock = { t: T0 };
    const a = installation('510107', 'county', clock);
    const b = installation('510107.second', 'county', clock);
    const scenario = await created(a);
    await importAndApply(b, await exportTo(a, '510100', 'all-own'));
    clock.t += 1000;
    expect((await updateScenario(a, scenario.id, { title: 'A 改的标题' }, scenario.version)).ok).toBe(true);
    clock.t += 1000;
    const atB = await getScenarioRow(b.db, scenario.id);
    expect((await updateScenario(b, scenario.id, { title: 'B 改的标题' }, atB!.version)).ok).toBe(true);

    const { outcome } = await importAndApply(a, await exportTo(b, '510107', 'all-own'));
    expect(outcome.summary.conflicts).toBe(1);
    const [conflict] = await a.db.conflicts.toArray();
    expect(conflict).toMatchObject({ kind: 'field', field: 'title', base: scenario.title, local: 'A 改的标题', incoming: 'B 改的标题', winner: 'incoming', resolvedFlag: 0 });
    expect((await getScenarioRow(a.db, scenario.id))?.title).toBe('B 改的标题');

    clock.t += 1000;
    const resolved = await resolveConflictEntry(a, conflict!.id, { kind: 'value', value: 'A 改的标题', label: 'local' });
    expect(resolved).toEqual({ ok: true, value: { isWritten: true } });
    expect((await getScenarioRow(a.db, scenario.id))?.title).toBe('A 改的标题');
    expect((await a.db.conflicts.get(conflict!.id))?.resolution).toBe('local');
    expect(await resolveConflictEntry(a, conflict!.id, { kind: 'value', value: 'x', label: 'edited' })).toMatchObject({ ok: false, error: 'conflict-resolved' });

    await importAndApply(b, await exportTo(a, '510107'));
    expect((await getScenarioRow(b.db, scenario.id))?.title).toBe('A 改的标题');
    expect(await b.db.conflicts.where('resolvedFlag').equals(0).count()).toBe(0);
  });

  it('resolves pilot and partner conflicts through their own write paths; the resolutions travel', async () => {
    const clock = { t: T0 };
    const a = installation('510107', 'county', clock);
    const b = installation('510107.second', 'county', clock);
    const scenario = await created(a);
    const partner = okValue(await createPartner(a, partnerInput())).partner;
    const pilot = okValue(
      await createPilot(a, {
        title: '脑机接口康复试点',
        scenarioId: scenario.id,
        partners: [{ partnerId: partner.id, isLead: true }],
        techDirection: 'non_invasive_bci',
        regulatory: { deviceRegistration: 'planned', ethicsApproval: 'pending' },
      }),
    ).pilot;
    await importAndApply(b, await exportTo(a, '510100', 'all-own'));
    clock.t += 1000;
    okValue(await updatePilot(a, pilot.id, { title: 'A 改的试点' }, pilot.version));
    okValue(await updatePartner(a, partner.id, partnerInput({ contactName: '甲' }), partner.version));
    clock.t += 1000;
    okValue(await updatePilot(b, pilot.id, { title: 'B 改的试点' }, (await b.db.pilots.get(pilot.id))!.version));
    okValue(await updatePartner(b, partner.id, partnerInput({ contactName: '乙' }), (await b.db.partners.get(partner.id))!.version));

    const { outcome } = await importAndApply(a, await exportTo(b, '510107', 'all-own'));
    expect(outcome.summary.conflicts).toBe(2);
    const conflicts = await a.db.conflicts.toArray();
    const onPilot = conflicts.find((c) => c.entity === 'pilot');
    const onPartner = conflicts.find((c) => c.entity === 'partner');
    expect(onPilot).toMatchObject({ field: 'title', local: 'A 改的试点', incoming: 'B 改的试点' });
    expect(onPartner).toMatchObject({ field: 'contactName', local: '甲', incoming: '乙' });

    clock.t += 1000;
    expect(await resolveConflictEntry(a, onPilot!.id, { kind: 'value', value: 'A 改的试点', label: 'local' })).toEqual({ ok: true, value: { isWritten: true } });
    expect(await resolveConflictEntry(a, onPartner!.id, { kind: 'value', value: '甲乙', label: 'edited' })).toEqual({ ok: true, value: { isWritten: true } });
    expect((await a.db.pilots.get(pilot.id))?.title).toBe('A 改的试点');
    expect((await a.db.partners.get(partner.id))?.contactName).toBe('甲乙');
    expect(await a.db.conflicts.where('resolvedFlag').equals(0).count()).toBe(0);

    await importAndApply(b, await exportTo(a, '510107'));
    expect((await b.db.pilots.get(pilot.id))?.title).toBe('A 改的试点');
    expect((await b.db.partners.get(partner.id))?.contactName).toBe('甲乙');
    expect(await b.db.conflicts.where('resolvedFlag').equals(0).count()).toBe(0);
  });

  it('refuses an invalid edited value for a partner and keeps the entry open', async () => {
    const clock = { t: T0 };
    const a = installation('510107', 'county', clock);
    const b = installation('510107.second', 'county', clock);
    const partner = okValue(await createPartner(a, partnerInput())).partner;
    await importAndApply(b, await exportTo(a, '510100', 'all-own'));
    clock.t += 1000;
    okValue(await updatePartner(a, partner.id, partnerInput({ contactPhone: '13800138000' }), partner.version));
    clock.t += 1000;
    okValue(await updatePartner(b, partner.id, partnerInput({ contactPhone: '13900139000' }), (await b.db.partners.get(partner.id))!.version));
    await importAndApply(a, await exportTo(b, '510107', 'all-own'));
    const [conflict] = await a.db.conflicts.toArray();
    const refused = await resolveConflictEntry(a, conflict!.id, { kind: 'value', value: '不是电话', label: 'edited' });
    expect(refused).toMatchObject({ ok: false, error: 'invalid-partner' });
    expect((await a.db.conflicts.get(conflict!.id))?.resolvedFlag).toBe(0);
    expect((await a.db.partners.get(partner.id))?.contactPhone).toBe('13900139000');
  });

  it('only the owner resolves; keeping the value in force writes nothing', async () => {
    const clock = { t: T0 };
    const a = installation('510107', 'county', clock);
    const b = installation('510107.second', 'county', clock);
    const city = installation('510100', 'city', clock);
    const scenario = await created(a);
    await importAndApply(b, await exportTo(a, '510100', 'all-own'));
    await importAndApply(city, await exportTo(a, '510100', 'all-own'));
    clock.t += 1000;
    await updateScenario(a, scenario.id, { partnerSlots: 7 }, scenario.version);
    clock.t += 1000;
    await updateScenario(b, scenario.id, { partnerSlots: 9 }, (await getScenarioRow(b.db, scenario.id))!.version);
    await importAndApply(city, await exportTo(a, '510100'));
    await importAndApply(city, await exportTo(b, '510100', 'all-own'));
    const [atCity] = await city.db.conflicts.toArray();
    expect(atCity).toMatchObject({ field: 'partnerSlots', owner: '510107' });
    expect(await resolveConflictEntry(city, atCity!.id, { kind: 'value', value: 7, label: 'local' })).toMatchObject({ ok: false, error: 'not-owner' });

    await importAndApply(a, await exportTo(b, '510107', 'all-own'));
    const [atA] = await a.db.conflicts.toArray();
    const before = await a.db.changes.count();
    expect(await resolveConflictEntry(a, atA!.id, { kind: 'value', value: 9, label: 'incoming' })).toEqual({ ok: true, value: { isWritten: false } });
    expect(await a.db.changes.count()).toBe(before);
  });
});

describe('catalog publishing', () => {
  it('the province publishes open scenarios; a company imports them, re-import changes nothing, withdrawn ones leave', async () => {
    const province = installation('510000', 'province');
    const open = await created(province, { title: '省级开放场景', openingLevel: 'province', regionCode: '510000', location: { lat: 30.6, lng: 104.0 } });
    expect((await changeScenarioStatus(province, open.id, 'open', null, open.version)).ok).toBe(true);
    await created(province, { title: '省级草稿', openingLevel: 'province', regionCode: '510000', location: { lat: 30.6, lng: 104.0 } });
    const catalog = await exportCatalogPackage(province);
    if (!catalog.ok) throw new Error(catalog.message);
    expect(catalog.value.manifest.kind).toBe('catalog');
    const catalogText = new TextDecoder().decode(catalog.value.bytes);

    const company = installation('510107.company', 'company');
    const { preview } = await importAndApply(company, catalogText);
    expect(preview.summary).toMatchObject({ created: 1 });
    const rows = await allRows(company.db);
    expect(rows.map((row) => [row.title, row.ownerUnitCode, row.status])).toEqual([['省级开放场景', '510000', 'open']]);
    const again = await importAndApply(company, catalogText);
    expect(again.outcome.summary).toMatchObject({ created: 0, updated: 0, unchanged: 1 });

    province.clock.t += 60_000;
    const current = (await getScenarioRow(province.db, open.id))!;
    await changeScenarioStatus(province, open.id, 'closed', '名额已满', current.version);
    const empty = await exportCatalogPackage(province);
    expect(empty).toMatchObject({ ok: false, error: 'nothing-to-export' });

    const city = installation('510100', 'city');
    await trustKeys(city.db, [{ unit: '510000', publicKey: keysOf('510000').publicKey }], T0);
    expect(await openImport(city, catalog.value.bytes)).toMatchObject({ status: 'refused', failure: { error: 'wrong-kind' } });
  });
});
