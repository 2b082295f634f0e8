import { useMemo } from 'react';
import { fail, localize } from '../../../shared/domain/localizedText';
import type { ScenarioStatusOffer } from '../../../shared/partners/scenarioOffer';
import type { PilotStage } from '../../../shared/domain/vocabulary';
import { useSettings } from '../../app/contexts';
import { createPartner, deletePartner, restorePartner, updatePartner, type PartnerWrite } from '../../db/partnerRepository';
import { changePilotStage, createPilot, deletePilot, restorePilot, updatePilot, type PilotPatch, type PilotStageWrite, type PilotWrite } from '../../db/pilotRepository';
import { getScenario } from '../../db/scenarioRepository';
import { changeScenarioStatus, type WriteFailure, type WriteResult } from '../../db/writePath';
import { useWriteContext } from '../../db/useWriteContext';

/** A write's outcome for the UI: the value, or the failure (field issues, duplicate …) with its message in the current language. */
export type PlanActionResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly failure: WriteFailure; readonly message: string };

/** The partner and pilot writes (issue 4), bound to this installation's unit and role. */
export interface PlanActions {
  readonly createPartner: (input: unknown) => Promise<PlanActionResult<PartnerWrite>>;
  readonly updatePartner: (id: string, input: unknown, expectedVersion: number) => Promise<PlanActionResult<PartnerWrite>>;
  readonly deletePartner: (id: string, expectedVersion: number) => Promise<PlanActionResult<PartnerWrite>>;
  readonly restorePartner: (id: string, expectedVersion: number) => Promise<PlanActionResult<PartnerWrite>>;
  readonly createPilot: (input: unknown) => Promise<PlanActionResult<PilotWrite>>;
  readonly updatePilot: (id: string, patch: PilotPatch, expectedVersion: number) => Promise<PlanActionResult<PilotWrite>>;
  readonly changeStage: (
    id: string,
    to: PilotStage,
    options: { readonly note?: string | null; readonly patch?: PilotPatch },
    expectedVersion: number,
  ) => Promise<PlanActionResult<PilotStageWrite>>;
  readonly deletePilot: (id: string, expectedVersion: number, note: string | null) => Promise<PlanActionResult<PilotWrite>>;
  readonly restorePilot: (id: string, expectedVersion: number) => Promise<PlanActionResult<PilotWrite>>;
  /**
   * Applies a scenario status offer the person confirmed, with a note naming the pilot. Refused
   * (with the reason) if the scenario has moved on since the offer was made.
   */
  readonly acceptOffer: (offer: ScenarioStatusOffer, note: string) => Promise<PlanActionResult<null>>;
}

/** Binds the write path to the current settings, database and regions; null until first run is done. */
export function usePlanActions(): PlanActions | null {
  const ctx = useWriteContext();
  const { language } = useSettings().settings;
  return useMemo(() => {
    if (!ctx) return null;
    function outcome<T>(result: WriteResult<T>): PlanActionResult<T> {
      if (result.ok) return result;
      return { ok: false, failure: result, message: localize(result.text, language) };
    }
    return {
      createPartner: async (input) => outcome(await createPartner(ctx, input)),
      updatePartner: async (id, input, version) => outcome(await updatePartner(ctx, id, input, version)),
      deletePartner: async (id, version) => outcome(await deletePartner(ctx, id, version)),
      restorePartner: async (id, version) => outcome(await restorePartner(ctx, id, version)),
      createPilot: async (input) => outcome(await createPilot(ctx, input)),
      updatePilot: async (id, patch, version) => outcome(await updatePilot(ctx, id, patch, version)),
      changeStage: async (id, to, options, version) => outcome(await changePilotStage(ctx, id, to, options, version)),
      deletePilot: async (id, version, note) => outcome(await deletePilot(ctx, id, version, note)),
      restorePilot: async (id, version) => outcome(await restorePilot(ctx, id, version)),
      acceptOffer: async (offer, note) => {
        const scenario = await getScenario(ctx.db, offer.scenarioId);
        // The offer was computed from the scenario as it was then: if it has moved on, say so
        // rather than apply a change the person did not see.
        if (!scenario || scenario.status !== offer.from) {
          const stale = fail('record-changed', {
            zh: '场景状态已被修改，本次未变更；请打开场景查看最新状态',
            en: 'The scenario status has changed since; nothing was changed. Open the scenario to see its current status',
          });
          return { ok: false, failure: stale, message: localize(stale.text, language) };
        }
        const result = outcome(await changeScenarioStatus(ctx, offer.scenarioId, offer.to, note, scenario.version));
        return result.ok ? { ok: true, value: null } : result;
      },
    };
  }, [ctx, language]);
}
