import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { deleteSavedView, listSavedViews, saveView } from '../../../../renderer/db/savedViewRepository';
import {
  countLiveByRegion,
  countScenarios,
  getHistory,
  getScenario,
  listChangesSince,
  listDeleted,
  loadAllRows,
  loadLiveRows,
} from '../../../../renderer/db/scenarioRepository';
import { createScenario, deleteScenario, updateScenario } from '../../../../renderer/db/writePath';
import { freshDbsPerTest, okValue, idMaker, makeContext, wuhouInput } from './dbTestKit';

const db = freshDbsPerTest();

const value = okValue;

describe('scenarioRepository', () => {
  it('reads records without the database-only columns, history in HLC order, and live rows with searchText', async () => {
    const d = db();
    const ctx = makeContext(d);
    const a = value(await createScenario(ctx, wuhouInput())).scenario;
    const b = value(await createScenario(ctx, wuhouInput({ title: '第二个' }))).scenario;
    ctx.clock.t -= 10_000; // a wall clock going back must not reorder the history
    value(await updateScenario(ctx, a.id, { title: '改名' }, 1));
    value(await deleteScenario(ctx, b.id, 1));

    const read = await getScenario(d, a.id);
    expect(read).toMatchObject({ title: '改名', version: 2 });
    expect(read && 'searchText' in read).toBe(false);
    expect(await getScenario(d, 'none')).toBeUndefined();
    expect((await getHistory(d, a.id)).map((c) => c.op)).toEqual(['create', 'update']);

    const live = await loadLiveRows(d);
    expect(live.map((r) => r.id)).toEqual([a.id]);
    expect(live[0]?.searchText).toContain('改名');
    expect(await loadAllRows(d)).toHaveLength(2);
    expect((await listDeleted(d)).map((s) => s.id)).toEqual([b.id]);
    expect(await countScenarios(d)).toEqual({ live: 1, deleted: 1, demo: 0 });
    expect(Object.fromEntries(await countLiveByRegion(d))).toEqual({ '510107': 1 });
  });

  it('lists the change log after a stamp, in HLC order (the exchange reads it so)', async () => {
    const d = db();
    const ctx = makeContext(d);
    const a = value(await createScenario(ctx, wuhouInput())).scenario;
    value(await updateScenario(ctx, a.id, { title: '1' }, 1));
    value(await updateScenario(ctx, a.id, { title: '2' }, 2));
    const all = await listChangesSince(d);
    expect(all).toHaveLength(3);
    const since = await listChangesSince(d, all[0]?.hlc);
    expect(since.map((c) => c.changes['title']?.new)).toEqual(['1', '2']);
    expect(await listChangesSince(d, all[0]?.hlc, 1)).toHaveLength(1);
  });
});

describe('savedViewRepository', () => {
  it('saves, replaces by name, lists and deletes views; refuses empty or long names', async () => {
    const d = db();
    const newId = idMaker(7);
    const first = await saveView(d, { name: ' 医疗 脑机 ', query: 'field=medical&q=脑机' }, 1, newId);
    expect(first).toMatchObject({ ok: true, value: { name: '医疗 脑机', query: 'field=medical&q=脑机' } });
    const replaced = await saveView(d, { name: '医疗 脑机', query: 'field=medical' }, 2, newId);
    expect(replaced.ok && first.ok && replaced.value.id === first.value.id).toBe(true);
    expect((await listSavedViews(d)).map((v) => v.query)).toEqual(['field=medical']);
    for (const name of ['', '   ', 'x'.repeat(41)]) expect(await saveView(d, { name, query: '' }, 3, newId)).toMatchObject({ ok: false, error: 'invalid-name' });
    if (first.ok) await deleteSavedView(d, first.value.id);
    expect(await listSavedViews(d)).toEqual([]);
  });
});
