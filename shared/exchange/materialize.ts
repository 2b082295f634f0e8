/**
 * From merged field values to a register record (issue 6 item 3). The merge (merge.ts) works on
 * plain JSON fields; before a record is written to the register it must be a valid scenario,
 * because a signature proves who wrote a change, not that the value is sane: a buggy or hostile
 * owner's package may still carry a title of 12 345 or a region that does not exist. A record that
 * fails here is not written (its changes are refused and listed) and nothing else is affected.
 */
import type { JsonValue } from '../domain/changeRecord';
import { fail, type DomainResult } from '../domain/localizedText';
import { scenarioRecordSchema, validateScenario, type Scenario } from '../domain/scenario';
import type { RegionIndex } from '../regions/regions';

/** Why a merged record cannot become a register record. */
export type MaterializeError = 'invalid-record';

/**
 * The scenario a merged record describes. `previous` is the stored version (its `version` + 1 and
 * `createdAt` carry over; the form's optimistic check then refuses a save opened before the import).
 * `updatedAt` is the newest change's time (`at` of the change), never the import time, so the same
 * data imported twice or in another order gives the same record.
 */
export function scenarioFromMerged(
  entityId: string,
  fields: Readonly<Record<string, JsonValue>>,
  updatedAt: number,
  previous: Scenario | null,
  regions: RegionIndex,
): DomainResult<Scenario, MaterializeError> {
  const candidate = {
    ...fields,
    id: entityId,
    createdAt: typeof fields['createdAt'] === 'number' ? fields['createdAt'] : (previous?.createdAt ?? updatedAt),
    updatedAt,
    version: (previous?.version ?? 0) + 1,
    isDemo: false,
  };
  const parsed = scenarioRecordSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? issue.path.map(String).join('.') : '';
    return fail('invalid-record', { zh: `场景记录不完整或字段无效（${where}）`, en: `The scenario record is incomplete or has an invalid field (${where})` }, [where]);
  }
  const checked = validateScenario(parsed.data, regions);
  if (!checked.ok) {
    const fieldsWithErrors = Object.keys(checked.errors);
    return fail('invalid-record', { zh: `场景记录未通过校验（${fieldsWithErrors.join('、')}）`, en: `The scenario record does not pass validation (${fieldsWithErrors.join(', ')})` }, fieldsWithErrors);
  }
  return { ok: true, value: parsed.data as Scenario };
}
