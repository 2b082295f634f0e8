/**
 * Catalog publishing (目录发布, issue 6 item 5): the province (or a city) publishes the open
 * scenarios of its register to companies as a package of kind 'catalog'; a company installation
 * imports it and its register shows them.
 *
 * - Only 已开放 scenarios that are live and not demo data are published, and only the fields of
 *   the catalog entry (DOMAIN.md "Application scenario — the catalog entry"); the register's own
 *   metadata (owner unit code, versions, timestamps, deletion, suspension) stays home.
 * - Each entry is a creation change signed by the publisher, which vouches for it: in a company's
 *   register the publisher is the entry's owner unit (companies never edit the catalog anyway).
 * - A catalog is a snapshot, not a stream of edits: importing one replaces what the same publisher
 *   published before (entries no longer in it are withdrawn); an older catalog than the one held
 *   is refused. Change ids derive from publisher, scenario and clock, so the same catalog
 *   built twice is byte-for-byte the same records.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import type { ChangeRecord, ChangeRecordId, FieldChange, JsonValue } from '../domain/changeRecord';
import { fail, type DomainResult, type LocalizedText } from '../domain/localizedText';
import type { Scenario } from '../domain/scenario';
import { uuidV4From } from '../domain/uuid';
import type { RegionCode, RegionIndex } from '../regions/regions';
import type { Role } from '../settings/settings';
import { utf8ToBytes } from './encoding';
import { scenarioFromMerged } from './materialize';
import type { OpenedPackage } from './package';

/** The fields of a catalog entry that a catalog package carries (everything else stays home). */
export const CATALOG_FIELDS = [
  'catalogNumber',
  'title',
  'field',
  'techDirections',
  'openingLevel',
  'regionCode',
  'ownerUnit',
  'location',
  'address',
  'isPlaced',
  'description',
  'requirements',
  'resourcesOffered',
  'partnerSlots',
  'openFrom',
  'openUntil',
  'contactName',
  'contactPhone',
  'contactEmail',
  'status',
  'batch',
] as const satisfies readonly (keyof Scenario)[];

/** May this scenario appear in a published catalog? Open, live and real (not demo data). */
export function isPublishable(scenario: Pick<Scenario, 'status' | 'deletedAt' | 'isDemo'>): boolean {
  return scenario.status === 'open' && scenario.deletedAt === null && !scenario.isDemo;
}

function deterministicId(...parts: readonly string[]): ChangeRecordId {
  const digest = sha256(utf8ToBytes(parts.join('\n')));
  let offset = 0;
  return uuidV4From(() => {
    const word = ((digest[offset] as number) << 24) | ((digest[offset + 1] as number) << 16) | ((digest[offset + 2] as number) << 8) | (digest[offset + 3] as number);
    offset += 4;
    return word >>> 0;
  }) as ChangeRecordId;
}

/** Who publishes, and the one clock stamp (issued by the publisher's clock) the catalog carries. */
export interface CatalogPublisher {
  readonly unit: RegionCode;
  readonly role: Role;
  readonly hlc: string;
  /** Epoch ms. */
  readonly at: number;
}

/** The creation changes of a catalog of `scenarios` (the publishable ones), in catalog-number order. */
export function catalogChanges(scenarios: readonly Scenario[], publisher: CatalogPublisher): ChangeRecord[] {
  return scenarios
    .filter(isPublishable)
    .sort((a, b) => (a.catalogNumber < b.catalogNumber ? -1 : a.catalogNumber > b.catalogNumber ? 1 : 0))
    .map((scenario) => {
      const changes: Record<string, FieldChange> = { id: { old: null, new: scenario.id } };
      for (const field of CATALOG_FIELDS) changes[field] = { old: null, new: JSON.parse(JSON.stringify(scenario[field] ?? null)) as JsonValue };
      return {
        id: deterministicId(publisher.unit, scenario.id, publisher.hlc),
        entity: 'scenario',
        entityId: scenario.id,
        op: 'create',
        changes,
        unitCode: publisher.unit,
        actorRole: publisher.role,
        hlc: publisher.hlc,
        at: publisher.at,
        note: '发布场景目录',
      } satisfies ChangeRecord;
    });
}

/** A catalog entry that cannot be shown, with the reason. */
export interface RefusedEntry {
  readonly entityId: string;
  readonly text: LocalizedText;
}

/** The register records a verified catalog package describes. */
export interface CatalogContent {
  readonly publisher: RegionCode;
  /** Epoch ms of the catalog (its manifest's createdAt). */
  readonly publishedAt: number;
  readonly scenarios: readonly Scenario[];
  readonly refused: readonly RefusedEntry[];
}

/** Why a package cannot be imported as a catalog. */
export type CatalogError = 'not-a-catalog';

/**
 * The scenarios of a verified (openPackage) catalog package, validated one by one; an invalid
 * entry is refused and listed, the rest are kept. Owner is the publisher; status 已开放.
 */
export function catalogContent(opened: OpenedPackage, regions: RegionIndex): DomainResult<CatalogContent, CatalogError> {
  if (opened.manifest.kind !== 'catalog') {
    return fail('not-a-catalog', { zh: '这是交换包，不是场景目录包；企业用户只能导入场景目录', en: 'This is an exchange package, not a catalog; company installations import catalogs only' });
  }
  const publisher = opened.manifest.sourceUnit;
  const scenarios: Scenario[] = [];
  const refused: RefusedEntry[] = [...opened.refused.map((item) => ({ entityId: item.entityId ?? '', text: item.text }))];
  const seen = new Set<string>();
  for (const { change } of opened.accepted) {
    if (change.op !== 'create' || seen.has(change.entityId)) {
      refused.push({ entityId: change.entityId, text: { zh: '目录条目重复或不是新建记录', en: 'The catalog entry is repeated or not a creation' } });
      continue;
    }
    seen.add(change.entityId);
    const fields: Record<string, JsonValue> = {};
    for (const field of CATALOG_FIELDS) fields[field] = Object.hasOwn(change.changes, field) ? (change.changes[field]?.new ?? null) : null;
    const built = scenarioFromMerged(change.entityId, { ...fields, ownerUnitCode: publisher, suspendedFrom: null, deletedAt: null, createdAt: change.at }, change.at, null, regions);
    if (!built.ok || built.value.status !== 'open') {
      refused.push({ entityId: change.entityId, text: built.ok ? { zh: '目录只收录已开放的场景', en: 'A catalog lists open scenarios only' } : built.text });
      continue;
    }
    scenarios.push({ ...built.value, version: 1 });
  }
  return { ok: true, value: { publisher, publishedAt: opened.manifest.createdAt, scenarios, refused } };
}
