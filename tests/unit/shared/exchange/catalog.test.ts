import { describe, expect, it } from 'vitest';
import { formatHlc } from '../../../../shared/domain/hlc';
import { asScenarioId, createScenario, validateScenario, type Scenario } from '../../../../shared/domain/scenario';
import { asRegionCode } from '../../../../shared/regions/regions';
import { CATALOG_FIELDS, catalogChanges, catalogContent, isPublishable } from '../../../../shared/exchange/catalog';
import { scenarioFromMerged } from '../../../../shared/exchange/materialize';
import { createPackage, openPackage, serializePackage } from '../../../../shared/exchange/package';
import { fakeRegions } from '../domain/regionsFixture';
import { keysOf, T0, trustOf } from './exchangeTestKit';

const regions = fakeRegions();
const PROVINCE = asRegionCode('510000');

function scenario(n: number, overrides: Partial<Scenario> = {}): Scenario {
  const checked = validateScenario(
    {
      title: `华西医院脑机接口康复病房 ${n}`,
      field: 'medical',
      techDirections: ['non_invasive_bci'],
      openingLevel: 'county',
      regionCode: '510107',
      ownerUnit: '四川大学华西医院',
      location: { lat: 30.5, lng: 103.5 },
      address: '成都市武侯区国学巷37号',
      isPlaced: true,
      description: '病房',
      requirements: '',
      resourcesOffered: '',
      partnerSlots: 2,
      openFrom: '2026-01-01',
      openUntil: '2027-12-31',
      contactName: '王医生',
      contactPhone: '028-85422114',
      contactEmail: 'bci@example.com',
      batch: '',
    },
    regions,
  );
  if (!checked.ok) throw new Error(checked.text.en);
  const id = `a0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  return { ...createScenario(checked.value, { id: asScenarioId(id), catalogNumber: `510107-2026-${String(n).padStart(4, '0')}`, ownerUnitCode: asRegionCode('510107'), now: T0 }), status: 'open', ...overrides };
}

const publisher = { unit: PROVINCE, role: 'province' as const, hlc: formatHlc({ wallMs: T0 + 5, counter: 0, node: '510000.abc' }), at: T0 + 5 };

function catalogPackageText(scenarios: readonly Scenario[]): string {
  return serializePackage(createPackage({ kind: 'catalog', source: { unit: PROVINCE, role: 'province', keyPair: keysOf(PROVINCE) }, own: catalogChanges(scenarios, publisher), now: T0 + 10 }));
}

describe('catalogChanges', () => {
  it('publishes only open, live, real scenarios, with the catalog-entry fields only', () => {
    const rows = [scenario(2), scenario(1), scenario(3, { status: 'draft' }), scenario(4, { deletedAt: T0 }), scenario(5, { isDemo: true }), scenario(6, { status: 'suspended', suspendedFrom: 'open' })];
    const changes = catalogChanges(rows, publisher);
    expect(changes.map((change) => change.entityId)).toEqual([rows[1]!.id, rows[0]!.id]);
    expect(Object.keys(changes[0]!.changes).sort()).toEqual(['id', ...CATALOG_FIELDS].sort());
    expect(changes[0]!.changes).not.toHaveProperty('ownerUnitCode');
    expect(changes[0]!.changes).not.toHaveProperty('version');
    expect(changes[0]).toMatchObject({ op: 'create', unitCode: PROVINCE, hlc: publisher.hlc });
  });

  it('is deterministic: the same catalog twice gives the same change ids', () => {
    expect(catalogChanges([scenario(1)], publisher).map((c) => c.id)).toEqual(catalogChanges([scenario(1)], publisher).map((c) => c.id));
    expect(catalogChanges([scenario(1)], { ...publisher, hlc: formatHlc({ wallMs: T0 + 6, counter: 0, node: '510000.abc' }) })[0]!.id).not.toBe(catalogChanges([scenario(1)], publisher)[0]!.id);
  });

  it.each([
    ['draft', { status: 'draft' as const }],
    ['closed', { status: 'closed' as const }],
    ['deleted', { deletedAt: 1 }],
    ['demo', { isDemo: true }],
  ])('does not publish a %s scenario', (_name, overrides) => {
    expect(isPublishable(scenario(1, overrides))).toBe(false);
  });
});

describe('catalogContent', () => {
  it('gives the published scenarios back, owned by the publisher, after verification', () => {
    const opened = openPackage(catalogPackageText([scenario(1), scenario(2)]), { trustedKeys: trustOf([PROVINCE]) });
    if (!opened.ok) throw new Error(opened.message);
    const content = catalogContent(opened.value, regions);
    if (!content.ok) throw new Error(content.message);
    expect(content.value.publisher).toBe(PROVINCE);
    expect(content.value.refused).toEqual([]);
    expect(content.value.scenarios.map((s) => [s.title, s.ownerUnitCode, s.status, s.contactPhone]).sort()).toEqual([
      ['华西医院脑机接口康复病房 1', PROVINCE, 'open', '028-85422114'],
      ['华西医院脑机接口康复病房 2', PROVINCE, 'open', '028-85422114'],
    ]);
  });

  it('refuses a changes package as a catalog', () => {
    const text = serializePackage(createPackage({ kind: 'changes', source: { unit: PROVINCE, role: 'province', keyPair: keysOf(PROVINCE) }, own: [], now: T0 }));
    const opened = openPackage(text, { trustedKeys: trustOf([PROVINCE]) });
    if (!opened.ok) throw new Error(opened.message);
    expect(catalogContent(opened.value, regions)).toMatchObject({ ok: false, error: 'not-a-catalog' });
  });

  it('lists an invalid entry and keeps the others', () => {
    const good = catalogChanges([scenario(1)], publisher);
    const bad = catalogChanges([scenario(2)], publisher).map((change) => ({ ...change, changes: { ...change.changes, regionCode: { old: null, new: '999999' } } }));
    const text = serializePackage(createPackage({ kind: 'catalog', source: { unit: PROVINCE, role: 'province', keyPair: keysOf(PROVINCE) }, own: [...good, ...bad], now: T0 }));
    const opened = openPackage(text, { trustedKeys: trustOf([PROVINCE]) });
    if (!opened.ok) throw new Error(opened.message);
    const content = catalogContent(opened.value, regions);
    if (!content.ok) throw new Error(content.message);
    expect(content.value.scenarios.map((s) => s.id)).toEqual([good[0]!.entityId]);
    expect(content.value.refused).toEqual([expect.objectContaining({ entityId: bad[0]!.entityId })]);
  });
});

describe('scenarioFromMerged', () => {
  const base = scenario(1);
  const { updatedAt: _u, version: _v, ...fields } = base;

  it('builds a valid record, one version after the stored one', () => {
    const built = scenarioFromMerged(base.id, fields as never, T0 + 50, { ...base, version: 4 }, regions);
    expect(built).toMatchObject({ ok: true, value: { id: base.id, version: 5, updatedAt: T0 + 50, isDemo: false } });
  });

  it.each([
    ['a title that is a number', { title: 12345 }],
    ['an unknown region', { regionCode: '999999' }],
    ['a status that does not exist', { status: 'bogus' }],
    ['suspendedFrom without suspension', { suspendedFrom: 'open' }],
    ['a missing title', { title: null }],
    ['a region outside the opening level', { openingLevel: 'province' }],
  ])('refuses %s', (_name, overrides) => {
    const built = scenarioFromMerged(base.id, { ...(fields as unknown as Record<string, never>), ...overrides } as never, T0, null, regions);
    expect(built.ok).toBe(false);
    if (!built.ok) expect(built.text.zh).toMatch(/场景记录/);
  });
});
