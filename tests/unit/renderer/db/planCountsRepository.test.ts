import { describe, expect, it } from 'vitest';
// First: installs fake IndexedDB before Dexie is loaded.
import { freshDbsPerTest, makeContext, T0 } from './dbTestKit';
import { PLAN_COUNTS_META_KEY, readExternalPlanCounts, saveExternalPlanCounts } from '../../../../renderer/db/planCountsRepository';

const db = freshDbsPerTest();

describe('planCountsRepository', () => {
  it('saves the province office’s counts with its unit and time, replacing the previous entry', async () => {
    const store = db();
    const province = makeContext(store, '510000', 'province');
    expect(await readExternalPlanCounts(store)).toBeNull();
    expect((await saveExternalPlanCounts(store, province.actor, { chainLeaderEnterprises: 4 }, T0)).ok).toBe(true);
    const saved = await saveExternalPlanCounts(store, province.actor, { specialisedSmes: 30, innovativeSmes: 120 }, T0 + 1);
    expect(saved.ok).toBe(true);
    expect(await readExternalPlanCounts(store)).toEqual({
      counts: { specialisedSmes: 30, innovativeSmes: 120 },
      updatedAt: T0 + 1,
      unitCode: '510000',
    });
  });

  it.each([
    ['a city', '510100', 'city'],
    ['a county', '510107', 'county'],
    ['a company', '510107', 'company'],
  ] as const)('refuses %s and writes nothing', async (_name, unit, role) => {
    const store = db();
    const result = await saveExternalPlanCounts(store, makeContext(store, unit, role).actor, { specialisedSmes: 3 }, T0);
    expect(result).toMatchObject({ ok: false, error: 'read-only-role' });
    expect(await store.meta.get(PLAN_COUNTS_META_KEY)).toBeUndefined();
  });

  it('refuses a bad count and keeps the previous entry', async () => {
    const store = db();
    const province = makeContext(store, '510000', 'province');
    await saveExternalPlanCounts(store, province.actor, { specialisedSmes: 30 }, T0);
    const result = await saveExternalPlanCounts(store, province.actor, { specialisedSmes: -2 }, T0 + 1);
    expect(result).toMatchObject({ ok: false, error: 'invalid-plan-count' });
    expect((await readExternalPlanCounts(store))?.counts).toEqual({ specialisedSmes: 30 });
  });

  it('reads a damaged entry as "not entered"', async () => {
    const store = db();
    await store.meta.put({ key: PLAN_COUNTS_META_KEY, value: { counts: { specialisedSmes: 'many' } } });
    expect(await readExternalPlanCounts(store)).toBeNull();
  });
});
