/**
 * The enterprise counts of the plan's targets that the register does not hold (链主企业,
 * 专精特新企业, 创新型中小企业), entered by hand by the province office. Kept in `meta` as one
 * entry (values, time, unit): a statistic of the province, not a record of the register, so it is
 * neither in the change log nor exchanged.
 */
import { fail } from '../../shared/domain/localizedText';
import {
  parseExternalPlanCountsEntry,
  validateExternalPlanCounts,
  type ExternalPlanCountsEntry,
} from '../../shared/partners/dashboard';
import type { AtlasDb } from './atlasDb';
import type { Actor } from './writePath';
import { storageFailure, type WriteResult } from './writeFailure';

/** The `meta` key of the entry; stored data, never rename. */
export const PLAN_COUNTS_META_KEY = 'planExternalCounts';

/** The entered counts, or null when none were entered (or what is stored is damaged). */
export async function readExternalPlanCounts(db: AtlasDb): Promise<ExternalPlanCountsEntry | null> {
  return parseExternalPlanCountsEntry((await db.meta.get(PLAN_COUNTS_META_KEY))?.value);
}

/**
 * Saves the counts the province office entered (replacing the previous entry). Refused for any other
 * role and for counts that are not whole numbers 0–100,000; nothing is written then.
 */
export async function saveExternalPlanCounts(
  db: AtlasDb,
  actor: Actor,
  input: unknown,
  now: number,
): Promise<WriteResult<ExternalPlanCountsEntry>> {
  if (actor.role !== 'province') {
    return fail('read-only-role', {
      zh: '企业认定数量由省级主管部门填报',
      en: 'Enterprise counts are entered by the province office',
    });
  }
  const counts = validateExternalPlanCounts(input);
  if (!counts.ok) return fail('invalid-plan-count', counts.text);
  const entry: ExternalPlanCountsEntry = { counts: counts.value, updatedAt: now, unitCode: actor.unitCode };
  try {
    await db.transaction('rw', db.meta, () => db.meta.put({ key: PLAN_COUNTS_META_KEY, value: entry }));
    return { ok: true, value: entry };
  } catch (error) {
    return storageFailure(error);
  }
}
