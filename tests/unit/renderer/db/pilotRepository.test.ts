import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../../../shared/domain/scenario';
import { createApplicationFile } from '../../../../shared/partners/application';
import { completeCreditCode } from '../../../../shared/partners/creditCode';
import type { Partner } from '../../../../shared/partners/partner';
import type { Pilot } from '../../../../shared/partners/pilot';
import { toScenarioRow, type AtlasDb } from '../../../../renderer/db/atlasDb';
import { createPartner } from '../../../../renderer/db/partnerRepository';
import {
  ownedScenarioRefs,
  changePilotStage,
  createPilot,
  deletePilot,
  importApplicationAsPilot,
  listScenarioPilots,
  restorePilot,
  updatePilot,
} from '../../../../renderer/db/pilotRepository';
import { getHistory } from '../../../../renderer/db/scenarioRepository';
import { getScenarioRow } from '../../../../renderer/db/scenarioPages';
import { changeScenarioStatus, createScenario, deleteScenario, type WriteContext } from '../../../../renderer/db/writePath';
import { freshDbsPerTest, makeContext, okValue, wuhouInput, YEAR } from './dbTestKit';

const db = freshDbsPerTest();

const CODE_A = completeCreditCode('9151010720260001') as string;
const CODE_B = completeCreditCode('1251000045073920') as string;

interface World {
  readonly d: AtlasDb;
  readonly ctx: WriteContext & { readonly clock: { t: number } };
  readonly scenario: Scenario;
  readonly partner: Partner;
}

async function world(scenarioOverrides: Record<string, unknown> = {}): Promise<World> {
  const d = db();
  const ctx = makeContext(d);
  const scenario = okValue(await createScenario(ctx, wuhouInput(scenarioOverrides))).scenario;
  const partner = okValue(
    await createPartner(ctx, { name: '成都脑机科技有限公司', type: 'enterprise', creditCode: CODE_A, regionCode: '510107', contactName: '', contactPhone: '', contactEmail: '' }),
  ).partner;
  return { d, ctx, scenario, partner };
}

function pilotInput(w: World, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: '非侵入式脑机接口康复训练试点',
    summary: '在康复病区部署脑机接口康复训练系统',
    scenarioId: w.scenario.id,
    partners: [{ partnerId: w.partner.id, isLead: true }],
    techDirection: 'non_invasive_bci',
    investment: '120.5',
    regulatory: { deviceRegistration: 'planned', ethicsApproval: 'pending' },
    ...overrides,
  };
}

async function counts(d: AtlasDb): Promise<{ pilots: number; changes: number }> {
  return { pilots: await d.pilots.count(), changes: await d.changes.count() };
}

describe('ownedScenarioRefs (the pilot form’s scenario choice)', () => {
  it('keeps the live scenarios the unit owns, newest catalog number first', async () => {
    const ctx = makeContext(db());
    const older = okValue(await createScenario(ctx, wuhouInput({ title: '较早的场景' }))).scenario;
    const newer = okValue(await createScenario(ctx, wuhouInput({ title: '较新的场景' }))).scenario;
    const gone = okValue(await createScenario(ctx, wuhouInput({ title: '已删除的场景' }))).scenario;
    const rows = [older, newer, { ...gone, deletedAt: 1 }, { ...older, id: 'other-unit', ownerUnitCode: '510104', catalogNumber: '510104-2026-0001' }].map((scenario) => toScenarioRow(scenario as Scenario));
    expect(ownedScenarioRefs(rows, '510107').map((ref) => ref.title)).toEqual(['较新的场景', '较早的场景']);
    expect(ownedScenarioRefs(rows, '510104').map((ref) => ref.id)).toEqual(['other-unit']);
    expect(ownedScenarioRefs(rows, '510100')).toEqual([]);
  });
});

describe('createPilot', () => {
  it('creates the pilot at 申报 with a project number, owned by the scenario’s unit, with its change record', async () => {
    const w = await world();
    const before = await counts(w.d);
    const { pilot, change } = okValue(await createPilot(w.ctx, pilotInput(w)));
    expect(pilot).toMatchObject({ stage: 'applied', projectNumber: `P-510107-${YEAR}-0001`, ownerUnitCode: '510107', investment: 120.5, version: 1 });
    expect(change).toMatchObject({ entity: 'pilot', entityId: pilot.id, op: 'create' });
    expect(change?.changes['stage']).toEqual({ old: null, new: 'applied' });
    expect(await w.d.pilots.get(pilot.id)).toMatchObject({ leadPartnerId: w.partner.id, deletedFlag: 0 });
    expect(await counts(w.d)).toEqual({ pilots: before.pilots + 1, changes: before.changes + 1 });
    const second = okValue(await createPilot(w.ctx, pilotInput(w, { title: '第二个试点' }))).pilot;
    expect(second.projectNumber).toBe(`P-510107-${YEAR}-0002`);
    expect((await listScenarioPilots(w.d, w.scenario.id)).map((p) => p.id)).toEqual([pilot.id, second.id]);
  });

  const badInputs: readonly [string, Record<string, unknown>, string, string][] = [
    ['planned dates out of order', { plannedStart: '2026-06-01', plannedEnd: '2026-05-01' }, 'plannedEnd', 'date_order'],
    ['actual dates out of order', { actualStart: '2026-03-01', actualEnd: '2026-02-01' }, 'actualEnd', 'date_order'],
    ['an impossible date', { plannedStart: '2026-02-30' }, 'plannedStart', 'invalid_date'],
    ['a negative indicator', { indicators: [{ period: '2026', indicator: 'people_served', value: -5 }] }, 'indicators', 'invalid_indicator_value'],
    ['a fractional indicator', { indicators: [{ period: '2026', indicator: 'surgeries', value: 1.5 }] }, 'indicators', 'invalid_indicator_value'],
    ['a bad period', { indicators: [{ period: '2026-13', indicator: 'surgeries', value: 1 }] }, 'indicators', 'invalid_period'],
    ['a negative investment', { investment: -1 }, 'investment', 'invalid_amount'],
    ['no title', { title: '' }, 'title', 'required'],
    ['two lead partners', { partners: [{ partnerId: '00000000-0000-4000-8000-00000000beef', isLead: true }, { partnerId: '00000000-0000-4000-8000-00000000dead', isLead: true }] }, 'partners', 'several_leads'],
    ['an unregistered partner', { partners: [{ partnerId: '00000000-0000-4000-8000-00000000dead', isLead: true }] }, 'partners', 'unknown_partner'],
    ['a medical pilot without registration state', { regulatory: null }, 'regulatory', 'regulatory_required'],
    ['a milestone without due date', { milestones: [{ id: 'm1', title: '部署', due: '', done: null, evidence: '' }] }, 'milestones', 'invalid_date'],
  ];
  it.each(badInputs)('refuses %s with a message on that field and saves nothing', async (_name, overrides, field, code) => {
    const w = await world();
    const before = await counts(w.d);
    const result = await createPilot(w.ctx, pilotInput(w, overrides));
    if (result.ok || result.error !== 'invalid-pilot') throw new Error(`expected invalid-pilot, got ${JSON.stringify(result).slice(0, 200)}`);
    expect(result.errors[field as keyof typeof result.errors]?.map((i) => i.code)).toContain(code);
    expect(result.errors[field as keyof typeof result.errors]?.[0]?.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(await counts(w.d)).toEqual(before);
  });

  it('is refused in another unit’s scenario, for the company role and for a deleted scenario', async () => {
    const w = await world();
    const other = await createPilot(makeContext(w.d, '510104'), pilotInput(w));
    expect(other.ok ? null : other.error).toBe('not-owner');
    expect(other.ok ? '' : other.message).toContain('本单位只能查看');
    const company = await createPilot(makeContext(w.d, '510107', 'company'), pilotInput(w));
    expect(company.ok ? null : company.error).toBe('read-only-role');
    okValue(await deleteScenario(w.ctx, w.scenario.id, w.scenario.version));
    const deleted = await createPilot(w.ctx, pilotInput(w));
    expect(deleted.ok ? null : deleted.error).toBe('deleted');
    expect(await w.d.pilots.count()).toBe(0);
  });
});

describe('changePilotStage', () => {
  async function pilotAt(w: World, path: readonly Pilot['stage'][], patch: Record<string, unknown> = {}): Promise<Pilot> {
    let pilot = okValue(await createPilot(w.ctx, pilotInput(w, patch))).pilot;
    for (const to of path) pilot = okValue(await changePilotStage(w.ctx, pilot.id, to, {}, pilot.version)).pilot;
    return pilot;
  }

  it('refuses a stage jump with the allowed moves, and writes nothing', async () => {
    const w = await world();
    const pilot = await pilotAt(w, []);
    const before = await counts(w.d);
    const result = await changePilotStage(w.ctx, pilot.id, 'in_progress', {}, pilot.version);
    expect(result.ok ? null : result.error).toBe('not-allowed');
    expect(result.ok ? '' : result.message).toBe('不能从“申报”变更为“实施中”；可变更为：“评审中”、“已终止”');
    expect(await counts(w.d)).toEqual(before);
    expect((await w.d.pilots.get(pilot.id))?.stage).toBe('applied');
  });

  it('needs a note for 已终止 and 未入选, kept in the history', async () => {
    const w = await world();
    const pilot = await pilotAt(w, []);
    const noNote = await changePilotStage(w.ctx, pilot.id, 'terminated', { note: '  ' }, pilot.version);
    expect(noNote.ok ? null : noNote.error).toBe('note-required');
    const done = okValue(await changePilotStage(w.ctx, pilot.id, 'terminated', { note: '企业撤回申报' }, pilot.version));
    expect(done.pilot.stage).toBe('terminated');
    const history = await getHistory(w.d, pilot.id, 'pilot');
    expect(history.map((c) => [c.op, c.note ?? null])).toEqual([['create', null], ['status', '企业撤回申报']]);
    expect(history[1]?.changes['stage']).toEqual({ old: 'applied', new: 'terminated' });
  });

  it('asks for what 已签约 needs, saves the fields with the move, and offers 已开放 → 已对接', async () => {
    const w = await world();
    const scenario = okValue(await changeScenarioStatus(w.ctx, w.scenario.id, 'open', null, w.scenario.version)).scenario;
    const pilot = await pilotAt(w, ['under_review', 'selected']);
    const missing = await changePilotStage(w.ctx, pilot.id, 'signed', {}, pilot.version);
    expect(missing.ok ? null : missing.error).toBe('requirements-missing');
    expect(missing.ok ? '' : missing.message).toContain('填写计划开始和结束日期');
    const badDates = await changePilotStage(w.ctx, pilot.id, 'signed', { patch: { plannedStart: '2026-09-01', plannedEnd: '2026-04-01' } }, pilot.version);
    expect(badDates.ok ? null : badDates.error).toBe('invalid-pilot');
    expect((await w.d.pilots.get(pilot.id))?.stage).toBe('selected');

    const signed = okValue(await changePilotStage(w.ctx, pilot.id, 'signed', { patch: { plannedStart: '2026-04-01', plannedEnd: '2026-12-31' } }, pilot.version));
    expect(signed.pilot).toMatchObject({ stage: 'signed', plannedStart: '2026-04-01', plannedEnd: '2026-12-31' });
    expect(signed.change?.op).toBe('status');
    expect(Object.keys(signed.change?.changes ?? {}).sort()).toEqual(['plannedEnd', 'plannedStart', 'stage']);
    // Signing holds one of the two slots; the offer says one is still free.
    expect(signed.offer).toMatchObject({ scenarioId: scenario.id, from: 'open', to: 'matched' });
    expect(signed.offer?.reason.zh).toContain('仍有 1 个伙伴名额');
    // Offered, not applied.
    expect((await getScenarioRow(w.d, scenario.id))?.status).toBe('open');
  });

  it('to 实施中 needs the actual start and, for a medical pilot, ethics approval; then offers 已对接 → 试点中', async () => {
    const w = await world();
    const open = okValue(await changeScenarioStatus(w.ctx, w.scenario.id, 'open', null, w.scenario.version)).scenario;
    const pilot = await pilotAt(w, ['under_review', 'selected'], { plannedStart: '2026-04-01', plannedEnd: '2026-12-31' });
    const signed = okValue(await changePilotStage(w.ctx, pilot.id, 'signed', {}, pilot.version));
    okValue(await changeScenarioStatus(w.ctx, open.id, 'matched', null, open.version));
    const missing = await changePilotStage(w.ctx, pilot.id, 'in_progress', { patch: { actualStart: '2026-03-01' } }, signed.pilot.version);
    expect(missing.ok ? '' : missing.message).toBe('进入“实施中”前还需：医疗试点需先取得伦理审批');
    const started = okValue(
      await changePilotStage(
        w.ctx,
        pilot.id,
        'in_progress',
        { patch: { actualStart: '2026-03-01', regulatory: { deviceRegistration: 'submitted', ethicsApproval: 'approved' } } },
        signed.pilot.version,
      ),
    );
    expect(started.pilot.stage).toBe('in_progress');
    expect(started.offer).toMatchObject({ from: 'matched', to: 'piloting' });
  });

  it('gives no offer when the scenario is not at the status the stage implies', async () => {
    const w = await world();
    const pilot = await pilotAt(w, ['under_review', 'selected'], { plannedStart: '2026-04-01', plannedEnd: '2026-12-31' });
    const signed = okValue(await changePilotStage(w.ctx, pilot.id, 'signed', {}, pilot.version));
    expect(signed.offer).toBeNull(); // the scenario is still a draft
  });

  it('is refused for another unit and for a stale version', async () => {
    const w = await world();
    const pilot = await pilotAt(w, []);
    const other = await changePilotStage(makeContext(w.d, '510104'), pilot.id, 'under_review', {}, pilot.version);
    expect(other.ok ? null : other.error).toBe('not-owner');
    const stale = await changePilotStage(w.ctx, pilot.id, 'under_review', {}, pilot.version + 3);
    expect(stale.ok ? null : stale.error).toBe('record-changed');
    expect((await w.d.pilots.get(pilot.id))?.stage).toBe('applied');
  });
});

describe('updatePilot', () => {
  it('saves milestones, indicators and IP outcomes with a diff of the changed fields', async () => {
    const w = await world();
    const pilot = okValue(await createPilot(w.ctx, pilotInput(w))).pilot;
    const patch = {
      milestones: [{ id: 'm1', title: '设备部署完成', due: '2026-05-01', done: '2026-04-28', evidence: '验收单 2026-017' }],
      indicators: [
        { period: '2026-03', indicator: 'rehab_uses', value: 320 },
        { period: '2026-04', indicator: 'rehab_uses', value: 410 },
      ],
      ipOutcomes: [{ type: 'patent', title: '一种脑电康复训练方法', number: 'CN2026100001', date: '2026-02-01' }],
    };
    const { pilot: next, change } = okValue(await updatePilot(w.ctx, pilot.id, patch, 1));
    expect(next.version).toBe(2);
    expect(next.indicators).toHaveLength(2);
    expect(Object.keys(change?.changes ?? {}).sort()).toEqual(['indicators', 'ipOutcomes', 'milestones']);
    expect(next.stage).toBe('applied');
  });

  it('refuses a negative indicator and a duplicate period, saving nothing', async () => {
    const w = await world();
    const pilot = okValue(await createPilot(w.ctx, pilotInput(w))).pilot;
    const before = await counts(w.d);
    const negative = await updatePilot(w.ctx, pilot.id, { indicators: [{ period: '2026', indicator: 'people_served', value: -1 }] }, 1);
    if (negative.ok || negative.error !== 'invalid-pilot') throw new Error('expected invalid-pilot');
    expect(negative.errors.indicators?.[0]?.zh).toBe('第 1 条指标记录的数值应为不小于 0 的整数');
    const twice = await updatePilot(
      w.ctx,
      pilot.id,
      { indicators: [{ period: '2026', indicator: 'people_served', value: 1 }, { period: '2026', indicator: 'people_served', value: 2 }] },
      1,
    );
    expect(twice.ok ? null : twice.error).toBe('invalid-pilot');
    expect(await counts(w.d)).toEqual(before);
  });

  it('does not move the pilot to another scenario', async () => {
    const w = await world();
    const pilot = okValue(await createPilot(w.ctx, pilotInput(w))).pilot;
    const other = okValue(await createScenario(w.ctx, wuhouInput({ title: '另一个场景' }))).scenario;
    const { pilot: next } = okValue(await updatePilot(w.ctx, pilot.id, { scenarioId: other.id, title: '改名' }, 1));
    expect(next).toMatchObject({ scenarioId: w.scenario.id, title: '改名' });
  });

  it('soft-deletes with a change record', async () => {
    const w = await world();
    const pilot = okValue(await createPilot(w.ctx, pilotInput(w))).pilot;
    okValue(await deletePilot(w.ctx, pilot.id, 1, '重复录入'));
    expect(await listScenarioPilots(w.d, w.scenario.id)).toEqual([]);
    expect((await getHistory(w.d, pilot.id, 'pilot')).map((c) => c.op)).toEqual(['create', 'delete']);
  });
});

describe('restorePilot', () => {
  it('brings a deleted pilot back with a restore record (the undo of a delete)', async () => {
    const w = await world();
    const pilot = okValue(await createPilot(w.ctx, pilotInput(w))).pilot;
    okValue(await deletePilot(w.ctx, pilot.id, 1, null));
    const { pilot: back } = okValue(await restorePilot(w.ctx, pilot.id, 2));
    expect(back).toMatchObject({ deletedAt: null, version: 3, projectNumber: pilot.projectNumber });
    expect((await listScenarioPilots(w.d, w.scenario.id)).map((p) => p.id)).toEqual([pilot.id]);
    expect((await getHistory(w.d, pilot.id, 'pilot')).map((c) => c.op)).toEqual(['create', 'delete', 'restore']);
  });

  it('refuses a pilot that is not deleted', async () => {
    const w = await world();
    const pilot = okValue(await createPilot(w.ctx, pilotInput(w))).pilot;
    expect(await restorePilot(w.ctx, pilot.id, 1)).toMatchObject({ ok: false, error: 'not-deleted' });
  });

  it('refuses a stale version, another unit, a deleted scenario; nothing is written', async () => {
    const w = await world();
    const pilot = okValue(await createPilot(w.ctx, pilotInput(w))).pilot;
    okValue(await deletePilot(w.ctx, pilot.id, 1, null));
    const before = await counts(w.d);
    expect(await restorePilot(w.ctx, pilot.id, 1)).toMatchObject({ ok: false, error: 'record-changed' });
    expect(await restorePilot(makeContext(w.d, '510104', 'county'), pilot.id, 2)).toMatchObject({ ok: false, error: 'not-owner' });
    expect(await restorePilot(w.ctx, 'no-such-pilot', 2)).toMatchObject({ ok: false, error: 'not-found' });
    okValue(await deleteScenario(w.ctx, w.scenario.id, w.scenario.version));
    const afterScenarioDelete = await counts(w.d);
    expect(await restorePilot(w.ctx, pilot.id, 2)).toMatchObject({ ok: false, error: 'deleted' });
    expect(await counts(w.d)).toEqual(afterScenarioDelete);
    expect(afterScenarioDelete.pilots).toBe(before.pilots);
  });
});

describe('importApplicationAsPilot', () => {
  function application(w: World, overrides: Record<string, unknown> = {}) {
    const file = createApplicationFile(
      { organisation: '绵阳神经康复研究院', creditCode: CODE_B, contactName: '赵老师', phone: '13900139000', email: 'zhao@example.com', proposal: '以眼动和脑电融合方案开展康复训练', ...overrides },
      { ...w.scenario, status: 'open' },
      '2026-03-01T09:30:00.000Z',
    );
    if (!file.ok) throw new Error(file.message);
    return file.value;
  }

  it('registers the organisation as a partner and creates the pilot at 申报 in one batch; a second import is refused', async () => {
    const w = await world();
    const result = okValue(await importApplicationAsPilot(w.ctx, application(w)));
    expect(result.isNewPartner).toBe(true);
    expect(result.partner).toMatchObject({ name: '绵阳神经康复研究院', type: 'other', creditCode: CODE_B });
    expect(result.pilot).toMatchObject({ stage: 'applied', summary: '以眼动和脑电融合方案开展康复训练', partners: [{ partnerId: result.partner.id, isLead: true }] });
    const batch = await w.d.changes.where('batchId').equals(result.batchId).toArray();
    expect(batch.map((c) => c.entity).sort()).toEqual(['partner', 'pilot']);
    const before = await counts(w.d);
    const again = await importApplicationAsPilot(w.ctx, application(w));
    expect(again.ok ? '' : again.message).toContain('在该场景已有试点项目');
    expect(await counts(w.d)).toEqual(before);
  });

  it('reuses the partner that holds the credit code', async () => {
    const w = await world();
    const result = okValue(await importApplicationAsPilot(w.ctx, application(w, { creditCode: CODE_A, organisation: '成都脑机' })));
    expect(result.isNewPartner).toBe(false);
    expect(result.partner.id).toBe(w.partner.id);
    expect(await w.d.partners.count()).toBe(1);
  });

  it('is refused by another unit and writes nothing', async () => {
    const w = await world();
    const before = await counts(w.d);
    const result = await importApplicationAsPilot(makeContext(w.d, '510104'), application(w));
    expect(result.ok ? null : result.error).toBe('not-owner');
    expect(await counts(w.d)).toEqual(before);
    expect(await w.d.partners.count()).toBe(1);
  });
});
