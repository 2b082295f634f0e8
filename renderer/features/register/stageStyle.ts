import type { PilotStage } from '../../../shared/domain/vocabulary';

/** A fill and the text colour that reads on it. */
export interface StageSwatch {
  readonly fill: string;
  readonly ink: string;
}

/**
 * Marker fills of the map's "by pilot stage" mode: blues while applying, purple once signed,
 * orange to gold while running, greens when done, greys for the dead ends — so the eye finds
 * the working pilots first. Text colours keep a 4.5:1 contrast on their fill.
 */
export const STAGE_SWATCHES: Readonly<Record<PilotStage, StageSwatch>> = {
  not_selected: { fill: '#bfbfbf', ink: '#1f1f1f' },
  terminated: { fill: '#595959', ink: '#ffffff' },
  applied: { fill: '#bae0ff', ink: '#002c8c' },
  under_review: { fill: '#69b1ff', ink: '#001d66' },
  selected: { fill: '#1677ff', ink: '#ffffff' },
  signed: { fill: '#722ed1', ink: '#ffffff' },
  in_progress: { fill: '#d46b08', ink: '#ffffff' },
  under_acceptance: { fill: '#fadb14', ink: '#3d3100' },
  completed: { fill: '#389e0d', ink: '#ffffff' },
  scaled_up: { fill: '#135200', ink: '#ffffff' },
};

/** A scenario without pilots in the "by pilot stage" mode. */
export const NO_PILOT_SWATCH: StageSwatch = { fill: '#ffffff', ink: '#595959' };

/** The swatch of a scenario's most advanced stage, or of "no pilot yet". */
export function stageSwatch(stage: PilotStage | null | undefined): StageSwatch {
  return stage ? STAGE_SWATCHES[stage] : NO_PILOT_SWATCH;
}
