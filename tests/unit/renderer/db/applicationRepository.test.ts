import { describe, expect, it } from 'vitest';
// First: installs fake IndexedDB before Dexie is loaded.
import { freshDbsPerTest, makeContext, okValue, T0, wuhouInput } from './dbTestKit';
import { createScenario, deleteScenario } from '../../../../renderer/db/writePath';
import {
  EMPTY_APPLICATION_DRAFT,
  getApplicationDraft,
  listApplicationDrafts,
  markApplicationExported,
  saveApplicationDraft,
} from '../../../../renderer/db/applicationRepository';
import { listStars, setStarred } from '../../../../renderer/db/starRepository';
import { asScenarioId } from '../../../../shared/domain/scenario';

const db = freshDbsPerTest();

async function withScenario() {
  const store = db();
  const office = makeContext(store, '510107', 'county');
  const { scenario } = okValue(await createScenario(office, wuhouInput()));
  const company = makeContext(store, '510107', 'company', { idPrefix: 9 });
  return { store, scenario, company };
}

const FILLED = {
  organisation: '成都脑科学科技有限公司',
  creditCode: '91510100MA61XXXX0X',
  contactName: '李工',
  phone: '13800138000',
  email: 'li@example.com',
  proposal: '在康复病区部署非侵入式脑机接口康复训练系统。',
};

describe('saveApplicationDraft', () => {
  it('creates one draft per scenario with its change record, then updates it with a diff', async () => {
    const { store, scenario, company } = await withScenario();
    const first = okValue(await saveApplicationDraft(company, scenario.id, { ...EMPTY_APPLICATION_DRAFT, organisation: '成都脑科学' }));
    expect(first.draft.organisation).toBe('成都脑科学');
    expect(first.draft.exportedAt).toBeNull();
    expect(first.change?.entity).toBe('application');
    expect(first.change?.op).toBe('create');
    expect(first.change?.actorRole).toBe('company');

    company.clock.t = T0 + 1000;
    const second = okValue(await saveApplicationDraft(company, scenario.id, FILLED));
    expect(second.draft.id).toBe(first.draft.id);
    expect(second.change?.op).toBe('update');
    expect(Object.keys(second.change?.changes ?? {}).sort()).toEqual(
      ['contactName', 'creditCode', 'email', 'organisation', 'phone', 'proposal'].sort(),
    );
    expect(await store.applications.count()).toBe(1);
    expect((await getApplicationDraft(store, scenario.id))?.proposal).toBe(FILLED.proposal);
    expect(await listApplicationDrafts(store)).toHaveLength(1);

    // Saving the same values again writes nothing.
    const before = await store.changes.count();
    const same = okValue(await saveApplicationDraft(company, scenario.id, FILLED));
    expect(same.change).toBeNull();
    expect(await store.changes.count()).toBe(before);
  });

  it('keeps a half-filled draft (the file is validated only when exported)', async () => {
    const { scenario, company } = await withScenario();
    const saved = okValue(await saveApplicationDraft(company, scenario.id, { creditCode: '123' }));
    expect(saved.draft.creditCode).toBe('123');
    expect(saved.draft.organisation).toBe('');
  });

  it.each<[string, string, Record<string, unknown>, string]>([
    ['an office role', 'county', FILLED, 'read-only-role'],
    ['a value that is not text', 'company', { ...FILLED, phone: 13800138000 }, 'invalid-application'],
    ['an organisation over 100 characters', 'company', { ...FILLED, organisation: '字'.repeat(101) }, 'invalid-application'],
    ['a proposal over 2000 characters', 'company', { ...FILLED, proposal: 'a'.repeat(2001) }, 'invalid-application'],
    ['a credit code over 40 characters', 'company', { ...FILLED, creditCode: '9'.repeat(41) }, 'invalid-application'],
  ])('refuses %s and writes nothing', async (_name, role, values, error) => {
    const { store, scenario } = await withScenario();
    const ctx = makeContext(store, '510107', role as 'county' | 'company', { idPrefix: 7 });
    const changesBefore = await store.changes.count();
    const result = await saveApplicationDraft(ctx, scenario.id, values);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toBe(error);
      expect(result.text.zh).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await store.applications.count()).toBe(0);
    expect(await store.changes.count()).toBe(changesBefore);
  });

  it('refuses a scenario the register does not hold, or a deleted one', async () => {
    const { store, scenario, company } = await withScenario();
    const unknown = await saveApplicationDraft(company, 'ffffffff-ffff-4fff-8fff-ffffffffffff', FILLED);
    expect(unknown.ok ? null : unknown.error).toBe('not-found');
    okValue(await deleteScenario(makeContext(store, '510107', 'county', { idPrefix: 5 }), scenario.id, scenario.version));
    const deleted = await saveApplicationDraft(company, scenario.id, FILLED);
    expect(deleted.ok ? null : deleted.error).toBe('not-found');
    expect(await store.applications.count()).toBe(0);
  });
});

describe('markApplicationExported', () => {
  it('stamps the export time with a change record; unknown drafts are refused', async () => {
    const { store, scenario, company } = await withScenario();
    const { draft } = okValue(await saveApplicationDraft(company, scenario.id, FILLED));
    company.clock.t = T0 + 5000;
    const marked = okValue(await markApplicationExported(company, draft.id));
    expect(marked.exportedAt).toBe(T0 + 5000);
    const log = (await store.changes.toArray()).filter((c) => c.entityId === draft.id);
    expect(log.map((c) => c.op).sort()).toEqual(['create', 'update']);
    const missing = await markApplicationExported(company, 'nope');
    expect(missing.ok ? null : missing.error).toBe('not-found');
  });
});

describe('stars', () => {
  it('star, list newest first, unstar; not in the change log', async () => {
    const { store, scenario } = await withScenario();
    const other = asScenarioId('eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee');
    const before = await store.changes.count();
    await setStarred(store, scenario.id, true, T0);
    await setStarred(store, other, true, T0 + 1);
    expect((await listStars(store)).map((s) => s.scenarioId)).toEqual([other, scenario.id]);
    await setStarred(store, scenario.id, true, T0 + 2); // again: still one star
    expect(await store.stars.count()).toBe(2);
    await setStarred(store, other, false, T0 + 3);
    expect((await listStars(store)).map((s) => s.scenarioId)).toEqual([scenario.id]);
    expect(await store.changes.count()).toBe(before);
  });
});
