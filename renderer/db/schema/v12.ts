/**
 * Version 12: a merge entry's field stamps in a compact form (issue 6, merge speed).
 *
 * Until version 11 a merge entry (schema v4/v6) kept `fields`, an object from each field's name to
 * the index of its stamp: ~30 names a scenario, most of an entry's bytes. An import of 100k changes
 * writes 100k entries in its one transaction, and Chromium serialises every property of every
 * value on the page's thread, then writes the bytes: the merge entries were ~74 MB and 0.55–0.85 s
 * of put() at 100k.
 *
 * Since this version an entry written keeps `fieldCodes` instead: a string of two characters a
 * field, the field's code in {@link STAMPED_FIELDS} and its stamp's index (one serialised string,
 * not 30 properties); a field not in the list (one a newer app sends) stays by name in
 * `extraFields`. Read an entry's stamps with {@link forEachFieldStamp}.
 *
 * No store changes and nothing moves: an entry written before keeps `fields` until it is written
 * again, and both forms are read. The version is bumped so that an older app, which reads only
 * `fields`, refuses this database (and a backup of it) instead of misreading it.
 */
import type { MergeEntryRow } from '../exchangeRows';
import type { SchemaVersion } from './schemaVersion';

/**
 * The fields of scenarios, pilots and partners, by code (the index). Stored format: append new
 * fields at the end, never remove or reorder (a code means this name in every entry written).
 */
export const STAMPED_FIELDS: readonly string[] = [
  // Scenario
  'id', 'title', 'field', 'techDirections', 'openingLevel', 'regionCode', 'ownerUnit', 'location', 'address', 'isPlaced',
  'description', 'requirements', 'resourcesOffered', 'partnerSlots', 'openFrom', 'openUntil', 'contactName', 'contactPhone',
  'contactEmail', 'batch', 'catalogNumber', 'status', 'suspendedFrom', 'ownerUnitCode', 'createdAt', 'updatedAt', 'version',
  'deletedAt', 'isDemo',
  // Pilot
  'summary', 'scenarioId', 'partners', 'techDirection', 'plannedStart', 'plannedEnd', 'actualStart', 'actualEnd', 'investment',
  'milestones', 'indicators', 'regulatory', 'ipOutcomes', 'projectNumber', 'stage',
  // Partner
  'name', 'type', 'creditCode',
];

const CODE_OF = new Map(STAMPED_FIELDS.map((field, code) => [field, code]));

/**
 * Characters at and above this are not written as codes (the first surrogate: a string of codes
 * must stay a plain UTF-16 string); a stamp index this high is kept by name instead.
 */
const MAX_CODE = 0xd800;

/** The code of a field in {@link STAMPED_FIELDS}, or undefined for a field kept by name. */
export function fieldCodeOf(field: string): number | undefined {
  return CODE_OF.get(field);
}

/** Builds the compact field stamps of one entry: add each field's stamp index, then {@link FieldStampsBuilder.done}. */
export class FieldStampsBuilder {
  private readonly codes: number[] = [];
  private extra: Record<string, number> | undefined;

  add(field: string, stampIndex: number): void {
    const code = CODE_OF.get(field);
    if (code !== undefined && stampIndex < MAX_CODE) this.codes.push(code, stampIndex);
    // No prototype: a field named `__proto__` (a hostile package's) is kept as a field, not a prototype.
    else (this.extra ??= Object.create(null) as Record<string, number>)[field] = stampIndex;
  }

  done(): Pick<MergeEntryRow, 'fieldCodes' | 'extraFields'> {
    const fieldCodes = String.fromCharCode(...this.codes);
    return this.extra === undefined ? { fieldCodes } : { fieldCodes, extraFields: this.extra };
  }
}

/** Calls `visit` with each field of a stored entry and its stamp's index, whichever form it was written in. */
export function forEachFieldStamp(row: MergeEntryRow, visit: (field: string, stampIndex: number) => void): void {
  const codes = row.fieldCodes;
  if (codes !== undefined) {
    for (let at = 0; at + 1 < codes.length; at += 2) {
      const field = STAMPED_FIELDS[codes.charCodeAt(at)];
      if (field === undefined) throw new Error(`[merge] a merge entry of ${row.entityId} holds an unknown field code`);
      visit(field, codes.charCodeAt(at + 1));
    }
  }
  for (const source of [row.extraFields, row.fields]) {
    if (source !== undefined) for (const field in source) visit(field, source[field] as number);
  }
}

/** Version 12 of the schema. */
export const schemaV12: SchemaVersion = {
  version: 12,
  stores: {},
};
