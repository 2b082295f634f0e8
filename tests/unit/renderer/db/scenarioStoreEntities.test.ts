// First: installs fake IndexedDB before Dexie is loaded.
import { freshDbsPerTest, makeContext, okValue, wuhouInput } from './dbTestKit';
import { describe, expect, it } from 'vitest';
import type { ScenarioRow } from '../../../../renderer/db/atlasDb';
import { saveApplicationDraft } from '../../../../renderer/db/applicationRepository';
import { watchLiveRows } from '../../../../renderer/db/scenarioStore';
import { createScenario } from '../../../../renderer/db/writePath';

const db = freshDbsPerTest();

async function until(check: () => boolean): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > 5000) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('watchLiveRows and other entities', () => {
  it('does not republish the scenarios for a write to another entity (an application draft)', async () => {
    const store = db();
    const office = makeContext(store, '510107', 'county');
    office.clock.t += 1000;
    const { scenario } = okValue(await createScenario(office, wuhouInput()));
    const received: (readonly ScenarioRow[])[] = [];
    const stop = watchLiveRows(store, (rows) => received.push(rows), (error) => {
      throw error;
    });
    try {
      await until(() => received.length === 1);
      const company = makeContext(store, '510107', 'company', { idPrefix: 9, clock: { t: office.clock.t + 2000 } });
      okValue(await saveApplicationDraft(company, scenario.id, { organisation: '成都脑科学' }));
      // Give the live query time to see the change record: nothing may be published for it.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(received).toHaveLength(1);
      office.clock.t += 5000;
      okValue(await createScenario(office, wuhouInput({ title: '第二个场景' })));
      await until(() => received.length === 2);
      expect(received[1]).toHaveLength(2);
    } finally {
      stop();
    }
  });
});
