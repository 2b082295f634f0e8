/**
 * The scenario form's values and their conversions: a stored Scenario → what the form edits →
 * the raw input validateScenario checks. Pure functions, no React, so they are unit-tested in Node.
 */
import {
  openingLevelForRegion,
  regionDefaultLocation,
  type FieldIssues,
  type GeoPoint,
  type Scenario,
  type ScenarioInputField,
} from '../../../shared/domain/scenario';
import type { ApplicationField, OpeningLevel, TechDirection } from '../../../shared/domain/vocabulary';
import type { IsoDate } from '../../../shared/domain/formats';
import type { Region, RegionIndex } from '../../../shared/regions/regions';

/**
 * What the form edits. Keys are the form input fields of shared/domain/scenario.ts, so a
 * validation issue's field names the control it belongs to. `null` where a control is empty.
 */
export interface ScenarioFormValues {
  readonly title: string;
  readonly field: ApplicationField | null;
  readonly techDirections: readonly TechDirection[];
  readonly openingLevel: OpeningLevel | null;
  readonly regionCode: string | null;
  readonly ownerUnit: string;
  readonly location: GeoPoint;
  readonly isPlaced: boolean;
  readonly address: string;
  readonly description: string;
  readonly requirements: string;
  readonly resourcesOffered: string;
  readonly partnerSlots: number | null;
  readonly openFrom: IsoDate | null;
  readonly openUntil: IsoDate | null;
  readonly contactName: string;
  readonly contactPhone: string;
  readonly contactEmail: string;
  readonly batch: string;
}

/** The raw form input handed to validateScenario: one entry per form field, nothing missing. */
export type RawScenarioInput = { readonly [K in ScenarioInputField]: unknown };

/** Why a save did not happen, as the drawer shows it. */
export type ScenarioSaveFailure =
  /** Field issues found on save (shown per field); nothing was saved. */
  | { readonly kind: 'invalid'; readonly errors: FieldIssues }
  /** Someone else saved a newer version; the user's input stays in the form until they reload. */
  | { readonly kind: 'conflict'; readonly message: string; readonly onReload: () => void }
  /** Anything else (storage full, failed transaction): a message a person can act on. */
  | { readonly kind: 'failed'; readonly message: string };

/** Partner slots a new scenario offers until the user says otherwise. */
export const DEFAULT_PARTNER_SLOTS = 1;

/** Coordinates are kept to 5 decimals (about 1 m): finer than anyone clicks, and stable in diffs. */
export function roundCoordinate(value: number): number {
  return Math.round(value * 1e5) / 1e5;
}

/** A point rounded to the form's precision. */
export function roundPoint(point: GeoPoint): GeoPoint {
  return { lat: roundCoordinate(point.lat), lng: roundCoordinate(point.lng) };
}

/**
 * A blank form for a new scenario in `regionCode` (the user's unit); an unknown code falls back
 * to the province. The opening level follows the region and the location is its centre, not placed.
 */
export function emptyFormValues(regionCode: string, regions: RegionIndex): ScenarioFormValues {
  const region = regions.get(regionCode) ?? regions.province;
  const { location, isPlaced } = regionDefaultLocation(region);
  return {
    title: '',
    field: null,
    techDirections: [],
    openingLevel: openingLevelForRegion(region),
    regionCode: region.code,
    ownerUnit: '',
    location: roundPoint(location),
    isPlaced,
    address: '',
    description: '',
    requirements: '',
    resourcesOffered: '',
    partnerSlots: DEFAULT_PARTNER_SLOTS,
    openFrom: null,
    openUntil: null,
    contactName: '',
    contactPhone: '',
    contactEmail: '',
    batch: '',
  };
}

/** The form values of a stored scenario (its location exactly as stored). */
export function scenarioToFormValues(scenario: Scenario): ScenarioFormValues {
  return {
    title: scenario.title,
    field: scenario.field,
    techDirections: [...scenario.techDirections],
    openingLevel: scenario.openingLevel,
    regionCode: scenario.regionCode,
    ownerUnit: scenario.ownerUnit,
    location: { lat: scenario.location.lat, lng: scenario.location.lng },
    isPlaced: scenario.isPlaced,
    address: scenario.address,
    description: scenario.description,
    requirements: scenario.requirements,
    resourcesOffered: scenario.resourcesOffered,
    partnerSlots: scenario.partnerSlots,
    openFrom: scenario.openFrom,
    openUntil: scenario.openUntil,
    contactName: scenario.contactName,
    contactPhone: scenario.contactPhone,
    contactEmail: scenario.contactEmail,
    batch: scenario.batch ?? '',
  };
}

/**
 * The raw input validateScenario checks. Tolerates what antd controls hand back when cleared
 * (`undefined`, `null`): empty texts become '', empty choices null, a missing list []. Trimming
 * and the rest of the normalising is validateScenario's job, so the rules live in one place.
 */
export function formValuesToInput(values: Partial<ScenarioFormValues>): RawScenarioInput {
  const text = (value: string | null | undefined): string => value ?? '';
  return {
    title: text(values.title),
    field: values.field ?? null,
    techDirections: values.techDirections ? [...values.techDirections] : [],
    openingLevel: values.openingLevel ?? null,
    regionCode: values.regionCode ?? null,
    ownerUnit: text(values.ownerUnit),
    location: values.location ? { lat: values.location.lat, lng: values.location.lng } : null,
    isPlaced: values.isPlaced ?? false,
    address: text(values.address),
    description: text(values.description),
    requirements: text(values.requirements),
    resourcesOffered: text(values.resourcesOffered),
    partnerSlots: values.partnerSlots ?? null,
    openFrom: values.openFrom || null,
    openUntil: values.openUntil || null,
    contactName: text(values.contactName),
    contactPhone: text(values.contactPhone),
    contactEmail: text(values.contactEmail),
    batch: text(values.batch),
  };
}

/**
 * The values after the user picks another region: the opening level follows the region's level
 * (县 → 县级, 市 → 市级, 四川省 → 省级), and a location not yet placed follows to the new
 * region's centre. A placed location stays where the user put it (validation warns if it is now
 * outside the region). Clearing the region (null) changes nothing else.
 */
export function withRegion(values: ScenarioFormValues, region: Region | null): ScenarioFormValues {
  if (!region) return { ...values, regionCode: null };
  return {
    ...values,
    regionCode: region.code,
    openingLevel: openingLevelForRegion(region),
    location: values.isPlaced ? values.location : roundPoint(regionDefaultLocation(region).location),
  };
}

/** Would saving these values change anything? Compares what would be validated, field by field. */
export function isSameFormInput(a: Partial<ScenarioFormValues>, b: Partial<ScenarioFormValues>): boolean {
  return JSON.stringify(formValuesToInput(a)) === JSON.stringify(formValuesToInput(b));
}

/** The fields that changed between two sets of values (for clearing issues on the fields just edited). */
export function changedFields(before: ScenarioFormValues, after: ScenarioFormValues): ScenarioInputField[] {
  const a = formValuesToInput(before);
  const b = formValuesToInput(after);
  return (Object.keys(b) as ScenarioInputField[]).filter((field) => JSON.stringify(a[field]) !== JSON.stringify(b[field]));
}

/** Issues minus those of the given fields. */
export function withoutIssuesOf(issues: FieldIssues, fields: readonly ScenarioInputField[]): FieldIssues {
  const rest: FieldIssues = { ...issues };
  for (const field of fields) delete rest[field];
  return rest;
}
