import { fail, type DomainResult, type LocalizedText } from './localizedText';
import { PILOT_STAGES, type PilotStage } from './vocabulary';

export { PILOT_STAGES, type PilotStage };

/** DOMAIN.md "Pilot project" stages: the allowed moves. 推广应用, 未入选 and 已终止 are final. */
const TRANSITIONS: Readonly<Record<PilotStage, readonly PilotStage[]>> = {
  applied: ['under_review', 'terminated'],
  under_review: ['selected', 'not_selected'],
  selected: ['signed', 'terminated'],
  signed: ['in_progress', 'terminated'],
  in_progress: ['under_acceptance', 'terminated'],
  under_acceptance: ['completed', 'in_progress'],
  completed: ['scaled_up'],
  scaled_up: [],
  not_selected: [],
  terminated: [],
};

/** Stages whose move needs a note (已终止, 未入选). */
export const NOTE_REQUIRED_STAGES: readonly PilotStage[] = ['terminated', 'not_selected'];

/** Stages with no way out. */
export const FINAL_STAGES: readonly PilotStage[] = ['scaled_up', 'not_selected', 'terminated'];

/** Longest note kept with a stage change. */
export const MAX_STAGE_NOTE_LENGTH = 2000;

/** Is this string a pilot stage key? */
export function isPilotStage(value: unknown): value is PilotStage {
  return typeof value === 'string' && PILOT_STAGES.some((s) => s.key === value);
}

/** The Chinese and English labels of a stage. */
export function pilotStageLabel(stage: PilotStage): LocalizedText {
  const entry = PILOT_STAGES.find((s) => s.key === stage);
  if (!entry) throw new Error(`[pilotStage] unknown stage ${String(stage)}`);
  return entry;
}

/** Where a pilot may move from `stage`. */
export function allowedStageTransitions(stage: PilotStage): PilotStage[] {
  return [...TRANSITIONS[stage]];
}

/** A requested stage change. */
export interface StageChangeRequest {
  readonly from: PilotStage;
  readonly to: PilotStage;
  readonly note?: string | null;
}

/** What to write on the pilot after an accepted stage change. */
export interface StageChange {
  readonly stage: PilotStage;
  /** The trimmed note, or null when none was given. */
  readonly note: string | null;
}

/** Why a stage change is refused. */
export type StageChangeError = 'unknown-stage' | 'same-stage' | 'final-stage' | 'not-allowed' | 'note-required' | 'note-too-long';

/** Checks a stage change against DOMAIN.md's moves and note rules; Chinese message, English twin. */
export function checkStageChange(request: StageChangeRequest): DomainResult<StageChange, StageChangeError> {
  const { from, to } = request;
  if (!isPilotStage(from) || !isPilotStage(to)) {
    return fail('unknown-stage', { zh: '未知的试点阶段', en: 'Unknown pilot stage' });
  }
  const fromLabel = pilotStageLabel(from);
  const toLabel = pilotStageLabel(to);
  if (from === to) {
    return fail('same-stage', { zh: `试点已处于“${fromLabel.zh}”阶段`, en: `The pilot is already at ${fromLabel.en.toLowerCase()}` });
  }
  if (FINAL_STAGES.includes(from)) {
    return fail('final-stage', {
      zh: `“${fromLabel.zh}”是最终阶段，不能再变更`,
      en: `${fromLabel.en} is a final stage and cannot change`,
    });
  }
  const allowed = TRANSITIONS[from];
  if (!allowed.includes(to)) {
    const options = allowed.map((s) => pilotStageLabel(s));
    return fail('not-allowed', {
      zh: `不能从“${fromLabel.zh}”变更为“${toLabel.zh}”；可变更为：${options.map((o) => `“${o.zh}”`).join('、')}`,
      en: `Cannot move from ${fromLabel.en.toLowerCase()} to ${toLabel.en.toLowerCase()}; allowed: ${options.map((o) => o.en.toLowerCase()).join(', ')}`,
    });
  }
  const note = typeof request.note === 'string' ? request.note.trim() : '';
  if (NOTE_REQUIRED_STAGES.includes(to) && note === '') {
    return fail('note-required', {
      zh: `变更为“${toLabel.zh}”需要填写说明（原因）`,
      en: `Moving to ${toLabel.en.toLowerCase()} needs a note saying why`,
    });
  }
  if (note.length > MAX_STAGE_NOTE_LENGTH) {
    return fail('note-too-long', {
      zh: `说明不能超过 ${MAX_STAGE_NOTE_LENGTH} 个字`,
      en: `The note cannot be longer than ${MAX_STAGE_NOTE_LENGTH} characters`,
    });
  }
  return { ok: true, value: { stage: to, note: note === '' ? null : note } };
}
