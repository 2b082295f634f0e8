import { describe, expect, it } from 'vitest';
import { asRegionCode } from '../../../../shared/regions/regions';
import type { CreditCode } from '../../../../shared/partners/creditCode';
import {
  asPartnerId,
  createPartner,
  creditCodeIndex,
  updatePartner,
  validatePartner,
  type ExistingPartnerRef,
} from '../../../../shared/partners/partner';
import { fakeRegions } from '../domain/regionsFixture';

const regions = fakeRegions();
const HUAWEI_ID = asPartnerId('11111111-1111-4111-8111-111111111111');
const OTHER_ID = asPartnerId('22222222-2222-4222-8222-222222222222');
const NONE = new Map<string, ExistingPartnerRef>();

function form(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: '成都脑机科技有限公司',
    type: 'enterprise',
    creditCode: '915101000612345649',
    regionCode: '510107',
    contactName: '李工',
    contactPhone: '13812345678',
    contactEmail: 'li@example.com',
    ...overrides,
  };
}

describe('validatePartner', () => {
  it('accepts a complete form and normalises the credit code', () => {
    const result = validatePartner(
      form({ creditCode: ' ９１５１０１０００６１２３４５６４９ ' }),
      regions,
      NONE,
    );
    expect(result).toMatchObject({
      ok: true,
      value: { creditCode: '915101000612345649', regionCode: '510107' },
    });
  });

  it('accepts an organisation outside Sichuan (no region) and empty optional contact fields', () => {
    const result = validatePartner(
      form({ regionCode: '', contactName: '', contactPhone: null, contactEmail: undefined }),
      regions,
      NONE,
    );
    expect(result).toMatchObject({
      ok: true,
      value: { regionCode: null, contactPhone: '', contactEmail: '' },
    });
  });

  it.each([
    ['name', '', 'required'],
    ['name', '名'.repeat(101), 'too_long'],
    ['type', 'startup', 'invalid_choice'],
    ['type', undefined, 'required'],
    ['creditCode', '', 'required'],
    ['creditCode', '915101000612345648', 'invalid_credit_code'],
    ['creditCode', 9151010006, 'invalid_credit_code'],
    ['regionCode', '440300', 'unknown_region'],
    ['regionCode', 'abc', 'unknown_region'],
    ['contactPhone', '12345', 'invalid_phone'],
    ['contactEmail', 'not-an-email', 'invalid_email'],
  ])('%s = %j → %s', (field, value, code) => {
    const result = validatePartner(form({ [field]: value }), regions, NONE);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[field as keyof typeof result.errors]?.[0]?.code).toBe(code);
  });

  it('says which credit code rule failed', () => {
    const result = validatePartner(form({ creditCode: '915101000612345648' }), regions, NONE);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.creditCode?.[0]?.zh).toMatch(/第 18 位（校验码）应为“9”/);
      expect(result.errors.creditCode?.[0]?.en).toMatch(/Character 18/);
    }
  });

  it('refuses a second organisation with the same code and names the first', () => {
    const existing = creditCodeIndex([
      {
        id: HUAWEI_ID,
        name: '成都脑机科技有限公司',
        creditCode: '915101000612345649' as CreditCode,
        deletedAt: null,
      },
    ]);
    const result = validatePartner(
      form({ name: '成都脑机科技', creditCode: '915101000612345649' }),
      regions,
      existing,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.duplicateOf).toEqual({ id: HUAWEI_ID, name: '成都脑机科技有限公司' });
      expect(result.errors.creditCode?.[0]).toMatchObject({ code: 'duplicate_credit_code' });
      expect(result.errors.creditCode?.[0]?.zh).toContain('成都脑机科技有限公司');
    }
    // Editing the first partner keeps its own code.
    expect(validatePartner(form(), regions, existing, HUAWEI_ID).ok).toBe(true);
    expect(validatePartner(form(), regions, existing, OTHER_ID).ok).toBe(false);
  });

  it('matches duplicates after normalisation, and ignores deleted partners', () => {
    const index = creditCodeIndex([
      { id: HUAWEI_ID, name: 'A', creditCode: '915101000612345649' as CreditCode, deletedAt: 5 },
      { id: OTHER_ID, name: 'B', creditCode: '915101000612345649' as CreditCode, deletedAt: null },
    ]);
    expect(index.get('915101000612345649')).toEqual({ id: OTHER_ID, name: 'B' });
    const result = validatePartner(form({ creditCode: '91 5101 0006 1234 5649' }), regions, index);
    expect(result).toMatchObject({ ok: false, duplicateOf: { id: OTHER_ID } });
  });

  it('refuses input that is not an object', () => {
    expect(validatePartner(null, regions, NONE)).toMatchObject({ ok: false, error: 'invalid-partner' });
  });
});

describe('createPartner / updatePartner', () => {
  it('builds version 1 and bumps the version on edit', () => {
    const result = validatePartner(form(), regions, NONE);
    if (!result.ok) throw new Error(result.message);
    const partner = createPartner(result.value, {
      id: HUAWEI_ID,
      ownerUnitCode: asRegionCode('510107'),
      now: 1000,
    });
    expect(partner).toMatchObject({ id: HUAWEI_ID, version: 1, deletedAt: null, createdAt: 1000 });
    const edited = updatePartner(partner, { ...result.value, name: '新名称' }, 2000);
    expect(edited).toMatchObject({
      name: '新名称',
      version: 2,
      updatedAt: 2000,
      createdAt: 1000,
      id: HUAWEI_ID,
    });
  });
});
