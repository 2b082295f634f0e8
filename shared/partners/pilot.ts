/**
 * The pilot project (试点项目) under the scenario innovation partner plan: its record, form input
 * and validation, project numbers, overdue milestones, and what each stage needs before a card
 * may move there (the pipeline board asks for exactly these). Stage moves themselves follow
 * shared/domain/pilotStage.ts; absent values are `null` (dates, amounts) or '' (texts).
 */
import { z } from 'zod';
import { emptyToNull, requiredText, optionalText } from '../domain/textSchemas';
import { nextCatalogNumber, parseCatalogNumber, type CatalogNumberError } from '../domain/catalogNumber';
import { isIsoDate, type IsoDate } from '../domain/formats';
import { fail, type DomainFailure, type DomainResult, type LocalizedText } from '../domain/localizedText';
import {
  checkStageChange,
  pilotStageLabel,
  type StageChange,
  type StageChangeError,
} from '../domain/pilotStage';
import type { ScenarioId } from '../domain/scenario';
import { isUuid } from '../domain/uuid';
import {
  INDICATORS,
  IP_OUTCOME_TYPES,
  PILOT_STAGES,
  TECH_DIRECTIONS,
  keysOf,
  type ApplicationField,
  type Indicator,
  type IpOutcomeType,
  type PilotStage,
  type TechDirection,
} from '../domain/vocabulary';
import type { RegionCode } from '../regions/regions';
import type { PartnerId } from './partner';

/** A pilot's identity: a UUID made by the caller, never reused. */
export type PilotId = string & { readonly __brand: 'PilotId' };

/** Brands a UUID string as a {@link PilotId}; throws on anything else (a programming error). */
export function asPilotId(value: string): PilotId {
  if (!isUuid(value)) throw new Error(`[pilot] not a UUID: ${JSON.stringify(value).slice(0, 60)}`);
  return value as PilotId;
}

/** Medical-device registration state (医疗器械注册). */
export const DEVICE_REGISTRATION_STATES = [
  { key: 'not_required', zh: '无需注册', en: 'Not required' },
  { key: 'planned', zh: '计划注册', en: 'Planned' },
  { key: 'submitted', zh: '已提交注册申请', en: 'Submitted' },
  { key: 'registered', zh: '已取得注册证', en: 'Registered' },
] as const;
/** Key of a device registration state. */
export type DeviceRegistrationState = (typeof DEVICE_REGISTRATION_STATES)[number]['key'];

/** Ethics approval state (伦理审批). */
export const ETHICS_APPROVAL_STATES = [
  { key: 'not_required', zh: '无需审批', en: 'Not required' },
  { key: 'pending', zh: '审批中', en: 'Pending' },
  { key: 'approved', zh: '已批准', en: 'Approved' },
  { key: 'rejected', zh: '未批准', en: 'Rejected' },
] as const;
/** Key of an ethics approval state. */
export type EthicsApprovalState = (typeof ETHICS_APPROVAL_STATES)[number]['key'];

/** One organisation in a pilot; exactly one of a pilot's partners is the lead (牵头). */
export interface PilotPartner {
  readonly partnerId: PartnerId;
  readonly isLead: boolean;
}

/** A milestone (里程碑): due date, done date once done, and the evidence note. */
export interface Milestone {
  /** Stable within the pilot (a UUID from the caller), so edits and the change log can name it. */
  readonly id: string;
  readonly title: string;
  readonly due: IsoDate;
  readonly done: IsoDate | null;
  readonly evidence: string;
}

/** One indicator value (成效指标) for a period: a year `YYYY` or a month `YYYY-MM`. */
export interface IndicatorValue {
  readonly period: string;
  readonly indicator: Indicator;
  /** A count: a whole number ≥ 0. */
  readonly value: number;
}

/** Registration and ethics state (注册与伦理); required for pilots in medical scenarios. */
export interface Regulatory {
  readonly deviceRegistration: DeviceRegistrationState;
  readonly ethicsApproval: EthicsApprovalState;
}

/** An IP outcome (知识产权成果). */
export interface IpOutcome {
  readonly type: IpOutcomeType;
  readonly title: string;
  /** Patent number, registration number, standard number …; '' when not yet granted. */
  readonly number: string;
  readonly date: IsoDate | null;
}

/** A pilot project with every field of DOMAIN.md and the record metadata. */
export interface Pilot {
  readonly id: PilotId;
  /** 项目编号, e.g. P-510107-2026-0001: given at creation, never changed. */
  readonly projectNumber: string;
  readonly title: string;
  /** 项目简介: what the partners will do; an imported application's proposal lands here. */
  readonly summary: string;
  readonly scenarioId: ScenarioId;
  readonly partners: readonly PilotPartner[];
  readonly techDirection: TechDirection;
  readonly stage: PilotStage;
  readonly plannedStart: IsoDate | null;
  readonly plannedEnd: IsoDate | null;
  readonly actualStart: IsoDate | null;
  readonly actualEnd: IsoDate | null;
  /** 投入金额 in 万元 (10,000 yuan), two decimals at most; null when not known. */
  readonly investment: number | null;
  readonly milestones: readonly Milestone[];
  readonly indicators: readonly IndicatorValue[];
  readonly regulatory: Regulatory | null;
  readonly ipOutcomes: readonly IpOutcome[];
  readonly ownerUnitCode: RegionCode;
  /** Epoch ms. */
  readonly createdAt: number;
  /** Epoch ms. */
  readonly updatedAt: number;
  readonly version: number;
  readonly deletedAt: number | null;
}

/** Labels of the pilot's fields. */
export const PILOT_FIELD_LABELS = {
  projectNumber: { zh: '项目编号', en: 'Project number' },
  title: { zh: '项目名称', en: 'Title' },
  summary: { zh: '项目简介', en: 'Summary' },
  scenarioId: { zh: '关联场景', en: 'Scenario' },
  partners: { zh: '伙伴单位', en: 'Partners' },
  techDirection: { zh: '技术方向', en: 'Technology direction' },
  stage: { zh: '阶段', en: 'Stage' },
  plannedStart: { zh: '计划开始日期', en: 'Planned start' },
  plannedEnd: { zh: '计划结束日期', en: 'Planned end' },
  actualStart: { zh: '实际开始日期', en: 'Actual start' },
  actualEnd: { zh: '实际结束日期', en: 'Actual end' },
  investment: { zh: '投入金额（万元）', en: 'Investment (10,000 yuan)' },
  milestones: { zh: '里程碑', en: 'Milestones' },
  indicators: { zh: '成效指标', en: 'Indicators' },
  regulatory: { zh: '注册与伦理', en: 'Registration and ethics' },
  ipOutcomes: { zh: '知识产权成果', en: 'IP outcomes' },
} as const satisfies Record<string, LocalizedText>;

/** Labels of the fields inside list items (milestones, indicators …). */
export const PILOT_ITEM_FIELD_LABELS: Readonly<Record<string, LocalizedText>> = {
  partnerId: { zh: '伙伴单位', en: 'partner' },
  isLead: { zh: '牵头单位', en: 'lead' },
  id: { zh: '标识', en: 'id' },
  title: { zh: '名称', en: 'title' },
  due: { zh: '计划完成日期', en: 'due date' },
  done: { zh: '完成日期', en: 'done date' },
  evidence: { zh: '佐证说明', en: 'evidence note' },
  period: { zh: '期间', en: 'period' },
  indicator: { zh: '指标', en: 'indicator' },
  value: { zh: '数值', en: 'value' },
  deviceRegistration: { zh: '医疗器械注册', en: 'device registration' },
  ethicsApproval: { zh: '伦理审批', en: 'ethics approval' },
  type: { zh: '类型', en: 'type' },
  number: { zh: '编号', en: 'number' },
  date: { zh: '日期', en: 'date' },
};

/** Text and list limits of the pilot form. */
export const PILOT_LIMITS = {
  title: 100,
  summary: 2000,
  itemTitle: 200,
  evidence: 1000,
  ipNumber: 100,
  partners: 50,
  milestones: 200,
  indicators: 2000,
  ipOutcomes: 500,
  /** 万元: 1,000 亿元. */
  investment: 10_000_000,
  indicatorValue: 1_000_000_000,
} as const;

const isoDate = z.string().trim().refine(isIsoDate, { message: 'invalid_date' });
const optionalDate = z.preprocess(emptyToNull, isoDate.nullable());
const uuid = z.string().refine(isUuid, { message: 'invalid_value' });

// Two decimals at most, judged on the decimal text so 0.1 + 0.2 style floats are not refused.
const hasAtMostTwoDecimals = (n: number): boolean => Math.abs(Math.round(n * 100) - n * 100) < 1e-6;
/** `YYYY` or `YYYY-MM`, years 2000–2099. */
const PERIOD = /^20\d{2}(?:-(?:0[1-9]|1[0-2]))?$/;

/** One schema per form field, so each field reports its own errors and cross-field rules still run. */
export const pilotInputFieldSchemas = {
  title: requiredText(PILOT_LIMITS.title),
  summary: optionalText(PILOT_LIMITS.summary),
  scenarioId: uuid.transform((id) => id as ScenarioId),
  partners: z
    .array(z.object({ partnerId: uuid.transform((id) => id as PartnerId), isLead: z.boolean() }))
    .max(PILOT_LIMITS.partners),
  techDirection: z.enum(keysOf(TECH_DIRECTIONS)),
  plannedStart: optionalDate,
  plannedEnd: optionalDate,
  actualStart: optionalDate,
  actualEnd: optionalDate,
  investment: z.preprocess(
    (v) =>
      v === '' || v === undefined
        ? null
        : typeof v === 'string' && /^\s*\d+(?:\.\d+)?\s*$/.test(v)
          ? Number(v)
          : v,
    z
      .number({ message: 'invalid_amount' })
      .min(0, { message: 'invalid_amount' })
      .max(PILOT_LIMITS.investment, { message: 'invalid_amount' })
      .refine(hasAtMostTwoDecimals, { message: 'invalid_amount' })
      .nullable(),
  ),
  milestones: z
    .array(
      z.object({
        id: z.string().min(1).max(64),
        title: requiredText(PILOT_LIMITS.itemTitle),
        due: isoDate,
        done: optionalDate,
        evidence: optionalText(PILOT_LIMITS.evidence),
      }),
    )
    .max(PILOT_LIMITS.milestones),
  indicators: z
    .array(
      z.object({
        period: z.string().trim().regex(PERIOD, { message: 'invalid_period' }),
        indicator: z.enum(keysOf(INDICATORS)),
        value: z
          .number({ message: 'invalid_indicator_value' })
          .int({ message: 'invalid_indicator_value' })
          .min(0, { message: 'invalid_indicator_value' })
          .max(PILOT_LIMITS.indicatorValue, { message: 'invalid_indicator_value' }),
      }),
    )
    .max(PILOT_LIMITS.indicators),
  regulatory: z.preprocess(
    (v) => (v === undefined ? null : v),
    z
      .object({
        deviceRegistration: z.enum(keysOf(DEVICE_REGISTRATION_STATES)),
        ethicsApproval: z.enum(keysOf(ETHICS_APPROVAL_STATES)),
      })
      .nullable(),
  ),
  ipOutcomes: z
    .array(
      z.object({
        type: z.enum(keysOf(IP_OUTCOME_TYPES)),
        title: requiredText(PILOT_LIMITS.itemTitle),
        number: optionalText(PILOT_LIMITS.ipNumber),
        date: optionalDate,
      }),
    )
    .max(PILOT_LIMITS.ipOutcomes),
} as const;

/** The pilot form input (the stage goes through {@link checkPilotStageMove}). */
export const pilotInputSchema = z.object(pilotInputFieldSchemas);
/** Parsed, normalised pilot input. */
export type PilotInput = z.output<typeof pilotInputSchema>;
/** A field of the pilot form. */
export type PilotInputField = keyof typeof pilotInputFieldSchemas;

/** Codes of pilot validation messages. */
export type PilotIssueCode =
  | 'required'
  | 'too_long'
  | 'too_many'
  | 'invalid_choice'
  | 'invalid_value'
  | 'invalid_date'
  | 'date_order'
  | 'invalid_amount'
  | 'invalid_period'
  | 'invalid_indicator_value'
  | 'duplicate_indicator'
  | 'mixed_periods'
  | 'no_lead'
  | 'several_leads'
  | 'duplicate_partner'
  | 'unknown_partner'
  | 'unknown_scenario'
  | 'duplicate_milestone'
  | 'regulatory_required'
  | 'regulatory_implausible'
  | 'direction_not_in_scenario'
  | 'date_in_future';

/** One validation message; `index` is the list row (0-based) for list fields. */
export interface PilotIssue extends LocalizedText {
  readonly code: PilotIssueCode;
  readonly index?: number;
}

/** Messages per form field. */
export type PilotFieldIssues = Partial<Record<PilotInputField, PilotIssue[]>>;

/** What validation needs to know about the pilot's scenario. */
export interface PilotScenarioRef {
  readonly field: ApplicationField;
  readonly techDirections: readonly TechDirection[];
}

/** Lookups for {@link validatePilot}; shared has no database. */
export interface PilotValidationContext {
  findScenario(id: string): PilotScenarioRef | undefined;
  hasPartner(id: string): boolean;
  /** Today (YYYY-MM-DD) for the "date in the future" warnings; omitted → no such warnings. */
  readonly today?: IsoDate;
}

/** The outcome of {@link validatePilot}: parsed input or per-field errors; warnings either way. */
export type PilotValidation =
  | { readonly ok: true; readonly value: PilotInput; readonly warnings: PilotFieldIssues }
  | (DomainFailure<'invalid-pilot'> & {
      readonly errors: PilotFieldIssues;
      readonly warnings: PilotFieldIssues;
    });

const FIELDS = Object.keys(pilotInputFieldSchemas) as PilotInputField[];
const LIST_FIELDS = new Set<PilotInputField>(['partners', 'milestones', 'indicators', 'ipOutcomes']);
const ROW_NAMES: Partial<Record<PilotInputField, LocalizedText>> = {
  partners: { zh: '伙伴单位', en: 'partner' },
  milestones: { zh: '里程碑', en: 'milestone' },
  indicators: { zh: '指标记录', en: 'indicator row' },
  ipOutcomes: { zh: '知识产权成果', en: 'IP outcome' },
};

function where(field: PilotInputField, index: number | undefined, key: string | undefined): LocalizedText {
  const fieldLabel = PILOT_FIELD_LABELS[field];
  const row = ROW_NAMES[field];
  const item = key === undefined ? undefined : PILOT_ITEM_FIELD_LABELS[key];
  if (index !== undefined && row) {
    const zh = `第 ${index + 1} 条${row.zh}${item ? `的${item.zh}` : ''}`;
    const en = `${row.en} ${index + 1}${item ? `, ${item.en}` : ''}`;
    return { zh, en: en.charAt(0).toUpperCase() + en.slice(1) };
  }
  if (item) return { zh: `${fieldLabel.zh}的${item.zh}`, en: `${fieldLabel.en}: ${item.en}` };
  return fieldLabel;
}

function message(code: PilotIssueCode, at: LocalizedText, max?: number): LocalizedText {
  switch (code) {
    case 'required':
      return { zh: `请填写${at.zh}`, en: `${at.en} is required` };
    case 'too_long':
      return {
        zh: `${at.zh}不能超过 ${String(max)} 个字`,
        en: `${at.en} cannot be longer than ${String(max)} characters`,
      };
    case 'too_many':
      return { zh: `${at.zh}最多 ${String(max)} 条`, en: `${at.en}: at most ${String(max)} entries` };
    case 'invalid_choice':
      return { zh: `请从列表中选择${at.zh}`, en: `${at.en}: choose from the list` };
    case 'invalid_date':
      return {
        zh: `${at.zh}应为有效日期，格式 YYYY-MM-DD`,
        en: `${at.en} must be a real date written YYYY-MM-DD`,
      };
    case 'invalid_amount':
      return {
        zh: `${at.zh}应为不小于 0 的金额（万元），最多两位小数`,
        en: `${at.en} must be an amount of 0 or more in 10,000 yuan, with at most two decimals`,
      };
    case 'invalid_period':
      return {
        zh: `${at.zh}应为年份（YYYY）或年月（YYYY-MM），如 2026 或 2026-03`,
        en: `${at.en} must be a year (YYYY) or a month (YYYY-MM), e.g. 2026 or 2026-03`,
      };
    case 'invalid_indicator_value':
      return { zh: `${at.zh}应为不小于 0 的整数`, en: `${at.en} must be a whole number of 0 or more` };
    default:
      return { zh: `${at.zh}的值无效`, en: `${at.en} has an invalid value` };
  }
}

const CUSTOM_CODES = new Set<string>([
  'invalid_date',
  'invalid_amount',
  'invalid_period',
  'invalid_indicator_value',
]);

function issueFromZod(field: PilotInputField, zodIssue: z.core.$ZodIssue, input: unknown): PilotIssue {
  const [first, second] = zodIssue.path;
  const isRow = LIST_FIELDS.has(field) && typeof first === 'number';
  const index = isRow ? first : undefined;
  const key = isRow
    ? typeof second === 'string'
      ? second
      : undefined
    : typeof first === 'string'
      ? first
      : undefined;
  const at = where(field, index, key);
  const withIndex = (code: PilotIssueCode, max?: number): PilotIssue => ({
    code,
    ...message(code, at, max),
    ...(index !== undefined ? { index } : {}),
  });
  if (CUSTOM_CODES.has(zodIssue.message)) return withIndex(zodIssue.message as PilotIssueCode);
  if (field === 'investment') return withIndex('invalid_amount');
  const found = valueAt(input, zodIssue.path);
  const isEmpty = found === undefined || found === null || (typeof found === 'string' && found.trim() === '');
  switch (zodIssue.code) {
    case 'too_big':
      return zodIssue.origin === 'array'
        ? withIndex('too_many', Number(zodIssue.maximum))
        : withIndex('too_long', Number(zodIssue.maximum));
    case 'too_small':
      return withIndex('required');
    case 'invalid_value':
      return withIndex(isEmpty ? 'required' : 'invalid_choice');
    case 'invalid_type':
      return withIndex(isEmpty ? 'required' : 'invalid_value');
    default:
      return withIndex('invalid_value');
  }
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (
      typeof current !== 'object' ||
      current === null ||
      typeof key === 'symbol' ||
      !Object.hasOwn(current, key)
    )
      return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

/**
 * Validates a pilot form (or any object with its fields: a stored or imported pilot): per-field
 * rules, then dates in order (planned and actual), partners (no duplicates, exactly one lead
 * when there are any, each registered), indicators (one value per indicator and period, a year
 * reported either as a whole or by month), the scenario (must exist; medical scenarios need the
 * registration and ethics state, and an invasive BCI pilot cannot mark either "not required").
 */
export function validatePilot(input: unknown, context: PilotValidationContext): PilotValidation {
  const errors: PilotFieldIssues = {};
  const warnings: PilotFieldIssues = {};
  const add = (target: PilotFieldIssues, field: PilotInputField, item: PilotIssue): void => {
    const list = target[field] ?? (target[field] = []);
    if (!list.some((i) => i.code === item.code && i.index === item.index && i.zh === item.zh))
      list.push(item);
  };
  const raw = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  const parsed: Partial<Record<PilotInputField, unknown>> = {};
  for (const field of FIELDS) {
    // Lists may be left out of a new pilot's form: absent means empty.
    const given = Object.hasOwn(raw, field) ? raw[field] : undefined;
    const value = given === undefined && LIST_FIELDS.has(field) ? [] : given;
    const result = pilotInputFieldSchemas[field].safeParse(value);
    if (result.success) parsed[field] = result.data;
    else for (const zodIssue of result.error.issues) add(errors, field, issueFromZod(field, zodIssue, value));
  }
  const value = parsed as Partial<PilotInput>;
  const rowIssue = (field: PilotInputField, code: PilotIssueCode, index: number, text: LocalizedText): void =>
    add(errors, field, { code, ...text, index });

  // Dates in order.
  const order = (startField: 'plannedStart' | 'actualStart', endField: 'plannedEnd' | 'actualEnd'): void => {
    const start = value[startField];
    const end = value[endField];
    if (start && end && end < start) {
      const s = PILOT_FIELD_LABELS[startField];
      const e = PILOT_FIELD_LABELS[endField];
      add(errors, endField, {
        code: 'date_order',
        zh: `${e.zh}（${end}）不能早于${s.zh}（${start}）`,
        en: `${e.en} (${end}) cannot be before ${s.en.toLowerCase()} (${start})`,
      });
    }
  };
  order('plannedStart', 'plannedEnd');
  order('actualStart', 'actualEnd');
  if (value.actualEnd && value.actualStart === null) {
    add(errors, 'actualStart', {
      code: 'required',
      zh: '已填写实际结束日期，请同时填写实际开始日期',
      en: 'An actual end is given; enter the actual start too',
    });
  }
  if (context.today) {
    const today = context.today;
    for (const field of ['actualStart', 'actualEnd'] as const) {
      const date = value[field];
      if (date && date > today) {
        const l = PILOT_FIELD_LABELS[field];
        add(warnings, field, {
          code: 'date_in_future',
          zh: `${l.zh}（${date}）晚于今天，请确认`,
          en: `${l.en} (${date}) is after today; please check`,
        });
      }
    }
    value.milestones?.forEach((m, index) => {
      if (m.done && m.done > today) {
        add(warnings, 'milestones', {
          code: 'date_in_future',
          index,
          zh: `第 ${index + 1} 条里程碑的完成日期晚于今天，请确认`,
          en: `Milestone ${index + 1}: the done date is after today; please check`,
        });
      }
    });
  }

  // Partners: each once, exactly one lead, each registered.
  if (value.partners) {
    const seen = new Set<string>();
    value.partners.forEach((p, index) => {
      if (seen.has(p.partnerId)) {
        rowIssue('partners', 'duplicate_partner', index, {
          zh: `第 ${index + 1} 条伙伴单位重复`,
          en: `Partner ${index + 1} is listed twice`,
        });
      } else if (!context.hasPartner(p.partnerId)) {
        rowIssue('partners', 'unknown_partner', index, {
          zh: `第 ${index + 1} 条伙伴单位未登记，请先登记伙伴单位`,
          en: `Partner ${index + 1} is not registered; register the partner first`,
        });
      }
      seen.add(p.partnerId);
    });
    const leads = value.partners.filter((p) => p.isLead).length;
    if (value.partners.length > 0 && leads === 0) {
      add(errors, 'partners', { code: 'no_lead', zh: '请指定一家牵头单位', en: 'Choose one lead partner' });
    } else if (leads > 1) {
      add(errors, 'partners', {
        code: 'several_leads',
        zh: `只能有一家牵头单位，现有 ${leads} 家`,
        en: `A pilot has one lead partner; ${leads} are marked`,
      });
    }
  }

  // Milestones: ids unique within the pilot.
  if (value.milestones) {
    const ids = new Set<string>();
    value.milestones.forEach((m, index) => {
      if (ids.has(m.id))
        rowIssue('milestones', 'duplicate_milestone', index, {
          zh: `第 ${index + 1} 条里程碑的标识重复`,
          en: `Milestone ${index + 1} has a duplicate id`,
        });
      ids.add(m.id);
    });
  }

  // Indicators: one value per (indicator, period); a year is reported whole or by month, not both,
  // or the yearly sums on the dashboard would count it twice.
  if (value.indicators) {
    const seen = new Set<string>();
    const granularity = new Map<string, 'year' | 'month'>();
    value.indicators.forEach((row, index) => {
      const key = `${row.indicator}|${row.period}`;
      const label = INDICATORS.find((i) => i.key === row.indicator) ?? {
        zh: row.indicator,
        en: row.indicator,
      };
      if (seen.has(key)) {
        rowIssue('indicators', 'duplicate_indicator', index, {
          zh: `第 ${index + 1} 条指标记录重复：“${label.zh}”在 ${row.period} 已有数值`,
          en: `Indicator row ${index + 1} repeats ${label.en.toLowerCase()} for ${row.period}`,
        });
      }
      seen.add(key);
      const yearKey = `${row.indicator}|${row.period.slice(0, 4)}`;
      const kind = row.period.length === 4 ? 'year' : 'month';
      const before = granularity.get(yearKey);
      if (before !== undefined && before !== kind) {
        rowIssue('indicators', 'mixed_periods', index, {
          zh: `第 ${index + 1} 条指标记录：“${label.zh}”在 ${row.period.slice(0, 4)} 年已按${before === 'year' ? '全年' : '月'}填报，同一年请只按年或只按月填报`,
          en: `Indicator row ${index + 1}: ${label.en.toLowerCase()} for ${row.period.slice(0, 4)} is already reported by ${before}; report a year either whole or by month`,
        });
      } else if (before === undefined) {
        granularity.set(yearKey, kind);
      }
    });
  }

  // The scenario: exists; medical scenarios need regulatory state.
  if (value.scenarioId !== undefined) {
    const scenario = context.findScenario(value.scenarioId);
    if (!scenario) {
      add(errors, 'scenarioId', {
        code: 'unknown_scenario',
        zh: '关联场景不存在或已删除，请重新选择',
        en: 'The scenario does not exist or was deleted; choose it again',
      });
    } else {
      if (value.techDirection !== undefined && !scenario.techDirections.includes(value.techDirection)) {
        add(warnings, 'techDirection', {
          code: 'direction_not_in_scenario',
          zh: '该技术方向不在关联场景的技术方向之中，请确认',
          en: "This technology direction is not one of the scenario's; please check",
        });
      }
      if (scenario.field === 'medical' && value.regulatory === null) {
        add(errors, 'regulatory', {
          code: 'regulatory_required',
          zh: '医疗健康场景的试点需填写医疗器械注册和伦理审批状态',
          en: 'A pilot in a medical scenario needs its device registration and ethics approval state',
        });
      }
      if (scenario.field === 'medical' && value.regulatory && value.techDirection === 'invasive_bci') {
        const { deviceRegistration, ethicsApproval } = value.regulatory;
        if (ethicsApproval === 'not_required' || deviceRegistration === 'not_required') {
          add(errors, 'regulatory', {
            code: 'regulatory_implausible',
            zh: '侵入式脑机接口医疗试点必须经过伦理审批并办理医疗器械注册，不能选择“无需”',
            en: 'An invasive BCI medical pilot always needs ethics approval and device registration; "not required" is not possible',
          });
        }
      }
    }
  }

  const errorCount = Object.values(errors).reduce((sum, list) => sum + list.length, 0);
  if (errorCount > 0) {
    const failure = fail('invalid-pilot', {
      zh: `有 ${errorCount} 处需要修改`,
      en: `${errorCount} ${errorCount === 1 ? 'field needs' : 'fields need'} correcting`,
    });
    return { ...failure, errors, warnings };
  }
  return { ok: true, value: value as PilotInput, warnings };
}

// ---------------------------------------------------------------------------------------------
// Project numbers: P-<region>-<year>-<4-digit sequence>, numbered like catalog numbers (one
// sequence per region and year, never reused), the region being the scenario's.

/** Prefix that keeps project numbers apart from catalog numbers. */
export const PROJECT_NUMBER_PREFIX = 'P-';

/** Is this a well-formed project number, e.g. P-510107-2026-0001? */
export function isProjectNumber(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.startsWith(PROJECT_NUMBER_PREFIX) &&
    parseCatalogNumber(value.slice(PROJECT_NUMBER_PREFIX.length)).ok
  );
}

/**
 * The next free project number for a region and year, one past the highest known (every project
 * number the installation knows, or the last sequence used). See catalogNumber.ts for why numbers
 * are given once and never recomputed.
 */
export function nextProjectNumber(
  regionCode: RegionCode | string,
  year: number,
  existing: Iterable<string> | number,
): DomainResult<string, Exclude<CatalogNumberError, 'invalid-catalog-number'>> {
  const inner =
    typeof existing === 'number'
      ? existing
      : (function* stripPrefix() {
          for (const number of existing)
            if (typeof number === 'string' && number.startsWith(PROJECT_NUMBER_PREFIX))
              yield number.slice(PROJECT_NUMBER_PREFIX.length);
        })();
  const next = nextCatalogNumber(regionCode, year, inner);
  return next.ok ? { ok: true, value: PROJECT_NUMBER_PREFIX + next.value } : next;
}

// ---------------------------------------------------------------------------------------------
// Milestones.

/** Is this milestone past its due date and not done? (Due today is not overdue.) */
export function isOverdue(milestone: Pick<Milestone, 'due' | 'done'>, today: IsoDate): boolean {
  return milestone.done === null && milestone.due < today;
}

/** The pilot's overdue milestones, earliest due first. */
export function overdueMilestones(pilot: Pick<Pilot, 'milestones'>, today: IsoDate): Milestone[] {
  return pilot.milestones
    .filter((m) => isOverdue(m, today))
    .sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------
// Stage requirements: what a pilot must hold to be in a stage. Cumulative along the main path, so
// a pilot at 已完成 still has its lead partner and dates even if someone cleared them since.

/** A thing a stage needs. */
export type StageRequirementKey =
  'lead_partner' | 'planned_dates' | 'actual_start' | 'ethics_approval' | 'milestone_done' | 'actual_end';

/** A missing requirement, with the field to fill in. */
export interface StageRequirement extends LocalizedText {
  readonly key: StageRequirementKey;
  readonly field: PilotInputField;
}

const MAIN_PATH_NEEDS: readonly (readonly [PilotStage, readonly StageRequirementKey[]])[] = [
  ['signed', ['lead_partner', 'planned_dates']],
  ['in_progress', ['actual_start', 'ethics_approval']],
  ['under_acceptance', ['milestone_done']],
  ['completed', ['actual_end']],
];
/** The pipeline's main path in order, 申报 to 推广; the dead ends (未入选, 已终止) are off it. */
export const PILOT_MAIN_PATH: readonly PilotStage[] = [
  'applied',
  'under_review',
  'selected',
  'signed',
  'in_progress',
  'under_acceptance',
  'completed',
  'scaled_up',
];

/** The pilot fields the stage requirements read. */
export type PilotRequirementInput = Pick<
  Pilot,
  'partners' | 'plannedStart' | 'plannedEnd' | 'actualStart' | 'actualEnd' | 'milestones' | 'regulatory'
>;

/** The requirements of a stage, in the order a person fills them in; [] for 申报, 评审中, 已入选, 未入选 and 已终止. */
export function stageNeeds(stage: PilotStage): StageRequirementKey[] {
  const rank = PILOT_MAIN_PATH.indexOf(stage);
  if (rank < 0) return [];
  return MAIN_PATH_NEEDS.filter(([s]) => PILOT_MAIN_PATH.indexOf(s) <= rank).flatMap(([, keys]) => keys);
}

/**
 * What is missing before a pilot may be in stage `to` (已签约: a lead partner and planned dates;
 * 实施中: an actual start and, for medical pilots, ethics approval granted or not required;
 * 验收中: a milestone done; 已完成: an actual end; each includes the earlier ones). [] when
 * nothing is missing. Whether the move itself is allowed is {@link checkPilotStageMove}'s job.
 */
export function stageRequirements(
  pilot: PilotRequirementInput,
  to: PilotStage,
  options: { readonly scenarioField?: ApplicationField } = {},
): StageRequirement[] {
  const missing: StageRequirement[] = [];
  const isMedical = options.scenarioField === 'medical' || pilot.regulatory !== null;
  for (const key of stageNeeds(to)) {
    switch (key) {
      case 'lead_partner':
        if (!pilot.partners.some((p) => p.isLead))
          missing.push({ key, field: 'partners', zh: '指定牵头单位', en: 'Choose the lead partner' });
        break;
      case 'planned_dates':
        if (pilot.plannedStart === null || pilot.plannedEnd === null) {
          missing.push({
            key,
            field: pilot.plannedStart === null ? 'plannedStart' : 'plannedEnd',
            zh: '填写计划开始和结束日期',
            en: 'Enter the planned start and end dates',
          });
        }
        break;
      case 'actual_start':
        if (pilot.actualStart === null)
          missing.push({
            key,
            field: 'actualStart',
            zh: '填写实际开始日期',
            en: 'Enter the actual start date',
          });
        break;
      case 'ethics_approval': {
        const state = pilot.regulatory?.ethicsApproval;
        if (isMedical && state !== 'approved' && state !== 'not_required') {
          missing.push({
            key,
            field: 'regulatory',
            zh: '医疗试点需先取得伦理审批',
            en: 'A medical pilot needs its ethics approval first',
          });
        }
        break;
      }
      case 'milestone_done':
        if (!pilot.milestones.some((m) => m.done !== null)) {
          missing.push({
            key,
            field: 'milestones',
            zh: '至少完成一个里程碑（填写完成日期）',
            en: 'Complete at least one milestone (enter its done date)',
          });
        }
        break;
      case 'actual_end':
        if (pilot.actualEnd === null)
          missing.push({ key, field: 'actualEnd', zh: '填写实际结束日期', en: 'Enter the actual end date' });
        break;
    }
  }
  return missing;
}

/** Why a pilot's stage move is refused. */
export type PilotStageMoveError = StageChangeError | 'requirements-missing';

/**
 * A card moved on the pipeline board: the move must be one of DOMAIN.md's (with a note for 已终止
 * and 未入选) and the pilot must meet the target stage's requirements; the failure lists the
 * missing ones (zh in `message`, keys in `details`).
 */
export function checkPilotStageMove(
  pilot: PilotRequirementInput & Pick<Pilot, 'stage'>,
  to: PilotStage,
  note?: string | null,
  options: { readonly scenarioField?: ApplicationField } = {},
): DomainResult<StageChange, PilotStageMoveError> {
  const move = checkStageChange({ from: pilot.stage, to, note: note ?? null });
  if (!move.ok) return move;
  const missing = stageRequirements(pilot, to, options);
  if (missing.length > 0) {
    const label = pilotStageLabel(to);
    return fail(
      'requirements-missing',
      {
        zh: `进入“${label.zh}”前还需：${missing.map((m) => m.zh).join('；')}`,
        en: `Before moving to ${label.en.toLowerCase()}: ${missing.map((m) => m.en.charAt(0).toLowerCase() + m.en.slice(1)).join('; ')}`,
      },
      missing.map((m) => m.key),
    );
  }
  return move;
}

// ---------------------------------------------------------------------------------------------
// Records.

const epochMs = z.number().int().min(0);

/**
 * A whole stored or imported pilot: the form fields plus identity, number, stage and metadata.
 * Cross-record rules (scenario and partners exist, regulatory) still need {@link validatePilot}.
 */
export const pilotRecordSchema = pilotInputSchema.extend({
  id: uuid.transform((id) => id as PilotId),
  projectNumber: z.string().refine(isProjectNumber),
  stage: z.enum(keysOf(PILOT_STAGES)),
  ownerUnitCode: z
    .string()
    .regex(/^\d{6}$/)
    .transform((code) => code as RegionCode),
  createdAt: epochMs,
  updatedAt: epochMs,
  version: z.number().int().min(1),
  deletedAt: epochMs.nullable(),
}) satisfies z.ZodType<Pilot, unknown>;

/** What the caller supplies when creating a pilot: shared has no clock or crypto. */
export interface PilotCreation {
  readonly id: PilotId;
  /** From {@link nextProjectNumber}. */
  readonly projectNumber: string;
  readonly ownerUnitCode: RegionCode;
  /** Epoch ms. */
  readonly now: number;
}

/** A new pilot at stage 申报 (version 1) from validated input. */
export function createPilot(input: PilotInput, creation: PilotCreation): Pilot {
  return {
    id: creation.id,
    projectNumber: creation.projectNumber,
    ...input,
    stage: 'applied',
    ownerUnitCode: creation.ownerUnitCode,
    createdAt: creation.now,
    updatedAt: creation.now,
    version: 1,
    deletedAt: null,
  };
}

/** The pilot after an edit of its form fields: identity, number, stage and owner unchanged, version + 1. */
export function updatePilot(current: Pilot, input: PilotInput, now: number): Pilot {
  return { ...current, ...input, updatedAt: now, version: current.version + 1 };
}
