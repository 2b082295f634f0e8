/**
 * Company-mode application drafts (合作意向, issue 4 item 5): one draft per scenario, saved as typed
 * (a half-filled form is kept; shared/partners/application.ts validates it when the file is made)
 * and marked when exported. Every write runs in the write path's transaction with its change
 * record (entity 'application'), like every other write of the register.
 */
import { diffFields, type ChangeRecord } from '../../shared/domain/changeRecord';
import type { ScenarioId } from '../../shared/domain/scenario';
import {
  APPLICATION_FIELD_LABELS,
  APPLICATION_TEXT_LIMITS,
  applicationDraftFieldSchemas,
  type ApplicationDraftField,
} from '../../shared/partners/application';
import type { ApplicationRow, AtlasDb } from './atlasDb';
import { addEntityChanges, entityCreationChanges } from './entityChange';
import { inWriteTransaction, type WriteContext, type WriteResult } from './writePath';
import { refuse } from './writeFailure';
import { getScenarioRow } from './scenarioPages';

/** The fields a person types, as typed. */
export type ApplicationDraftValues = Readonly<Record<ApplicationDraftField, string>>;

/** A saved draft and its change record (null when the save changed nothing). */
export interface ApplicationDraftWrite {
  readonly draft: ApplicationRow;
  readonly change: ChangeRecord | null;
}

/** The draft fields in form order. */
export const APPLICATION_DRAFT_FIELDS = Object.keys(applicationDraftFieldSchemas) as ApplicationDraftField[];

/** An empty form. */
export const EMPTY_APPLICATION_DRAFT: ApplicationDraftValues = Object.freeze(
  Object.fromEntries(APPLICATION_DRAFT_FIELDS.map((field) => [field, ''])) as Record<ApplicationDraftField, string>,
);

// A draft may be incomplete but not unbounded: the file limits, with room for a credit code's dashes.
const DRAFT_LIMITS: Readonly<Record<ApplicationDraftField, number>> = { ...APPLICATION_TEXT_LIMITS, creditCode: 40 };

/** The latest draft for a scenario, or undefined. */
export async function getApplicationDraft(db: AtlasDb, scenarioId: string): Promise<ApplicationRow | undefined> {
  const rows = await db.applications.where('scenarioId').equals(scenarioId).toArray();
  return rows.sort((a, b) => b.updatedAt - a.updatedAt)[0];
}

/** Every draft, most recently edited first. */
export async function listApplicationDrafts(db: AtlasDb): Promise<ApplicationRow[]> {
  return (await db.applications.toArray()).sort((a, b) => b.updatedAt - a.updatedAt);
}

function assertCompany(ctx: WriteContext): void {
  if (ctx.actor.role !== 'company') {
    refuse('read-only-role', {
      zh: '合作意向由企业/科研机构填写；主管部门请用“导入合作意向”接收',
      en: 'Applications are drafted by companies and institutes; offices receive them with "Import application"',
    });
  }
}

/** The typed values, refused when one is not text or is longer than the file allows. */
function cleanValues(values: Partial<Record<string, unknown>>): ApplicationDraftValues {
  const out = {} as Record<ApplicationDraftField, string>;
  for (const field of APPLICATION_DRAFT_FIELDS) {
    const value = Object.hasOwn(values, field) ? values[field] : '';
    if (value !== undefined && value !== null && typeof value !== 'string') {
      refuse('invalid-application', {
        zh: `${APPLICATION_FIELD_LABELS[field].zh}应为文字`,
        en: `${APPLICATION_FIELD_LABELS[field].en} must be text`,
      });
    }
    const text = typeof value === 'string' ? value : '';
    if ([...text].length > DRAFT_LIMITS[field]) {
      refuse('invalid-application', {
        zh: `${APPLICATION_FIELD_LABELS[field].zh}不能超过 ${String(DRAFT_LIMITS[field])} 个字`,
        en: `${APPLICATION_FIELD_LABELS[field].en} cannot be longer than ${String(DRAFT_LIMITS[field])} characters`,
      });
    }
    out[field] = text;
  }
  return out;
}

/**
 * Saves the company's draft for a scenario: creates it the first time, updates it after (one
 * draft per scenario). Refused for office roles and for a scenario this register does not hold.
 */
export async function saveApplicationDraft(
  ctx: WriteContext,
  scenarioId: string,
  values: Partial<Record<string, unknown>>,
): Promise<WriteResult<ApplicationDraftWrite>> {
  return inWriteTransaction(ctx, async () => {
    assertCompany(ctx);
    const scenario = await getScenarioRow(ctx.db, scenarioId);
    if (!scenario || scenario.deletedAt !== null) {
      refuse('not-found', { zh: '找不到该场景，可能已从目录中移除', en: 'The scenario was not found; it may have left the catalog' });
    }
    const clean = cleanValues(values);
    const now = ctx.now();
    const current = await getApplicationDraft(ctx.db, scenarioId);
    if (!current) {
      const draft: ApplicationRow = {
        ...clean,
        id: ctx.newId(),
        scenarioId: scenario.id as ScenarioId,
        createdAt: now,
        updatedAt: now,
        exportedAt: null,
      };
      await ctx.db.applications.add(draft);
      const [change] = await addEntityChanges(
        ctx,
        [{ entity: 'application', entityId: draft.id, op: 'create', changes: entityCreationChanges(draft) }],
        now,
      );
      return { draft, change: change ?? null };
    }
    const next: ApplicationRow = { ...current, ...clean, updatedAt: now };
    const changes = diffFields(current, next);
    if (Object.keys(changes).length === 0) return { draft: current, change: null };
    await ctx.db.applications.put(next);
    const [change] = await addEntityChanges(ctx, [{ entity: 'application', entityId: next.id, op: 'update', changes }], now);
    return { draft: next, change: change ?? null };
  });
}

/** Records that the draft was exported as a file (the person sees when they last sent it). */
export async function markApplicationExported(ctx: WriteContext, id: string): Promise<WriteResult<ApplicationRow>> {
  return inWriteTransaction(ctx, async () => {
    assertCompany(ctx);
    const current = await ctx.db.applications.get(id);
    if (!current) refuse('not-found', { zh: '找不到该合作意向草稿', en: 'The application draft was not found' });
    const now = ctx.now();
    const next: ApplicationRow = { ...current, exportedAt: now, updatedAt: now };
    await ctx.db.applications.put(next);
    await addEntityChanges(ctx, [{ entity: 'application', entityId: id, op: 'update', changes: diffFields(current, next) }], now);
    return next;
  });
}
