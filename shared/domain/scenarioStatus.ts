import { fail, type DomainResult, type LocalizedText } from './localizedText';
import { SCENARIO_STATUSES, type ScenarioStatus } from './vocabulary';

export { SCENARIO_STATUSES, type ScenarioStatus };

/** Statuses a scenario can be suspended from (the only ones with a move to 暂停). */
export const SUSPENDABLE_STATUSES = ['open', 'matched', 'piloting'] as const satisfies readonly ScenarioStatus[];
/** A status a suspended scenario returns to. */
export type SuspendableStatus = (typeof SUSPENDABLE_STATUSES)[number];

/**
 * DOMAIN.md "Scenario status": the allowed moves. `suspended` goes back to the status it was
 * suspended from, which is not in this table but in {@link allowedTransitions}.
 */
const TRANSITIONS: Readonly<Record<ScenarioStatus, readonly ScenarioStatus[]>> = {
  draft: ['open', 'closed'],
  open: ['matched', 'suspended', 'closed'],
  matched: ['piloting', 'open', 'suspended', 'closed'],
  piloting: ['completed', 'suspended', 'closed'],
  suspended: ['closed'],
  completed: ['open'],
  closed: [],
};

/** Statuses whose move needs a note saying why (暂停, 已关闭). */
export const NOTE_REQUIRED_STATUSES: readonly ScenarioStatus[] = ['suspended', 'closed'];

/** Longest note kept with a status change. */
export const MAX_STATUS_NOTE_LENGTH = 2000;

/** Is this string a scenario status key? */
export function isScenarioStatus(value: unknown): value is ScenarioStatus {
  return typeof value === 'string' && SCENARIO_STATUSES.some((s) => s.key === value);
}

/** Is this a status a scenario can be suspended from? */
export function isSuspendableStatus(value: unknown): value is SuspendableStatus {
  return typeof value === 'string' && (SUSPENDABLE_STATUSES as readonly string[]).includes(value);
}

/** The Chinese and English labels of a status. */
export function scenarioStatusLabel(status: ScenarioStatus): LocalizedText {
  const entry = SCENARIO_STATUSES.find((s) => s.key === status);
  if (!entry) throw new Error(`[scenarioStatus] unknown status ${String(status)}`);
  return entry;
}

/**
 * Where a scenario may move from `status`. A suspended scenario may return only to the status it
 * was suspended from (so `suspendedFrom` is needed to offer it) or be closed.
 */
export function allowedTransitions(status: ScenarioStatus, suspendedFrom?: ScenarioStatus | null): ScenarioStatus[] {
  if (status === 'suspended') {
    return isSuspendableStatus(suspendedFrom) ? [suspendedFrom, 'closed'] : ['closed'];
  }
  return [...TRANSITIONS[status]];
}

/** A requested status change, as the form sends it. */
export interface StatusChangeRequest {
  readonly from: ScenarioStatus;
  readonly to: ScenarioStatus;
  readonly note?: string | null;
  /** The scenario's current `suspendedFrom`; needed when leaving 暂停. */
  readonly suspendedFrom?: ScenarioStatus | null;
}

/** What to write on the scenario after an accepted status change. */
export interface StatusChange {
  readonly status: ScenarioStatus;
  /** Set when moving to 暂停, null otherwise (so the field is cleared when leaving 暂停). */
  readonly suspendedFrom: SuspendableStatus | null;
  /** The trimmed note, or null when none was given. */
  readonly note: string | null;
}

/** Why a status change is refused. */
export type StatusChangeError = 'unknown-status' | 'same-status' | 'final-status' | 'not-allowed' | 'note-required' | 'note-too-long';

/** Checks a status change against DOMAIN.md's moves and note rules; Chinese message, English twin. */
export function checkStatusChange(request: StatusChangeRequest): DomainResult<StatusChange, StatusChangeError> {
  const { from, to } = request;
  if (!isScenarioStatus(from) || !isScenarioStatus(to)) {
    return fail('unknown-status', { zh: '未知的场景状态', en: 'Unknown scenario status' });
  }
  const fromLabel = scenarioStatusLabel(from);
  const toLabel = scenarioStatusLabel(to);
  if (from === to) {
    return fail('same-status', {
      zh: `场景已处于“${fromLabel.zh}”状态`,
      en: `The scenario is already ${fromLabel.en.toLowerCase()}`,
    });
  }
  if (from === 'closed') {
    return fail('final-status', {
      zh: '“已关闭”是最终状态，不能再变更；如需重新开放，请新建场景',
      en: 'Closed is final and cannot change; create a new scenario to open it again',
    });
  }
  const allowed = allowedTransitions(from, request.suspendedFrom);
  if (!allowed.includes(to)) {
    if (from === 'suspended') {
      const back = isSuspendableStatus(request.suspendedFrom) ? scenarioStatusLabel(request.suspendedFrom) : null;
      return fail('not-allowed', {
        zh: back
          ? `暂停的场景只能恢复到暂停前的状态“${back.zh}”，或关闭`
          : '暂停的场景未记录暂停前的状态，只能关闭',
        en: back
          ? `A suspended scenario can only return to ${back.en.toLowerCase()} (its status before suspension) or be closed`
          : 'This suspended scenario has no recorded previous status; it can only be closed',
      });
    }
    const options = allowed.map((s) => scenarioStatusLabel(s));
    return fail('not-allowed', {
      zh: `不能从“${fromLabel.zh}”变更为“${toLabel.zh}”；可变更为：${options.map((o) => `“${o.zh}”`).join('、')}`,
      en: `Cannot change from ${fromLabel.en.toLowerCase()} to ${toLabel.en.toLowerCase()}; allowed: ${options.map((o) => o.en.toLowerCase()).join(', ')}`,
    });
  }
  const note = typeof request.note === 'string' ? request.note.trim() : '';
  if (NOTE_REQUIRED_STATUSES.includes(to) && note === '') {
    return fail('note-required', {
      zh: `变更为“${toLabel.zh}”需要填写说明（原因）`,
      en: `Changing to ${toLabel.en.toLowerCase()} needs a note saying why`,
    });
  }
  if (note.length > MAX_STATUS_NOTE_LENGTH) {
    return fail('note-too-long', {
      zh: `说明不能超过 ${MAX_STATUS_NOTE_LENGTH} 个字`,
      en: `The note cannot be longer than ${MAX_STATUS_NOTE_LENGTH} characters`,
    });
  }
  return {
    ok: true,
    value: {
      status: to,
      suspendedFrom: to === 'suspended' && isSuspendableStatus(from) ? from : null,
      note: note === '' ? null : note,
    },
  };
}
