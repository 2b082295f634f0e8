import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyChanges } from '../../../../shared/domain/changeRecord';
import { getHistory, getScenario } from '../../../../renderer/db/scenarioRepository';
import { changeScenarioStatus, createScenario, deleteScenario, restoreScenario, undo, updateScenario } from '../../../../renderer/db/writePath';
import { freshDb, makeContext, wuhouInput } from './dbTestKit';

type Step =
  | { kind: 'edit'; title: string; slots: number }
  | { kind: 'status'; to: 'open' | 'matched' | 'suspended' | 'closed' | 'draft' }
  | { kind: 'delete' }
  | { kind: 'restore' }
  | { kind: 'undo'; back: number }
  | { kind: 'tick'; ms: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('edit' as const), title: fc.constantFrom('脑机康复', '工业外骨骼', 'AR 导览'), slots: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ kind: fc.constant('status' as const), to: fc.constantFrom('open' as const, 'matched' as const, 'suspended' as const, 'closed' as const, 'draft' as const) }),
  fc.constant({ kind: 'delete' as const }),
  fc.constant({ kind: 'restore' as const }),
  fc.record({ kind: fc.constant('undo' as const), back: fc.integer({ min: 0, max: 4 }) }),
  fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: -5000, max: 5000 }) }),
);

// The exchange (issue 6) rebuilds records from the log: replaying a record's change records in HLC
// order from nothing must give exactly the stored record (less the untracked version/updatedAt),
// whatever mix of writes, refusals and undos produced it.
describe('change log', () => {
  it('replayed in HLC order rebuilds the stored record; stamps strictly increase', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 14 }), async (steps) => {
        const d = freshDb();
        try {
          const ctx = makeContext(d);
          const created = await createScenario(ctx, wuhouInput());
          if (!created.ok) throw new Error(created.message);
          const id = created.value.scenario.id;
          for (const s of steps) {
            const current = await getScenario(d, id);
            const version = current?.version ?? 0;
            if (s.kind === 'edit') await updateScenario(ctx, id, { title: s.title, partnerSlots: s.slots }, version);
            else if (s.kind === 'status') await changeScenarioStatus(ctx, id, s.to, '原因', version);
            else if (s.kind === 'delete') await deleteScenario(ctx, id, version);
            else if (s.kind === 'restore') await restoreScenario(ctx, id, version);
            else if (s.kind === 'tick') ctx.clock.t = Math.max(0, ctx.clock.t + s.ms);
            else {
              const history = await getHistory(d, id);
              const target = history[history.length - 1 - s.back];
              if (target) await undo(ctx, { changeId: target.id });
            }
          }
          const history = await getHistory(d, id);
          let state: Record<string, unknown> = {};
          for (const record of history) {
            const applied = applyChanges(state, record, { isForced: true });
            if (!applied.ok) throw new Error(applied.message);
            state = applied.value;
          }
          const { version: _v, updatedAt: _u, ...stored } = (await getScenario(d, id)) ?? {};
          expect(state).toEqual(stored);
          const stamps = history.map((c) => c.hlc);
          expect(new Set(stamps).size).toBe(stamps.length);
        } finally {
          d.close();
        }
      }),
      { numRuns: 40 },
    );
  });
});
