/** How the scenario form shows validation issues: per field, errors over warnings, in the UI language. */
import { localize } from '../../../shared/domain/localizedText';
import type { FieldIssues, ScenarioInputField, ScenarioIssueCode } from '../../../shared/domain/scenario';

/** What one form item shows: antd's validateStatus and the messages under the control. */
export interface FieldFeedback {
  readonly status: 'error' | 'warning' | undefined;
  readonly messages: readonly string[];
}

const NO_FEEDBACK: FieldFeedback = { status: undefined, messages: [] };

/**
 * The feedback of one field: its errors if it has any, else its warnings. `hiddenWarnings` drops
 * warnings the control already says itself (the location picker shows "not placed yet").
 */
export function fieldFeedback(
  field: ScenarioInputField,
  errors: FieldIssues,
  warnings: FieldIssues,
  language: string,
  hiddenWarnings: readonly ScenarioIssueCode[] = [],
): FieldFeedback {
  const fieldErrors = errors[field] ?? [];
  if (fieldErrors.length > 0) return { status: 'error', messages: fieldErrors.map((issue) => localize(issue, language)) };
  const fieldWarnings = (warnings[field] ?? []).filter((issue) => !hiddenWarnings.includes(issue.code));
  if (fieldWarnings.length > 0) return { status: 'warning', messages: fieldWarnings.map((issue) => localize(issue, language)) };
  return NO_FEEDBACK;
}

/** Both sets of issues, field by field, without repeating a code. */
export function mergeIssues(a: FieldIssues, b: FieldIssues): FieldIssues {
  const merged: FieldIssues = { ...a };
  for (const [field, list] of Object.entries(b) as [ScenarioInputField, NonNullable<FieldIssues[ScenarioInputField]>][]) {
    const existing = merged[field] ?? [];
    merged[field] = [...existing, ...list.filter((issue) => !existing.some((e) => e.code === issue.code))];
  }
  return merged;
}

/** The first field in form order that has an issue, to move the focus there. */
export function firstFieldWithIssue(issues: FieldIssues, formOrder: readonly ScenarioInputField[]): ScenarioInputField | undefined {
  return formOrder.find((field) => (issues[field]?.length ?? 0) > 0);
}
