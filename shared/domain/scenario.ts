/**
 * The application scenario (应用场景): the catalog entry, its form input, and its validation.
 * Absent values are `null`, never `undefined` or a missing key, so records, change records and
 * exchange files stay JSON-round-trippable and diffs see every field.
 */
import { z } from 'zod';
import { emptyToNull, requiredText, optionalText } from './textSchemas';
import { isPointInRegion, type Region, type RegionCode, type RegionIndex } from '../regions/regions';
import { isCatalogNumber } from './catalogNumber';
import { isChinesePhone, isEmailAddress, isIsoDate, type IsoDate } from './formats';
import { fail, type DomainFailure, type LocalizedText } from './localizedText';
import { SUSPENDABLE_STATUSES, type SuspendableStatus } from './scenarioStatus';
import { isUuid } from './uuid';
import {
  APPLICATION_FIELDS,
  OPENING_LEVELS,
  REGION_LEVELS,
  SCENARIO_STATUSES,
  SCENARIO_FIELD_LABELS,
  TECH_DIRECTIONS,
  keysOf,
  type ApplicationField,
  type OpeningLevel,
  type ScenarioStatus,
  type TechDirection,
} from './vocabulary';

/** A scenario's identity: a UUID string, made by the caller (`crypto.randomUUID()`), never reused. */
export type ScenarioId = string & { readonly __brand: 'ScenarioId' };

/** Brands a UUID string as a {@link ScenarioId}; throws on anything else (a programming error). */
export function asScenarioId(value: string): ScenarioId {
  if (!isUuid(value)) throw new Error(`[scenario] not a UUID: ${JSON.stringify(value).slice(0, 60)}`);
  return value as ScenarioId;
}

/** A point in WGS-84 degrees (the map's and GPS's datum; not GCJ-02). */
export interface GeoPoint {
  readonly lat: number;
  readonly lng: number;
}

/** An application scenario with every field of DOMAIN.md and the record metadata. */
export interface Scenario {
  readonly id: ScenarioId;
  /** 场景编号: given at creation, never changed (see catalogNumber.ts). */
  readonly catalogNumber: string;
  readonly title: string;
  readonly field: ApplicationField;
  /** In vocabulary order, no duplicates, at least one. */
  readonly techDirections: readonly TechDirection[];
  readonly openingLevel: OpeningLevel;
  readonly regionCode: RegionCode;
  /** 开放单位: the hospital, company, agency or site that offers the scenario. */
  readonly ownerUnit: string;
  readonly location: GeoPoint;
  readonly address: string;
  /** False while `location` is still the region's centre default. */
  readonly isPlaced: boolean;
  readonly description: string;
  readonly requirements: string;
  readonly resourcesOffered: string;
  readonly partnerSlots: number;
  readonly openFrom: IsoDate | null;
  readonly openUntil: IsoDate | null;
  readonly contactName: string;
  readonly contactPhone: string;
  readonly contactEmail: string;
  readonly status: ScenarioStatus;
  /** Only while `status` is 暂停: the status to return to. */
  readonly suspendedFrom: SuspendableStatus | null;
  readonly batch: string | null;
  /** The installation unit (administrative code) that owns the record; only it may edit. */
  readonly ownerUnitCode: RegionCode;
  /** Epoch ms. */
  readonly createdAt: number;
  /** Epoch ms. */
  readonly updatedAt: number;
  /** Starts at 1, +1 on every write; a save carrying an older version is a conflict. */
  readonly version: number;
  /** Epoch ms of the soft delete, null while live. */
  readonly deletedAt: number | null;
  readonly isDemo: boolean;
}

/** Text limits (characters) of the scenario form. */
export const SCENARIO_TEXT_LIMITS = {
  title: 100,
  ownerUnit: 100,
  address: 200,
  description: 5000,
  requirements: 5000,
  resourcesOffered: 2000,
  contactName: 50,
  contactPhone: 40,
  contactEmail: 254,
  batch: 50,
} as const;

/** Most partner slots one scenario may offer. */
export const MAX_PARTNER_SLOTS = 1000;

const optionalDate = z.preprocess(
  emptyToNull,
  z.string().trim().refine(isIsoDate, { message: 'invalid_date' }).nullable(),
);

const FIELD_KEYS = keysOf(APPLICATION_FIELDS);
const DIRECTION_KEYS = keysOf(TECH_DIRECTIONS);
const LEVEL_KEYS = keysOf(OPENING_LEVELS);

/**
 * One schema per form field, so each field's errors are reported on their own and the cross-field
 * rules of {@link validateScenario} still run on the fields that parsed.
 */
export const scenarioInputFieldSchemas = {
  title: requiredText(SCENARIO_TEXT_LIMITS.title),
  field: z.enum(FIELD_KEYS),
  techDirections: z
    .array(z.enum(DIRECTION_KEYS))
    .min(1)
    .max(DIRECTION_KEYS.length * 2)
    .transform((list) => DIRECTION_KEYS.filter((key) => list.includes(key))),
  openingLevel: z.enum(LEVEL_KEYS),
  regionCode: z
    .string()
    .regex(/^\d{6}$/, { message: 'unknown_region' })
    .transform((code) => code as RegionCode),
  ownerUnit: requiredText(SCENARIO_TEXT_LIMITS.ownerUnit),
  location: z.object(
    { lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) },
    { message: 'invalid_coordinates' },
  ),
  address: optionalText(SCENARIO_TEXT_LIMITS.address),
  isPlaced: z.boolean().default(false),
  description: optionalText(SCENARIO_TEXT_LIMITS.description),
  requirements: optionalText(SCENARIO_TEXT_LIMITS.requirements),
  resourcesOffered: optionalText(SCENARIO_TEXT_LIMITS.resourcesOffered),
  partnerSlots: z.preprocess(
    (v) =>
      v === '' || v === null || v === undefined
        ? 0
        : typeof v === 'string' && /^\s*\d+\s*$/.test(v)
          ? Number(v)
          : v,
    z
      .number({ message: 'invalid_partner_slots' })
      .int({ message: 'invalid_partner_slots' })
      .min(0, { message: 'invalid_partner_slots' })
      .max(MAX_PARTNER_SLOTS),
  ),
  openFrom: optionalDate,
  openUntil: optionalDate,
  contactName: optionalText(SCENARIO_TEXT_LIMITS.contactName),
  contactPhone: optionalText(SCENARIO_TEXT_LIMITS.contactPhone).refine((v) => v === '' || isChinesePhone(v), {
    message: 'invalid_phone',
  }),
  contactEmail: optionalText(SCENARIO_TEXT_LIMITS.contactEmail).refine((v) => v === '' || isEmailAddress(v), {
    message: 'invalid_email',
  }),
  batch: z.preprocess(emptyToNull, z.string().trim().max(SCENARIO_TEXT_LIMITS.batch).nullable()),
} as const;

/** The form input of a scenario: what a person edits (status goes through checkStatusChange). */
export const scenarioInputSchema = z.object(scenarioInputFieldSchemas);
/** Parsed, normalised form input (trimmed texts, null for empty optional values). */
export type ScenarioInput = z.output<typeof scenarioInputSchema>;
/** A field of the scenario form. */
export type ScenarioInputField = keyof typeof scenarioInputFieldSchemas;

const epochMs = z.number().int().min(0);

/**
 * A whole stored or imported record: the form fields plus identity, status and metadata. For
 * data that did not come through the form (a database read after an upgrade, an exchange file);
 * regions and the cross-field rules still need {@link validateScenario}. Unknown keys are dropped.
 */
export const scenarioRecordSchema = scenarioInputSchema
  .extend({
    id: z
      .string()
      .refine(isUuid)
      .transform((id) => id as ScenarioId),
    catalogNumber: z.string().refine(isCatalogNumber),
    status: z.enum(keysOf(SCENARIO_STATUSES)),
    suspendedFrom: z.enum(SUSPENDABLE_STATUSES).nullable(),
    ownerUnitCode: z
      .string()
      .regex(/^\d{6}$/)
      .transform((code) => code as RegionCode),
    createdAt: epochMs,
    updatedAt: epochMs,
    version: z.number().int().min(1),
    deletedAt: epochMs.nullable(),
    isDemo: z.boolean(),
  })
  .refine((record) => (record.status === 'suspended') === (record.suspendedFrom !== null), {
    message: 'suspendedFrom is set exactly when the status is suspended',
    path: ['suspendedFrom'],
  }) satisfies z.ZodType<Scenario, unknown>;

const INPUT_FIELDS = Object.keys(scenarioInputFieldSchemas) as ScenarioInputField[];

/** Codes of scenario validation messages. */
export type ScenarioIssueCode =
  | 'required'
  | 'too_long'
  | 'invalid_choice'
  | 'choose_at_least_one'
  | 'invalid_value'
  | 'unknown_region'
  | 'level_mismatch'
  | 'invalid_date'
  | 'period_order'
  | 'invalid_phone'
  | 'invalid_email'
  | 'invalid_partner_slots'
  | 'invalid_coordinates'
  | 'outside_sichuan'
  | 'outside_region'
  | 'not_placed';

/** One validation message: its code and the text in both languages. */
export interface ValidationIssue extends LocalizedText {
  readonly code: ScenarioIssueCode;
}

/** Messages per form field. */
export type FieldIssues = Partial<Record<ScenarioInputField, ValidationIssue[]>>;

/** The outcome of {@link validateScenario}: parsed input or per-field errors; warnings either way. */
export type ScenarioValidation =
  | { readonly ok: true; readonly value: ScenarioInput; readonly warnings: FieldIssues }
  | (DomainFailure<'invalid-scenario'> & { readonly errors: FieldIssues; readonly warnings: FieldIssues });

function label(field: ScenarioInputField): LocalizedText {
  return SCENARIO_FIELD_LABELS[field];
}

function issue(
  code: ScenarioIssueCode,
  field: ScenarioInputField,
  detail?: { max?: number },
): ValidationIssue {
  const l = label(field);
  switch (code) {
    case 'required':
      return { code, zh: `请填写${l.zh}`, en: `${l.en} is required` };
    case 'too_long':
      return {
        code,
        zh: `${l.zh}不能超过 ${String(detail?.max)} 个字`,
        en: `${l.en} cannot be longer than ${String(detail?.max)} characters`,
      };
    case 'invalid_choice':
      return { code, zh: `请从列表中选择${l.zh}`, en: `Choose ${l.en.toLowerCase()} from the list` };
    case 'choose_at_least_one':
      return { code, zh: `请至少选择一个${l.zh}`, en: `Choose at least one of the ${l.en.toLowerCase()}` };
    case 'invalid_date':
      return {
        code,
        zh: `${l.zh}应为有效日期，格式 YYYY-MM-DD`,
        en: `${l.en} must be a real date written YYYY-MM-DD`,
      };
    case 'invalid_phone':
      return {
        code,
        zh: '联系电话格式不正确：应为手机号（如 13812345678）、带区号的固定电话（如 028-85551234，可带分机）或 400/800 号码',
        en: 'Phone: enter a mobile number (e.g. 13812345678), a landline with area code (e.g. 028-85551234, extension allowed) or a 400/800 number',
      };
    case 'invalid_email':
      return {
        code,
        zh: '邮箱格式不正确，如 name@example.com',
        en: 'Email: enter an address like name@example.com',
      };
    case 'invalid_partner_slots':
      return {
        code,
        zh: '伙伴名额应为不小于 0 的整数',
        en: 'Partner slots must be a whole number of 0 or more',
      };
    case 'invalid_coordinates':
      return {
        code,
        zh: '位置坐标无效，请在地图上点选',
        en: 'The location is not a valid coordinate; pick it on the map',
      };
    case 'unknown_region':
      return {
        code,
        zh: '所属地区不在四川省行政区划内，请重新选择',
        en: 'The region is not a Sichuan administrative division; choose it again',
      };
    default:
      return { code, zh: `${l.zh}的值无效`, en: `${l.en} has an invalid value` };
  }
}

const CUSTOM_CODES = new Set<string>([
  'invalid_date',
  'invalid_phone',
  'invalid_email',
  'invalid_partner_slots',
  'invalid_coordinates',
  'unknown_region',
]);

function issueFromZod(
  field: ScenarioInputField,
  zodIssue: z.core.$ZodIssue,
  input: unknown,
): ValidationIssue {
  if (CUSTOM_CODES.has(zodIssue.message)) return issue(zodIssue.message as ScenarioIssueCode, field);
  if (field === 'location') return issue('invalid_coordinates', field);
  if (field === 'partnerSlots') return issue('invalid_partner_slots', field);
  if (field === 'regionCode' && input !== undefined && input !== null && input !== '')
    return issue('unknown_region', field);
  switch (zodIssue.code) {
    case 'invalid_type':
      return input === undefined || input === null || (Array.isArray(input) && input.length === 0)
        ? issue(field === 'techDirections' ? 'choose_at_least_one' : 'required', field)
        : issue('invalid_value', field);
    case 'too_small':
      return issue(field === 'techDirections' ? 'choose_at_least_one' : 'required', field);
    case 'too_big':
      return issue('too_long', field, { max: Number(zodIssue.maximum) });
    case 'invalid_value':
      return input === undefined || input === null || input === ''
        ? issue('required', field)
        : issue('invalid_choice', field);
    default:
      return issue('invalid_value', field);
  }
}

function add(target: FieldIssues, field: ScenarioInputField, item: ValidationIssue): void {
  const list = target[field] ?? (target[field] = []);
  if (!list.some((existing) => existing.code === item.code)) list.push(item);
}

function levelName(level: Region['level']): LocalizedText {
  return REGION_LEVELS.find((entry) => entry.key === level) ?? { zh: level, en: level };
}

/**
 * Validates a scenario form (or any object carrying the form fields, e.g. an imported or stored
 * scenario): per-field rules, then opening level ↔ region agreement, open period order, location
 * inside Sichuan (error) and inside the chosen region (warning). Messages in Chinese and English.
 */
export function validateScenario(input: unknown, regions: RegionIndex): ScenarioValidation {
  const errors: FieldIssues = {};
  const warnings: FieldIssues = {};
  const raw = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  const parsed: Partial<Record<ScenarioInputField, unknown>> = {};
  // One object parse first: an import validates 100k rows (issue 5) and nineteen field parses per
  // row cost more than the rules themselves. It runs the same field schemas, so it succeeds exactly
  // when every field does; on failure the field-by-field pass ties each issue to its field. Only
  // for plain objects, where reading a key is the own-property read of that pass.
  const proto: unknown = Object.getPrototypeOf(raw);
  const whole = proto === Object.prototype || proto === null ? scenarioInputSchema.safeParse(raw) : null;
  if (whole?.success) {
    for (const field of INPUT_FIELDS) parsed[field] = whole.data[field];
  } else {
    for (const field of INPUT_FIELDS) {
      const value = Object.prototype.hasOwnProperty.call(raw, field) ? raw[field] : undefined;
      const result = scenarioInputFieldSchemas[field].safeParse(value);
      if (result.success) parsed[field] = result.data;
      else for (const zodIssue of result.error.issues) add(errors, field, issueFromZod(field, zodIssue, value));
    }
  }
  const value = parsed as Partial<ScenarioInput>;

  let region: Region | undefined;
  if (value.regionCode !== undefined) {
    region = regions.get(value.regionCode);
    if (!region) add(errors, 'regionCode', issue('unknown_region', 'regionCode'));
  }
  if (region && value.openingLevel !== undefined) {
    const level = OPENING_LEVELS.find((entry) => entry.key === value.openingLevel);
    const isProvinceMismatch = value.openingLevel === 'province' && region.code !== regions.province.code;
    if (level && (level.regionLevel !== region.level || isProvinceMismatch)) {
      const want = levelName(level.regionLevel);
      const have = levelName(region.level);
      add(errors, 'regionCode', {
        code: 'level_mismatch',
        zh:
          value.openingLevel === 'province'
            ? `开放层级为“省级”时，所属地区应为${regions.province.name}；“${region.name}”是${have.zh}`
            : `开放层级为“${level.zh}”时，所属地区应为${want.zh}；“${region.name}”是${have.zh}`,
        en:
          value.openingLevel === 'province'
            ? `A province-level scenario belongs to the province (${regions.province.code}); ${region.name} is a ${have.en}`
            : `A ${level.en.toLowerCase()} scenario belongs to a ${want.en}; ${region.name} is a ${have.en}`,
      });
    }
  }

  if (value.openFrom && value.openUntil && value.openUntil < value.openFrom) {
    add(errors, 'openUntil', {
      code: 'period_order',
      zh: `开放期限的结束日期（${value.openUntil}）不能早于开始日期（${value.openFrom}）`,
      en: `The open period cannot end (${value.openUntil}) before it starts (${value.openFrom})`,
    });
  }

  if (value.location) {
    const point = [value.location.lng, value.location.lat] as const;
    if (!isPointInRegion(regions.province, point)) {
      add(errors, 'location', {
        code: 'outside_sichuan',
        zh: '位置不在四川省境内，请在地图上重新点选',
        en: 'The location is outside Sichuan; pick it on the map again',
      });
    } else if (value.isPlaced === false) {
      add(warnings, 'location', {
        code: 'not_placed',
        zh: '尚未在地图上标定位置，暂用所属地区的中心点',
        en: 'Not placed on the map yet; the region centre is used for now',
      });
    } else if (region && region.level !== 'province' && !isPointInRegion(region, point)) {
      add(warnings, 'location', {
        code: 'outside_region',
        zh: `位置不在所选地区“${region.name}”范围内，请确认`,
        en: `The location is outside the chosen region (${region.name}); please check`,
      });
    }
  }

  const errorCount = Object.values(errors).reduce((sum, list) => sum + list.length, 0);
  if (errorCount > 0) {
    const failure = fail('invalid-scenario', {
      zh: `有 ${errorCount} 处需要修改`,
      en: `${errorCount} ${errorCount === 1 ? 'field needs' : 'fields need'} correcting`,
    });
    return { ...failure, errors, warnings };
  }
  return { ok: true, value: value as ScenarioInput, warnings };
}

/** The default location of a region: its centre, not yet placed. */
export function regionDefaultLocation(region: Region): { location: GeoPoint; isPlaced: false } {
  return { location: { lng: region.center[0], lat: region.center[1] }, isPlaced: false };
}

/** The opening level a region's level implies (县 → 县级, 市 → 市级, 省 → 省级). */
export function openingLevelForRegion(region: Region): OpeningLevel {
  return region.level;
}

/** What the caller supplies when creating a record: shared has no clock or crypto. */
export interface ScenarioCreation {
  readonly id: ScenarioId;
  /** From {@link nextCatalogNumber}. */
  readonly catalogNumber: string;
  readonly ownerUnitCode: RegionCode;
  /** Epoch ms (Date.now()). */
  readonly now: number;
  readonly isDemo?: boolean;
}

/** A new scenario (status 草稿, version 1) from validated input. */
export function createScenario(input: ScenarioInput, creation: ScenarioCreation): Scenario {
  return {
    id: creation.id,
    catalogNumber: creation.catalogNumber,
    ...input,
    status: 'draft',
    suspendedFrom: null,
    ownerUnitCode: creation.ownerUnitCode,
    createdAt: creation.now,
    updatedAt: creation.now,
    version: 1,
    deletedAt: null,
    isDemo: creation.isDemo ?? false,
  };
}

/** The scenario after an edit of its form fields: identity, number, status and owner unchanged, version + 1. */
export function updateScenario(current: Scenario, input: ScenarioInput, now: number): Scenario {
  return { ...current, ...input, updatedAt: now, version: current.version + 1 };
}

/** May this installation's unit edit the record? A unit edits only the records it owns (DOMAIN.md). */
export function canEditScenario(scenario: Pick<Scenario, 'ownerUnitCode'>, unitCode: string | null): boolean {
  return unitCode !== null && scenario.ownerUnitCode === unitCode;
}
