/**
 * From merged field values to a register record (issue 6 item 3). The merge (merge.ts) works on
 * plain JSON fields; before a record is written to the register it must be a valid scenario, pilot
 * or partner, because a signature proves who wrote a change, not that the value is sane: a buggy or
 * hostile owner's package may still carry a title of 12 345 or a region that does not exist. A
 * record that fails here is not written (its changes are refused and listed) and nothing else is
 * affected.
 *
 * Only rules inside one record are checked. Rules across records (a pilot's scenario and partners
 * exist) are not: under loss and reordering the referenced record may arrive later, and the owner's
 * register checked them when the change was made. Uniqueness across records (catalog number,
 * project number, credit code) is the repository's job, against its indexes.
 *
 * Application drafts (合作意向) are not register records: they are a company's working copies and
 * travel as application files (shared/partners/application.ts), which the scenario's owner imports
 * as a pilot. Company installations never send change packages, so an 'application' change only
 * ever reaches the merge state (where it still relays), never a table.
 */
import { z } from 'zod';
import type { ChangeEntity, JsonValue } from '../domain/changeRecord';
import { fail, type DomainFailure, type DomainResult, type LocalizedText } from '../domain/localizedText';
import { scenarioRecordSchema, validateScenario, type Scenario } from '../domain/scenario';
import { isUuid } from '../domain/uuid';
import { validatePartner, type Partner, type PartnerId } from '../partners/partner';
import { pilotRecordSchema, type Pilot } from '../partners/pilot';
import type { RegionCode, RegionIndex } from '../regions/regions';

/** Why a merged record cannot become a register record. */
export type MaterializeError = 'invalid-record';

/** The entities the register keeps as rows of their own table (see the file header for applications). */
export const MATERIALIZED_ENTITIES = ['scenario', 'pilot', 'partner'] as const satisfies readonly ChangeEntity[];
/** An entity the register keeps as rows. */
export type MaterializedEntity = (typeof MATERIALIZED_ENTITIES)[number];

/** Is this entity written to a register table when merged? */
export function isMaterializedEntity(entity: ChangeEntity): entity is MaterializedEntity {
  return (MATERIALIZED_ENTITIES as readonly string[]).includes(entity);
}

/** A register record built from merged fields, tagged with its entity. */
export type MaterializedRecord =
  | { readonly entity: 'scenario'; readonly record: Scenario }
  | { readonly entity: 'pilot'; readonly record: Pilot }
  | { readonly entity: 'partner'; readonly record: Partner };

/** What carries over from the stored version of a record. */
export interface PreviousVersion {
  readonly createdAt: number;
  readonly version: number;
}

const KIND_TEXT: Readonly<Record<MaterializedEntity, LocalizedText>> = {
  scenario: { zh: '场景', en: 'scenario' },
  pilot: { zh: '试点项目', en: 'pilot' },
  partner: { zh: '伙伴单位', en: 'partner' },
};

/**
 * The metadata every materialised record gets. `previous` is the stored version (its `version` + 1
 * and `createdAt` carry over; the form's optimistic check then refuses a save opened before the
 * import). `updatedAt` is the newest change's time (`at` of the change), never the import time, so
 * the same data imported twice or in another order gives the same record.
 */
function withMetadata(entityId: string, fields: Readonly<Record<string, JsonValue>>, updatedAt: number, previous: PreviousVersion | null): Record<string, unknown> {
  return {
    ...fields,
    id: entityId,
    createdAt: typeof fields['createdAt'] === 'number' ? fields['createdAt'] : (previous?.createdAt ?? updatedAt),
    updatedAt,
    version: (previous?.version ?? 0) + 1,
  };
}

function incomplete(entity: MaterializedEntity, error: z.ZodError): DomainFailure<MaterializeError> {
  const issue = error.issues[0];
  const where = issue ? issue.path.map(String).join('.') : '';
  const kind = KIND_TEXT[entity];
  return fail('invalid-record', { zh: `${kind.zh}记录不完整或字段无效（${where}）`, en: `The ${kind.en} record is incomplete or has an invalid field (${where})` }, [where]);
}

function invalid(entity: MaterializedEntity, fields: readonly string[]): DomainFailure<MaterializeError> {
  const kind = KIND_TEXT[entity];
  return fail('invalid-record', { zh: `${kind.zh}记录未通过校验（${fields.join('、')}）`, en: `The ${kind.en} record does not pass validation (${fields.join(', ')})` }, [...fields]);
}

/** The scenario a merged record describes (see {@link withMetadata} for `updatedAt` and `previous`). */
export function scenarioFromMerged(
  entityId: string,
  fields: Readonly<Record<string, JsonValue>>,
  updatedAt: number,
  previous: PreviousVersion | null,
  regions: RegionIndex,
): DomainResult<Scenario, MaterializeError> {
  const parsed = scenarioRecordSchema.safeParse({ ...withMetadata(entityId, fields, updatedAt, previous), isDemo: false });
  if (!parsed.success) return incomplete('scenario', parsed.error);
  const checked = validateScenario(parsed.data, regions);
  if (!checked.ok) return invalid('scenario', Object.keys(checked.errors));
  return { ok: true, value: parsed.data as Scenario };
}

/** The pilot a merged record describes: the stored record's schema (stage, number, every form field). */
export function pilotFromMerged(entityId: string, fields: Readonly<Record<string, JsonValue>>, updatedAt: number, previous: PreviousVersion | null): DomainResult<Pilot, MaterializeError> {
  const parsed = pilotRecordSchema.safeParse(withMetadata(entityId, fields, updatedAt, previous));
  if (!parsed.success) return incomplete('pilot', parsed.error);
  return { ok: true, value: parsed.data as Pilot };
}

const epochMs = z.number().int().min(0);
// The partner's metadata; its form fields go through validatePartner (credit code, region, phone …).
const partnerMetadataSchema = z.object({
  id: z.string().refine(isUuid),
  ownerUnitCode: z.string().regex(/^\d{6}$/),
  createdAt: epochMs,
  updatedAt: epochMs,
  version: z.number().int().min(1),
  deletedAt: epochMs.nullable(),
});

/**
 * The partner a merged record describes: its form fields pass the same rules as the form
 * (GB 32100 credit code, Sichuan region, phone, email), its metadata the stored shape. Whether the
 * credit code is already held by another partner is checked against the register, not here.
 */
export function partnerFromMerged(
  entityId: string,
  fields: Readonly<Record<string, JsonValue>>,
  updatedAt: number,
  previous: PreviousVersion | null,
  regions: RegionIndex,
): DomainResult<Partner, MaterializeError> {
  const candidate = withMetadata(entityId, fields, updatedAt, previous);
  const metadata = partnerMetadataSchema.safeParse(candidate);
  if (!metadata.success) return incomplete('partner', metadata.error);
  const checked = validatePartner(candidate, regions, new Map());
  if (!checked.ok) return invalid('partner', Object.keys(checked.errors));
  const { id, ownerUnitCode, ...rest } = metadata.data;
  return { ok: true, value: { ...checked.value, ...rest, id: id as PartnerId, ownerUnitCode: ownerUnitCode as RegionCode } };
}

/** The register record of a merged entry of a materialised entity. */
export function recordFromMerged(
  entity: MaterializedEntity,
  entityId: string,
  fields: Readonly<Record<string, JsonValue>>,
  updatedAt: number,
  previous: PreviousVersion | null,
  regions: RegionIndex,
): DomainResult<MaterializedRecord, MaterializeError> {
  switch (entity) {
    case 'scenario': {
      const built = scenarioFromMerged(entityId, fields, updatedAt, previous, regions);
      return built.ok ? { ok: true, value: { entity, record: built.value } } : built;
    }
    case 'pilot': {
      const built = pilotFromMerged(entityId, fields, updatedAt, previous);
      return built.ok ? { ok: true, value: { entity, record: built.value } } : built;
    }
    case 'partner': {
      const built = partnerFromMerged(entityId, fields, updatedAt, previous, regions);
      return built.ok ? { ok: true, value: { entity, record: built.value } } : built;
    }
  }
}
