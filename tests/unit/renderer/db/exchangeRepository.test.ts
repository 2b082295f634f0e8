import { freshDb, makeContext, T0, wuhouInput } from './dbTestKit';
import { afterEach, describe, expect, it } from 'vitest';
import type { AtlasDb } from '../../../../renderer/db/atlasDb';
import {
  applyImport,
  exportCatalogPackage,
  exportChangesPackage,
  openImport,
  resolveConflictEntry,
  revokeKey,
  trustKeys,
  type ExchangeContext,
  type ImportPreview,
  type OpenResult,
} from '../../../../renderer/db/exchangeRepository';
import { changeScenarioStatus, createScenario, updateScenario } from '../../../../renderer/db/writePath';
import { utf8ToBytes } from '../../../../shared/exchange/encoding';
import { signText } from '../../../../shared/exchange/signing';
import { asRegionCode } from '../../../../shared/regions/regions';
import type { Role } from '../../../../shared/settings/settings';
import { keysOf } from '../../shared/exchange/exchangeTestKit';

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
  return made.value.text;
}

async function created(ctx: ExchangeContext, overrides: Record<string, unknown> = {}) {
  const result = await createScenario(ctx, wuhouInput(overrides));
  if (!result.ok) throw new Error(result.message);
  return result.value.scenario;
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

    const row = await city.db.scenarios.get(scenario.id);
    expect(row).toMatchObject({ title: '华西医院脑机接口康复病区（扩建）', ownerUnitCode: '510107', catalogNumber: scenario.catalogNumber });
    const refused = await updateScenario(city, scenario.id, { title: '市里改的' }, row?.version ?? 0);
    expect(refused).toMatchObject({ ok: false, error: 'not-owner' });
    expect(await city.db.changes.where('[entity+entityId]').equals(['scenario', scenario.id]).count()).toBe(2);
  });

  it('re-importing the same package changes nothing, and says it was imported before', async () => {
    const county = installation('510107', 'county');
    const city = installation('510100', 'city');
    await created(county);
    const text = await exportTo(county, '510100');
    await importAndApply(city, text);
    const snapshot = { scenarios: await city.db.scenarios.toArray(), changes: await city.db.changes.count(), entries: await city.db.mergeEntries.toArray() };
    const { preview, outcome } = await importAndApply(city, text);
    expect(preview.isImportedBefore).toBe(true);
    expect(outcome.summary).toMatchObject({ created: 0, updated: 0, deleted: 0, conflicts: 0 });
    expect(await city.db.scenarios.toArray()).toEqual(snapshot.scenarios);
    expect(await city.db.changes.count()).toBe(snapshot.changes);
    expect(await city.db.mergeEntries.toArray()).toEqual(snapshot.entries);
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
    expect(await reversed.db.scenarios.get(scenario.id)).toBeUndefined();
    await importAndApply(reversed, p1);
    const a = await inOrder.db.scenarios.get(scenario.id);
    const b = await reversed.db.scenarios.get(scenario.id);
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
    expect((await province.db.scenarios.get(scenario.id))?.ownerUnitCode).toBe('510107');
    expect((await province.db.scenarios.get(own.id))?.ownerUnitCode).toBe('510100');
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
    await updateScenario(b, scenario.id, { title: 'B 的标题' }, (await b.db.scenarios.get(scenario.id))!.version);
    const preview = await importText(a, await exportTo(b, '510107', 'all-own'));
    expect(preview.summary.updated).toBe(1);
    clock.t += 1000;
    // A local edit of another field after the preview was shown.
    const current = (await a.db.scenarios.get(scenario.id))!;
    expect((await updateScenario(a, scenario.id, { partnerSlots: 6 }, current.version)).ok).toBe(true);
    const applied = await applyImport(a, preview);
    expect(applied.ok).toBe(true);
    expect(await a.db.scenarios.get(scenario.id)).toMatchObject({ title: 'B 的标题', partnerSlots: 6 });
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
    await jinjiang.db.scenarios.put((await city.db.scenarios.get(scenario.id))!);
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
    expect((await city.db.scenarios.get(scenario.id))?.title).toBe(scenario.title);
    expect((await city.db.scenarios.get(own.id))?.title).toBe('锦江区场景');
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
    expect(await city.db.scenarios.count()).toBe(0);
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
    const atB = await b.db.scenarios.get(scenario.id);
    expect((await updateScenario(b, scenario.id, { title: 'B 改的标题' }, atB!.version)).ok).toBe(true);

    const { outcome } = await importAndApply(a, await exportTo(b, '510107', 'all-own'));
    expect(outcome.summary.conflicts).toBe(1);
    const [conflict] = await a.db.conflicts.toArray();
    expect(conflict).toMatchObject({ kind: 'field', field: 'title', base: scenario.title, local: 'A 改的标题', incoming: 'B 改的标题', winner: 'incoming', resolvedFlag: 0 });
    expect((await a.db.scenarios.get(scenario.id))?.title).toBe('B 改的标题');

    clock.t += 1000;
    const resolved = await resolveConflictEntry(a, conflict!.id, { kind: 'value', value: 'A 改的标题', label: 'local' });
    expect(resolved).toEqual({ ok: true, value: { isWritten: true } });
    expect((await a.db.scenarios.get(scenario.id))?.title).toBe('A 改的标题');
    expect((await a.db.conflicts.get(conflict!.id))?.resolution).toBe('local');
    expect(await resolveConflictEntry(a, conflict!.id, { kind: 'value', value: 'x', label: 'edited' })).toMatchObject({ ok: false, error: 'conflict-resolved' });

    await importAndApply(b, await exportTo(a, '510107'));
    expect((await b.db.scenarios.get(scenario.id))?.title).toBe('A 改的标题');
    expect(await b.db.conflicts.where('resolvedFlag').equals(0).count()).toBe(0);
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
    await updateScenario(b, scenario.id, { partnerSlots: 9 }, (await b.db.scenarios.get(scenario.id))!.version);
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

    const company = installation('510107.company', 'company');
    const { preview } = await importAndApply(company, catalog.value.text);
    expect(preview.summary).toMatchObject({ created: 1 });
    const rows = await company.db.scenarios.toArray();
    expect(rows.map((row) => [row.title, row.ownerUnitCode, row.status])).toEqual([['省级开放场景', '510000', 'open']]);
    const again = await importAndApply(company, catalog.value.text);
    expect(again.outcome.summary).toMatchObject({ created: 0, updated: 0, unchanged: 1 });

    province.clock.t += 60_000;
    const current = (await province.db.scenarios.get(open.id))!;
    await changeScenarioStatus(province, open.id, 'closed', '名额已满', current.version);
    const empty = await exportCatalogPackage(province);
    expect(empty).toMatchObject({ ok: false, error: 'nothing-to-export' });

    const city = installation('510100', 'city');
    await trustKeys(city.db, [{ unit: '510000', publicKey: keysOf('510000').publicKey }], T0);
    expect(await openImport(city, utf8ToBytes(catalog.value.text))).toMatchObject({ status: 'refused', failure: { error: 'wrong-kind' } });
  });
});
