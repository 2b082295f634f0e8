import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { completeCreditCode } from '../../../../shared/partners/creditCode';
import { getHistory } from '../../../../renderer/db/scenarioRepository';
import {
  createPartner,
  deletePartner,
  findPartnerByCreditCode,
  listPartners,
  restorePartner,
  updatePartner,
} from '../../../../renderer/db/partnerRepository';
import { createPilot } from '../../../../renderer/db/pilotRepository';
import { createScenario } from '../../../../renderer/db/writePath';
import type { AtlasDb } from '../../../../renderer/db/atlasDb';
import { freshDbsPerTest, makeContext, okValue, wuhouInput } from './dbTestKit';

const db = freshDbsPerTest();

function code(first16: string): string {
  const full = completeCreditCode(first16);
  if (full === null) throw new Error(`bad test code ${first16}`);
  return full;
}

/** 成都脑机科技有限公司's code (valid under GB 32100). */
const CODE_A = code('9151010720260001');
const CODE_B = code('1251000045073920');

function partnerInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: '成都脑机科技有限公司',
    type: 'enterprise',
    creditCode: CODE_A,
    regionCode: '510107',
    contactName: '李工',
    contactPhone: '13800138000',
    contactEmail: 'li@example.com',
    ...overrides,
  };
}

async function counts(d: AtlasDb): Promise<{ partners: number; changes: number }> {
  return { partners: await d.partners.count(), changes: await d.changes.count() };
}

describe('createPartner', () => {
  it('stores the partner and its change record in one write, code normalised', async () => {
    const d = db();
    const ctx = makeContext(d);
    // Typed with spaces, a hyphen and lower case, as people paste it.
    const typed = `${CODE_A.slice(0, 6)} ${CODE_A.slice(6, 12).toLowerCase()}-${CODE_A.slice(12)}`;
    const { partner, change } = okValue(await createPartner(ctx, partnerInput({ creditCode: typed })));
    expect(partner).toMatchObject({ name: '成都脑机科技有限公司', creditCode: CODE_A, ownerUnitCode: '510107', version: 1, deletedAt: null });
    expect(change).toMatchObject({ entity: 'partner', entityId: partner.id, op: 'create', unitCode: '510107' });
    expect(change?.changes['creditCode']).toEqual({ old: null, new: CODE_A });
    expect(await d.partners.get(partner.id)).toMatchObject({ deletedFlag: 0 });
    expect(await counts(d)).toEqual({ partners: 1, changes: 1 });
    expect((await findPartnerByCreditCode(d, typed))?.id).toBe(partner.id);
  });

  const badCodes: readonly [string, string, string][] = [
    ['empty', '', '请填写统一社会信用代码'],
    ['too short', CODE_A.slice(0, 17), '应为 18 位，现为 17 位'],
    ['letter I', `${CODE_A.slice(0, 10)}I${CODE_A.slice(11)}`, '第 11 位“I”不是允许的字符'],
    ['unknown department', `0${CODE_A.slice(1)}`, '第 1 位（登记管理部门代码）'],
    ['category not of the department', `95${CODE_A.slice(2)}`, '第 2 位（机构类别代码）'],
    ['region not a province', `9199${CODE_A.slice(4)}`, '第 3–8 位'],
    ['organisation check', `${CODE_A.slice(0, 16)}${CODE_A.charAt(16) === '0' ? '1' : '0'}${CODE_A.charAt(17)}`, '第 17 位（组织机构代码校验码）'],
    ['check character', `${CODE_A.slice(0, 17)}${CODE_A.charAt(17) === '0' ? '1' : '0'}`, '第 18 位（校验码）'],
  ];
  it.each(badCodes)('refuses a credit code with %s, naming the rule, and saves nothing', async (_name, creditCode, message) => {
    const d = db();
    const result = await createPartner(makeContext(d), partnerInput({ creditCode }));
    expect(result.ok).toBe(false);
    if (result.ok || result.error !== 'invalid-partner') throw new Error('expected invalid-partner');
    expect(result.errors.creditCode?.[0]?.zh).toContain(message);
    expect(await counts(d)).toEqual({ partners: 0, changes: 0 });
  });

  const badFields: readonly [string, Record<string, unknown>, string, string][] = [
    ['no name', { name: ' ' }, 'name', 'required'],
    ['unknown type', { type: 'company' }, 'type', 'invalid_choice'],
    ['bad phone', { contactPhone: '12345' }, 'contactPhone', 'invalid_phone'],
    ['bad email', { contactEmail: 'li@' }, 'contactEmail', 'invalid_email'],
    ['region outside Sichuan', { regionCode: '110101' }, 'regionCode', 'unknown_region'],
  ];
  it.each(badFields)('refuses %s with a message on that field', async (_name, overrides, field, issue) => {
    const d = db();
    const result = await createPartner(makeContext(d), partnerInput(overrides));
    if (result.ok || result.error !== 'invalid-partner') throw new Error('expected invalid-partner');
    expect(result.errors[field as keyof typeof result.errors]?.[0]?.code).toBe(issue);
    expect(await counts(d)).toEqual({ partners: 0, changes: 0 });
  });

  it('refuses a second partner with the same code and points at the first', async () => {
    const d = db();
    const ctx = makeContext(d);
    const first = okValue(await createPartner(ctx, partnerInput())).partner;
    const result = await createPartner(ctx, partnerInput({ name: '成都脑机科技（重复）', creditCode: CODE_A.toLowerCase() }));
    if (result.ok || result.error !== 'invalid-partner') throw new Error('expected invalid-partner');
    expect(result.duplicateOf).toEqual({ id: first.id, name: '成都脑机科技有限公司' });
    expect(result.errors.creditCode?.[0]?.zh).toContain('已登记为伙伴单位“成都脑机科技有限公司”');
    expect(await counts(d)).toEqual({ partners: 1, changes: 1 });
  });

  it('refuses the company role and writes nothing', async () => {
    const d = db();
    const result = await createPartner(makeContext(d, '510107', 'company'), partnerInput());
    expect(result.ok ? null : result.error).toBe('read-only-role');
    expect(await counts(d)).toEqual({ partners: 0, changes: 0 });
  });
});

describe('updatePartner / deletePartner / restorePartner', () => {
  it('records the changed fields only; no change record when nothing changed', async () => {
    const d = db();
    const ctx = makeContext(d);
    const first = okValue(await createPartner(ctx, partnerInput())).partner;
    ctx.clock.t += 1000;
    const edited = okValue(await updatePartner(ctx, first.id, partnerInput({ contactName: '王工' }), 1));
    expect(edited.partner.version).toBe(2);
    expect(edited.change?.changes).toEqual({ contactName: { old: '李工', new: '王工' } });
    const same = okValue(await updatePartner(ctx, first.id, partnerInput({ contactName: '王工' }), 2));
    expect(same.change).toBeNull();
    expect((await getHistory(d, first.id, 'partner')).map((c) => c.op)).toEqual(['create', 'update']);
  });

  it('keeps its own code on edit but refuses another partner’s code', async () => {
    const d = db();
    const ctx = makeContext(d);
    okValue(await createPartner(ctx, partnerInput()));
    const second = okValue(await createPartner(ctx, partnerInput({ name: '四川省人民医院', type: 'medical_institution', creditCode: CODE_B }))).partner;
    const result = await updatePartner(ctx, second.id, partnerInput({ name: '四川省人民医院', creditCode: CODE_A }), 1);
    expect(result.ok ? null : result.error).toBe('invalid-partner');
    expect((await d.partners.get(second.id))?.creditCode).toBe(CODE_B);
  });

  it('lets only the owner unit edit, and refuses a stale version', async () => {
    const d = db();
    const ctx = makeContext(d);
    const first = okValue(await createPartner(ctx, partnerInput())).partner;
    const other = await updatePartner(makeContext(d, '510104'), first.id, partnerInput({ name: '改名' }), 1);
    expect(other.ok ? null : other.error).toBe('not-owner');
    expect(other.ok ? '' : other.message).toContain('本单位只能查看');
    const stale = await updatePartner(ctx, first.id, partnerInput({ name: '改名' }), 7);
    expect(stale.ok ? null : stale.error).toBe('record-changed');
    expect((await d.partners.get(first.id))?.name).toBe('成都脑机科技有限公司');
  });

  it('refuses to delete a partner in a live pilot; a deleted partner’s code points at it until restored', async () => {
    const d = db();
    const ctx = makeContext(d);
    const partner = okValue(await createPartner(ctx, partnerInput())).partner;
    const scenario = okValue(await createScenario(ctx, wuhouInput())).scenario;
    okValue(
      await createPilot(ctx, {
        title: '康复训练试点',
        scenarioId: scenario.id,
        partners: [{ partnerId: partner.id, isLead: true }],
        techDirection: 'non_invasive_bci',
        regulatory: { deviceRegistration: 'planned', ethicsApproval: 'pending' },
      }),
    );
    const refused = await deletePartner(ctx, partner.id, 1);
    expect(refused.ok ? null : refused.message).toContain('仍参与 1 个试点项目');
    expect((await d.partners.get(partner.id))?.deletedAt).toBeNull();

    const lone = okValue(await createPartner(ctx, partnerInput({ name: '四川省人民医院', creditCode: CODE_B }))).partner;
    okValue(await deletePartner(ctx, lone.id, 1));
    expect((await listPartners(d)).map((p) => p.id)).toEqual([partner.id]);
    const again = await createPartner(ctx, partnerInput({ name: '省医院', creditCode: CODE_B }));
    if (again.ok || again.error !== 'invalid-partner') throw new Error('expected invalid-partner');
    expect(again.message).toContain('已删除的伙伴单位“四川省人民医院”');
    expect(again.duplicateOf?.id).toBe(lone.id);
    okValue(await restorePartner(ctx, lone.id, 2));
    expect((await listPartners(d)).length).toBe(2);
    expect((await getHistory(d, lone.id, 'partner')).map((c) => c.op)).toEqual(['create', 'delete', 'restore']);
  });
});
