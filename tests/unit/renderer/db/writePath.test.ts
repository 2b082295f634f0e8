import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { parseHlc } from '../../../../shared/domain/hlc';
import type { Scenario } from '../../../../shared/domain/scenario';
import type { AtlasDb } from '../../../../renderer/db/atlasDb';
import { META_KEYS } from '../../../../renderer/db/metaStore';
import { getScenarioRow, putScenarioRows, registerTables, scenarioRowsWhere } from '../../../../renderer/db/scenarioPages';
import { inRowOrder } from '../../../../renderer/db/schema/v9';
import { getHistory } from '../../../../renderer/db/scenarioRepository';
import {
  changeScenarioStatus,
  createScenario,
  deleteScenario,
  restoreScenario,
  undo,
  updateScenario,
  type WriteContext,
  type WriteResult,
} from '../../../../renderer/db/writePath';
import { freshDbsPerTest, okValue, makeContext, wuhouInput, YEAR } from './dbTestKit';

const db = freshDbsPerTest();

const value = okValue;

async function created(ctx: WriteContext, overrides: Record<string, unknown> = {}): Promise<Scenario> {
  return value(await createScenario(ctx, wuhouInput(overrides))).scenario;
}

/** Every stored scenario row (in id order), who holds each 场景编号, the change log and the meta rows (the register's counts among them). */
async function snapshot(d: AtlasDb): Promise<unknown> {
  return { scenarios: inRowOrder(await scenarioRowsWhere(d)), catalog: await d.catalogPages.toArray(), changes: await d.changes.toArray(), meta: await d.meta.toArray() };
}

describe('createScenario', () => {
  it('writes the record and its change record together: draft, version 1, catalog number, HLC', async () => {
    const d = db();
    const ctx = makeContext(d);
    const result = value(await createScenario(ctx, wuhouInput()));
    const { scenario, change } = result;
    expect(scenario).toMatchObject({ status: 'draft', version: 1, ownerUnitCode: '510107', deletedAt: null, isDemo: false, catalogNumber: `510107-${YEAR}-0001` });
    expect(change).toMatchObject({ entity: 'scenario', entityId: scenario.id, op: 'create', unitCode: '510107', actorRole: 'county', at: ctx.clock.t });
    // A creation carries every tracked field, null ones included, so a replica can replay it alone.
    expect(change?.changes['title']).toEqual({ old: null, new: '华西医院非侵入式脑机接口康复训练病区' });
    expect(change?.changes['batch']).toEqual({ old: null, new: null });
    expect(change?.changes['version']).toBeUndefined();
    expect(parseHlc(change?.hlc).ok).toBe(true);
    const row = await getScenarioRow(d, scenario.id);
    expect(row).toMatchObject({ deletedFlag: 0, demoFlag: 0 });
    expect(row?.searchText).toContain('脑机');
    expect(await d.changes.count()).toBe(1);
    expect((await d.meta.get(META_KEYS.hlc))?.value).toBe(change?.hlc);
  });

  it('passes on the validation warnings (not placed on the map yet)', async () => {
    const ctx = makeContext(db());
    const result = value(await createScenario(ctx, wuhouInput({ isPlaced: false })));
    expect(result.warnings.location?.[0]?.code).toBe('not_placed');
  });

  const badInputs: readonly [string, Record<string, unknown>, string, string][] = [
    ['missing title', { title: '  ' }, 'title', 'required'],
    ['no technology direction', { techDirections: [] }, 'techDirections', 'choose_at_least_one'],
    ['unknown field', { field: 'astrology' }, 'field', 'invalid_choice'],
    ['bad phone', { contactPhone: '12345' }, 'contactPhone', 'invalid_phone'],
    ['bad email', { contactEmail: 'not-an-email' }, 'contactEmail', 'invalid_email'],
    ['period ends before it starts', { openFrom: '2026-05-01', openUntil: '2026-04-01' }, 'openUntil', 'period_order'],
    ['county level in a city', { regionCode: '510100' }, 'regionCode', 'level_mismatch'],
    ['region outside Sichuan', { regionCode: '110101' }, 'regionCode', 'unknown_region'],
    ['location in Beijing', { location: { lat: 39.9, lng: 116.4 } }, 'location', 'outside_sichuan'],
    ['negative partner slots', { partnerSlots: -1 }, 'partnerSlots', 'invalid_partner_slots'],
  ];
  it.each(badInputs)('refuses %s with a per-field Chinese message and writes nothing', async (_name, overrides, field, code) => {
    const d = db();
    const result = await createScenario(makeContext(d), wuhouInput(overrides));
    expect(result.ok).toBe(false);
    if (result.ok || result.error !== 'invalid-scenario') throw new Error('expected invalid-scenario');
    const issues = result.errors[field as keyof typeof result.errors] ?? [];
    expect(issues.map((i) => i.code)).toContain(code);
    expect(issues[0]?.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(await snapshot(d)).toEqual({ scenarios: [], catalog: [], changes: [], meta: [] });
  });

  it('refuses a region outside the unit, and any write by a company', async () => {
    const d = db();
    const jinjiang = wuhouInput({ regionCode: '510104', location: { lng: 104.1085, lat: 30.6057 } });
    const outside = await createScenario(makeContext(d), jinjiang);
    expect(outside).toMatchObject({ ok: false, error: 'outside-jurisdiction' });
    if (!outside.ok) expect(outside.message).toContain('锦江区');
    // The city may log for its counties.
    expect((await createScenario(makeContext(d, '510100', 'city'), jinjiang)).ok).toBe(true);
    expect(await createScenario(makeContext(d, '510107', 'company'), wuhouInput())).toMatchObject({ ok: false, error: 'read-only-role' });
    expect((await scenarioRowsWhere(d)).length).toBe(1);
  });
});

describe('updateScenario', () => {
  it('records only the changed fields and bumps the version', async () => {
    const d = db();
    const ctx = makeContext(d);
    const s = await created(ctx);
    ctx.clock.t += 1000;
    const { scenario, change } = value(await updateScenario(ctx, s.id, { title: '新名称', partnerSlots: 3 }, 1));
    expect(scenario).toMatchObject({ title: '新名称', partnerSlots: 3, version: 2, updatedAt: ctx.clock.t, catalogNumber: s.catalogNumber });
    expect(change?.op).toBe('update');
    expect(change?.changes).toEqual({ title: { old: s.title, new: '新名称' }, partnerSlots: { old: 2, new: 3 } });
    expect((await getScenarioRow(d, s.id))?.searchText).toContain('新名称');
  });

  it('a save that changes nothing writes nothing', async () => {
    const d = db();
    const ctx = makeContext(d);
    const s = await created(ctx);
    const result = value(await updateScenario(ctx, s.id, { title: `  ${s.title} ` }, 1));
    expect(result.change).toBeNull();
    expect(result.scenario.version).toBe(1);
    expect(await d.changes.count()).toBe(1);
  });

  it('refuses invalid input with per-field messages and leaves the record as it was', async () => {
    const d = db();
    const ctx = makeContext(d);
    const s = await created(ctx);
    const before = await snapshot(d);
    const result = await updateScenario(ctx, s.id, { title: '', contactEmail: 'x@' }, 1);
    if (result.ok || result.error !== 'invalid-scenario') throw new Error('expected invalid-scenario');
    expect(Object.keys(result.errors).sort()).toEqual(['contactEmail', 'title']);
    expect(await snapshot(d)).toEqual(before);
  });

  it('two windows editing the same record: the later save gets version-conflict with the current record', async () => {
    const d = db();
    const tabA = makeContext(d);
    const tabB = makeContext(d, '510107', 'county', { clock: tabA.clock, idPrefix: 99 });
    const s = await created(tabA);
    const seenByA = s.version;
    const seenByB = s.version;
    value(await updateScenario(tabA, s.id, { title: 'A 的修改' }, seenByA));
    const result = await updateScenario(tabB, s.id, { title: 'B 的修改' }, seenByB);
    if (result.ok || result.error !== 'version-conflict') throw new Error('expected version-conflict');
    expect(result.current).toMatchObject({ title: 'A 的修改', version: 2 });
    expect(result.message).toContain('第 2 版');
    expect((await getScenarioRow(d, s.id))?.title).toBe('A 的修改');
    // B re-applies on top of the current version.
    expect(value(await updateScenario(tabB, s.id, { title: 'B 的修改' }, 2)).scenario.version).toBe(3);
  });

  it('the same conflict check guards status changes, deletes and restores', async () => {
    const d = db();
    const ctx = makeContext(d);
    const s = await created(ctx);
    value(await updateScenario(ctx, s.id, { title: '改' }, 1));
    expect(await changeScenarioStatus(ctx, s.id, 'open', null, 1)).toMatchObject({ ok: false, error: 'version-conflict' });
    expect(await deleteScenario(ctx, s.id, 1)).toMatchObject({ ok: false, error: 'version-conflict' });
    value(await deleteScenario(ctx, s.id, 2));
    expect(await restoreScenario(ctx, s.id, 2)).toMatchObject({ ok: false, error: 'version-conflict' });
  });

  it('refuses an unknown id', async () => {
    const ctx = makeContext(db());
    expect(await updateScenario(ctx, 'no-such-id', { title: 'x' }, 1)).toMatchObject({ ok: false, error: 'not-found' });
  });
});

describe('ownership', () => {
  it('another unit can read but not write: every write is refused with a Chinese message', async () => {
    const d = db();
    const owner = makeContext(d);
    const other = makeContext(d, '510104', 'county', { clock: owner.clock });
    const s = await created(owner);
    const attempts = [
      await updateScenario(other, s.id, { title: '别人的修改' }, 1),
      await changeScenarioStatus(other, s.id, 'open', null, 1),
      await deleteScenario(other, s.id, 1),
      await restoreScenario(other, s.id, 1),
    ];
    for (const attempt of attempts) {
      expect(attempt).toMatchObject({ ok: false, error: 'not-owner' });
      if (!attempt.ok) expect(attempt.message).toContain('武侯区');
    }
    const change = (await getHistory(d, s.id))[0];
    expect(await undo(other, { changeId: change?.id ?? '' })).toMatchObject({ ok: false, error: 'not-owner' });
    expect(await d.changes.count()).toBe(1);
    expect((await getScenarioRow(d, s.id))?.version).toBe(1);
  });
});

describe('changeScenarioStatus', () => {
  it('moves along the allowed transitions, keeps the note and where it was suspended from', async () => {
    const d = db();
    const ctx = makeContext(d);
    const s = await created(ctx);
    const opened1 = value(await changeScenarioStatus(ctx, s.id, 'open', '第一批发布', 1));
    expect(opened1.change).toMatchObject({ op: 'status', note: '第一批发布', changes: { status: { old: 'draft', new: 'open' } } });
    const suspended = value(await changeScenarioStatus(ctx, s.id, 'suspended', '设备检修', 2));
    expect(suspended.scenario).toMatchObject({ status: 'suspended', suspendedFrom: 'open' });
    const back = value(await changeScenarioStatus(ctx, s.id, 'open', null, 3));
    expect(back.scenario).toMatchObject({ status: 'open', suspendedFrom: null });
    expect(back.change?.note).toBeUndefined();
  });

  const refused: readonly [string, string, string | null, string][] = [
    ['a move the table does not allow', 'piloting', null, 'not-allowed'],
    ['closing without a note', 'closed', '  ', 'note-required'],
    ['the same status', 'draft', null, 'same-status'],
    ['an unknown status', 'bogus', null, 'unknown-status'],
  ];
  it.each(refused)('refuses %s and writes nothing', async (_name, to, note, code) => {
    const d = db();
    const ctx = makeContext(d);
    const s = await created(ctx);
    const before = await snapshot(d);
    const result = await changeScenarioStatus(ctx, s.id, to as Scenario['status'], note, 1);
    expect(result).toMatchObject({ ok: false, error: code });
    expect(await snapshot(d)).toEqual(before);
  });
});

describe('delete and restore', () => {
  it('a delete is soft: the record stays with deletedAt, cannot be edited, and can be restored', async () => {
    const d = db();
    const ctx = makeContext(d);
    const s = await created(ctx);
    ctx.clock.t += 5;
    const deleted = value(await deleteScenario(ctx, s.id, 1, '重复登记'));
    expect(deleted.scenario.deletedAt).toBe(ctx.clock.t);
    expect(deleted.change).toMatchObject({ op: 'delete', note: '重复登记', changes: { deletedAt: { old: null, new: ctx.clock.t } } });
    expect((await getScenarioRow(d, s.id))?.deletedFlag).toBe(1);
    expect(await deleteScenario(ctx, s.id, 2)).toMatchObject({ ok: false, error: 'already-deleted' });
    expect(await updateScenario(ctx, s.id, { title: 'x' }, 2)).toMatchObject({ ok: false, error: 'deleted' });
    expect(await changeScenarioStatus(ctx, s.id, 'open', null, 2)).toMatchObject({ ok: false, error: 'deleted' });
    const restored = value(await restoreScenario(ctx, s.id, 2));
    expect(restored.scenario).toMatchObject({ deletedAt: null, version: 3 });
    expect(restored.change?.op).toBe('restore');
    expect(await restoreScenario(ctx, s.id, 3)).toMatchObject({ ok: false, error: 'not-deleted' });
  });
});

describe('undo', () => {
  it('undoes an edit by appending its inverse; the history keeps both', async () => {
    const d = db();
    const ctx = makeContext(d);
    const s = await created(ctx);
    const edit = value(await updateScenario(ctx, s.id, { title: '改后' }, 1)).change;
    const undone = value(await undo(ctx, { changeId: edit?.id ?? '' }));
    expect(undone.scenarios[0]).toMatchObject({ title: s.title, version: 3 });
    expect(undone.changes[0]).toMatchObject({ op: 'update', changes: { title: { old: '改后', new: s.title } }, batchId: undone.batchId, note: '撤销修改' });
    const history = await getHistory(d, s.id);
    expect(history.map((c) => c.op)).toEqual(['create', 'update', 'update']);
    expect(history[1]).toEqual(edit);
    // Undoing the same edit again would overwrite the restored title: refused.
    expect(await undo(ctx, { changeId: edit?.id ?? '' })).toMatchObject({ ok: false, error: 'undo-conflict', details: ['title'] });
    // The undo itself is undoable through its batch.
    expect(value(await undo(ctx, { batchId: undone.batchId })).scenarios[0]?.title).toBe('改后');
  });

  it('undoes a status change, including where it was suspended from', async () => {
    const d = db();
    const ctx = makeContext(d);
    const s = await created(ctx);
    value(await changeScenarioStatus(ctx, s.id, 'open', null, 1));
    const suspend = value(await changeScenarioStatus(ctx, s.id, 'suspended', '检修', 2)).change;
    const undone = value(await undo(ctx, { changeId: suspend?.id ?? '' }));
    expect(undone.scenarios[0]).toMatchObject({ status: 'open', suspendedFrom: null });
    expect(undone.changes[0]?.op).toBe('status');
  });

  it('undoes a delete (restores) and a creation (soft-deletes)', async () => {
    const d = db();
    const ctx = makeContext(d);
    const s = await created(ctx);
    const del = value(await deleteScenario(ctx, s.id, 1)).change;
    const restored = value(await undo(ctx, { changeId: del?.id ?? '' }));
    expect(restored.scenarios[0]?.deletedAt).toBeNull();
    expect(restored.changes[0]?.op).toBe('restore');
    const creation = (await getHistory(d, s.id))[0];
    const removed = value(await undo(ctx, { changeId: creation?.id ?? '' }));
    expect(removed.scenarios[0]?.deletedAt).toBe(ctx.clock.t);
    expect(removed.changes[0]?.op).toBe('delete');
    expect((await getScenarioRow(d, s.id))?.deletedFlag).toBe(1);
  });

  it('refuses when a later edit changed the same field, writing nothing', async () => {
    const d = db();
    const ctx = makeContext(d);
    const s = await created(ctx);
    const first = value(await updateScenario(ctx, s.id, { title: 'Y' }, 1)).change;
    value(await updateScenario(ctx, s.id, { title: 'Z' }, 2));
    const before = await snapshot(d);
    const result = await undo(ctx, { changeId: first?.id ?? '' });
    expect(result).toMatchObject({ ok: false, error: 'undo-conflict', details: ['title'] });
    if (!result.ok) expect(result.message).toContain('无法撤销');
    expect(await snapshot(d)).toEqual(before);
  });

  it('refuses an unknown change', async () => {
    expect(await undo(makeContext(db()), { changeId: 'nope' })).toMatchObject({ ok: false, error: 'nothing-to-undo' });
  });
});

describe('hybrid logical clock', () => {
  it('stamps strictly increase across writes, even when the wall clock stands still or goes back', async () => {
    const d = db();
    const ctx = makeContext(d);
    const s = await created(ctx);
    let version = 1;
    for (let i = 0; i < 12; i += 1) {
      if (i % 3 === 1) ctx.clock.t -= 60_000; // the PC's clock was set back
      if (i % 3 === 2) ctx.clock.t += 1;
      version = value(await updateScenario(ctx, s.id, { partnerSlots: i % 2 === 0 ? 5 : 6 }, version)).scenario.version;
    }
    const stamps = (await d.changes.toArray()).map((c) => c.hlc).sort();
    const byOrder = (await getHistory(d, s.id)).map((c) => c.hlc);
    expect(new Set(stamps).size).toBe(13);
    expect(byOrder).toEqual(stamps);
    expect((await d.meta.get(META_KEYS.hlc))?.value).toBe(stamps[stamps.length - 1]);
    const node = parseHlc(stamps[0]);
    expect(node.ok && node.value.node).toMatch(/^510107\.[0-9a-f]{12}$/);
  });

  it('continues from the persisted clock when the database is reopened', async () => {
    const d = db();
    const ctx = makeContext(d);
    const s = await created(ctx);
    d.close();
    await d.open();
    ctx.clock.t -= 3_600_000;
    const later = value(await updateScenario(ctx, s.id, { title: '重开后' }, 1)).change;
    const first = (await getHistory(d, s.id))[0];
    expect((later?.hlc ?? '') > (first?.hlc ?? '')).toBe(true);
  });
});

describe('catalog numbers', () => {
  it('are unique and consecutive under many concurrent creates, per region and year, and never reused', async () => {
    const d = db();
    const ctx = makeContext(d);
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => createScenario(ctx, wuhouInput({ title: `场景 ${String(i)}` }))));
    const numbers = results.map((r) => value(r).scenario.catalogNumber).sort();
    expect(new Set(numbers).size).toBe(40);
    expect(numbers[0]).toBe(`510107-${YEAR}-0001`);
    expect(numbers[39]).toBe(`510107-${YEAR}-0040`);
    const last = value(results[results.length - 1] as WriteResult<{ scenario: Scenario }>).scenario;
    value(await deleteScenario(ctx, last.id, 1));
    expect((await created(ctx)).catalogNumber).toBe(`510107-${YEAR}-0041`);
    // Another region has its own sequence.
    const city = makeContext(d, '510100', 'city', { clock: ctx.clock });
    const cityInput = wuhouInput({ openingLevel: 'city', regionCode: '510100' });
    expect(value(await createScenario(city, cityInput)).scenario.catalogNumber).toBe(`510100-${YEAR}-0001`);
  });

  it('skip a number already taken by a record that did not reserve it', async () => {
    const d = db();
    const ctx = makeContext(d);
    const s = await created(ctx);
    // A row written outside the write path (e.g. an older build) holding the next number.
    const taken = { ...(await getScenarioRow(d, s.id))!, id: '00000000-0000-4000-8000-00000000ffff' as Scenario['id'], catalogNumber: `510107-${YEAR}-0002` };
    await d.transaction('rw', registerTables(d), async () => {
      await putScenarioRows(d, [taken]);
    });
    expect((await created(ctx)).catalogNumber).toBe(`510107-${YEAR}-0003`);
  });
});

describe('all or nothing', () => {
  it('a failure after the record was put rolls back the record, the log and the clock', async () => {
    const d = db();
    const ctx = makeContext(d);
    const s = await created(ctx);
    const before = await snapshot(d);
    const failing = (): void => {
      throw new Error('disk went away');
    };
    d.changes.hook('creating', failing);
    const update = await updateScenario(ctx, s.id, { title: '不应保存' }, 1);
    const create = await createScenario(ctx, wuhouInput({ title: '也不应保存' }));
    d.changes.hook('creating').unsubscribe(failing);
    for (const result of [update, create]) {
      expect(result).toMatchObject({ ok: false, error: 'write-failed' });
      if (!result.ok) expect(result.message).toContain('已有数据完好');
    }
    expect(await snapshot(d)).toEqual(before);
  });

  it('a quota error becomes storage-full, with nothing written', async () => {
    const d = db();
    const ctx = makeContext(d);
    const quota = (): void => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    d.changes.hook('creating', quota);
    const result = await createScenario(ctx, wuhouInput());
    d.changes.hook('creating').unsubscribe(quota);
    expect(result).toMatchObject({ ok: false, error: 'storage-full' });
    if (!result.ok) expect(result.message).toContain('存储空间已满');
    expect(await snapshot(d)).toEqual({ scenarios: [], catalog: [], changes: [], meta: [] });
  });
});
