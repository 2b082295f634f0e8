import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { countDemoData, loadDemoData, removeDemoData } from '../../../../renderer/db/demoRepository';
import { getHistory } from '../../../../renderer/db/scenarioRepository';
import { createScenario, DEMO_ENTITY_ID, undo, updateScenario } from '../../../../renderer/db/writePath';
import { scenarioRowsWhere } from '../../../../renderer/db/scenarioPages';
import { inRowOrder } from '../../../../renderer/db/schema/v9';
import { freshDbsPerTest, okValue, makeContext, wuhouInput, YEAR } from './dbTestKit';

const db = freshDbsPerTest();

const value = okValue;

describe('demo data', () => {
  it('loads in one step with one marker record and numbers that do not collide with real records', async () => {
    const d = db();
    const ctx = makeContext(d);
    const real = value(await createScenario(ctx, wuhouInput())).scenario;
    const loaded = value(await loadDemoData(ctx, { count: 300, seed: 1 }));
    expect(loaded.count).toBe(300);
    expect(loaded.change).toMatchObject({ entityId: DEMO_ENTITY_ID, op: 'import', changes: { count: { old: 0, new: 300 } }, note: '加载演示数据 300 条' });
    expect(loaded.change.batchId).toMatch(/^demo:/);
    expect(await countDemoData(d)).toBe(300);
    expect(await d.changes.count()).toBe(2);
    const numbers = (await scenarioRowsWhere(d)).map((r) => r.catalogNumber);
    expect(new Set(numbers).size).toBe(301);
    expect(numbers.filter((n) => n === real.catalogNumber)).toHaveLength(1);
    expect(numbers.every((n) => n.includes(`-${YEAR}-`))).toBe(true);
    // Owned by the unit that opened each: this county's are editable, others are not.
    const rows = await scenarioRowsWhere(d, (r) => r.demoFlag === 1);
    expect(rows).toHaveLength(300);
    expect(rows.every((r) => r.isDemo && r.ownerUnitCode === r.regionCode)).toBe(true);
  });

  it('removes every demo row and its changes in one step, logs the removal once, and leaves real data alone', async () => {
    const d = db();
    const ctx = makeContext(d);
    const real = value(await createScenario(ctx, wuhouInput())).scenario;
    value(await updateScenario(ctx, real.id, { title: '真实记录' }, 1));
    value(await loadDemoData(ctx, { count: 120, seed: 2, isOwnedByMe: true }));
    // The first demo row in id order, as the demoFlag index returned it.
    const demo = inRowOrder(await scenarioRowsWhere(d, (r) => r.demoFlag === 1))[0];
    value(await updateScenario(ctx, demo?.id ?? '', { title: '改过的演示记录' }, demo?.version ?? 0));
    const removed = value(await removeDemoData(ctx));
    expect(removed.count).toBe(120);
    expect(removed.change).toMatchObject({ entityId: DEMO_ENTITY_ID, op: 'delete', changes: { count: { old: 120, new: 0 } } });
    expect((await scenarioRowsWhere(d)).length).toBe(1);
    expect(await getHistory(d, demo?.id ?? '')).toEqual([]);
    expect((await getHistory(d, real.id)).map((c) => c.op)).toEqual(['create', 'update']);
    expect((await getHistory(d, DEMO_ENTITY_ID)).map((c) => c.op)).toEqual(['import', 'delete']);
    expect(await removeDemoData(ctx)).toMatchObject({ ok: false, error: 'nothing-to-undo' });
  });

  it('the markers cannot be undone through undo()', async () => {
    const d = db();
    const ctx = makeContext(d);
    const loaded = value(await loadDemoData(ctx, { count: 5, seed: 3 }));
    expect(await undo(ctx, { changeId: loaded.change.id })).toMatchObject({ ok: false, error: 'not-undoable' });
    expect(await countDemoData(d)).toBe(5);
  });
});
