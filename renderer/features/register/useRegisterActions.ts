import { useMemo } from 'react';
import type { ScenarioInput } from '../../../shared/domain/scenario';
import type { ScenarioStatus } from '../../../shared/domain/scenarioStatus';
import { localize } from '../../../shared/domain/localizedText';
import { loadDemoData, removeDemoData } from '../../db/demoRepository';
import {
  changeScenarioStatus,
  createScenario,
  deleteScenario,
  undo,
  updateScenario,
  type WriteFailure,
  type WriteResult,
} from '../../db/writePath';
import { useSettings } from '../../app/contexts';
import { useWriteContext } from '../../db/useWriteContext';

/** A write's outcome for the UI: the value, or the failure with its message in the current language. */
export type ActionResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: WriteFailure; readonly message: string };

/** The register's writes, bound to this installation's unit and role; null until first run is done. */
export interface RegisterActions {
  readonly create: (input: ScenarioInput) => Promise<ActionResult<{ id: string; title: string }>>;
  readonly update: (id: string, input: ScenarioInput, expectedVersion: number) => Promise<ActionResult<{ id: string; title: string }>>;
  readonly changeStatus: (id: string, to: ScenarioStatus, note: string, expectedVersion: number) => Promise<ActionResult<null>>;
  /** Soft delete; the value is the change id to pass to {@link RegisterActions.undoChange}. */
  readonly remove: (id: string, expectedVersion: number) => Promise<ActionResult<string>>;
  readonly undoChange: (changeId: string) => Promise<ActionResult<null>>;
  readonly loadDemo: (count: number) => Promise<ActionResult<number>>;
  readonly removeDemo: () => Promise<ActionResult<number>>;
}

/** Binds the write path (renderer/db/writePath.ts) to the current settings, database and regions. */
export function useRegisterActions(): RegisterActions | null {
  const ctx = useWriteContext();
  const { language } = useSettings().settings;

  return useMemo(() => {
    if (!ctx) return null;
    function outcome<T, U>(result: WriteResult<T>, pick: (value: T) => U): ActionResult<U> {
      if (result.ok) return { ok: true, value: pick(result.value) };
      return { ok: false, failure: result, message: localize(result.text, language) };
    }
    return {
      create: async (input) => outcome(await createScenario(ctx, input), (w) => ({ id: w.scenario.id, title: w.scenario.title })),
      update: async (id, input, expectedVersion) =>
        outcome(await updateScenario(ctx, id, input, expectedVersion), (w) => ({ id: w.scenario.id, title: w.scenario.title })),
      changeStatus: async (id, to, note, expectedVersion) => outcome(await changeScenarioStatus(ctx, id, to, note, expectedVersion), () => null),
      remove: async (id, expectedVersion) => outcome(await deleteScenario(ctx, id, expectedVersion), (w) => w.change?.id ?? ''),
      undoChange: async (changeId) => outcome(await undo(ctx, { changeId }), () => null),
      loadDemo: async (count) => outcome(await loadDemoData(ctx, { count }), (w) => w.count),
      removeDemo: async () => outcome(await removeDemoData(ctx), (w) => w.count),
    };
  }, [ctx, language]);
}
