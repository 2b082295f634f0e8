/**
 * Aggregates of the 统计 dashboard: scenarios by region × field × status with drill-down
 * (province → city → county), the pilot funnel by stage, indicators per year, and progress against
 * the plan's 2027 and 2030 targets (DOMAIN.md). Single passes over plain arrays with precomputed
 * lookups: 100k scenarios and 20k pilots stay well under the 200 ms budget (see the test's timing).
 * Soft-deleted records are skipped everywhere.
 */
import { z } from 'zod';
import { fail, type DomainResult, type LocalizedText } from '../domain/localizedText';
import type { Scenario, ScenarioId } from '../domain/scenario';
import {
  APPLICATION_FIELDS,
  INDICATORS,
  PILOT_STAGES,
  SCENARIO_STATUSES,
  type ApplicationField,
  type Indicator,
  type PilotStage,
  type ScenarioStatus,
  type TechDirection,
} from '../domain/vocabulary';
import type { Region, RegionIndex, RegionLevel } from '../regions/regions';
import { ok } from '../result';
import type { Pilot } from './pilot';

const FIELD_KEYS = APPLICATION_FIELDS.map((f) => f.key);
const STATUS_KEYS = SCENARIO_STATUSES.map((s) => s.key);
const FIELD_INDEX = new Map<string, number>(FIELD_KEYS.map((k, i) => [k, i]));
const STATUS_INDEX = new Map<string, number>(STATUS_KEYS.map((k, i) => [k, i]));
const CELLS = FIELD_KEYS.length * STATUS_KEYS.length;
const INDICATOR_KEYS = INDICATORS.map((i) => i.key);
const INDICATOR_INDEX = new Map<string, number>(INDICATOR_KEYS.map((k, i) => [k, i]));

// The year of a validated period (YYYY or YYYY-MM) without allocating a substring.
function yearOf(period: string): number {
  return (
    (period.charCodeAt(0) - 48) * 1000 +
    (period.charCodeAt(1) - 48) * 100 +
    (period.charCodeAt(2) - 48) * 10 +
    (period.charCodeAt(3) - 48)
  );
}

/** Scenario counts of one region (or group): per field × status, and the margins. */
export interface FieldStatusCounts {
  readonly total: number;
  readonly byField: Readonly<Record<ApplicationField, number>>;
  readonly byStatus: Readonly<Record<ScenarioStatus, number>>;
  readonly cells: Readonly<Record<ApplicationField, Readonly<Record<ScenarioStatus, number>>>>;
}

/** One row of the region table. */
export interface RegionCountsRow {
  readonly region: Region;
  readonly counts: FieldStatusCounts;
}

/** The region × field × status table at one level of the drill-down. */
export interface RegionBreakdown {
  readonly level: RegionLevel;
  /** The region drilled into (the province for cities, a city for its counties); null at province level or for all counties. */
  readonly parent: Region | null;
  /** One row per region of `level` under `parent`, in the region index's order (by code). */
  readonly rows: readonly RegionCountsRow[];
  /** Records registered at `parent` itself (province-level scenarios beside the cities; a city's own beside its counties). */
  readonly direct: FieldStatusCounts | null;
  /** Everything under `parent` (rows + direct). */
  readonly total: FieldStatusCounts;
}

/** The scenario fields the dashboard reads. */
export type DashboardScenario = Pick<Scenario, 'regionCode' | 'field' | 'status' | 'deletedAt'>;

function toCounts(cells: Int32Array, offset: number): FieldStatusCounts {
  const byField = {} as Record<ApplicationField, number>;
  const byStatus = {} as Record<ScenarioStatus, number>;
  const table = {} as Record<ApplicationField, Record<ScenarioStatus, number>>;
  for (const status of STATUS_KEYS) byStatus[status] = 0;
  let total = 0;
  FIELD_KEYS.forEach((field, f) => {
    const row = {} as Record<ScenarioStatus, number>;
    let fieldTotal = 0;
    STATUS_KEYS.forEach((status, s) => {
      const n = cells[offset + f * STATUS_KEYS.length + s] ?? 0;
      row[status] = n;
      fieldTotal += n;
      byStatus[status] += n;
    });
    table[field] = row;
    byField[field] = fieldTotal;
    total += fieldTotal;
  });
  return { total, byField, byStatus, cells: table };
}

const DIRECT = -1;
const OUTSIDE = -2;

/**
 * Counts scenarios per region of `level` under `parentCode`, by field and status. A record counts
 * for the row whose region contains its region (a county's record in its city's row); records at
 * the parent itself go to `direct`. `parentCode`: ignored for 'province'; defaults to the province
 * for 'city'; for 'county', a city code, or omitted for every county of the province. Records
 * with codes unknown to the index are skipped. Throws on a parent of the wrong level (a bug).
 */
export function countsByRegionFieldStatus(
  scenarios: Iterable<DashboardScenario>,
  regions: RegionIndex,
  level: RegionLevel,
  parentCode?: string,
): RegionBreakdown {
  let parent: Region | null = null;
  let rowRegions: readonly Region[];
  if (level === 'province') {
    rowRegions = [regions.province];
  } else if (level === 'city') {
    parent = regions.province;
    if (parentCode !== undefined && parentCode !== regions.province.code)
      throw new RangeError(`[dashboard] cities are drilled into from the province, not ${parentCode}`);
    rowRegions = regions.cities();
  } else if (parentCode === undefined) {
    rowRegions = regions.counties();
  } else {
    const city = regions.get(parentCode);
    if (city?.level !== 'city')
      throw new RangeError(`[dashboard] counties are drilled into from a city, not ${parentCode}`);
    parent = city;
    rowRegions = regions.children(city.code);
  }

  const rowOf = new Map<string, number>(rowRegions.map((r, i) => [r.code, i]));
  // Region code → row index (or DIRECT / OUTSIDE), computed once per distinct code.
  const slot = new Map<string, number>();
  const slotOf = (code: string): number => {
    const known = slot.get(code);
    if (known !== undefined) return known;
    let result = OUTSIDE;
    let region = regions.get(code);
    while (region) {
      const row = rowOf.get(region.code);
      if (row !== undefined) {
        result = row;
        break;
      }
      if (parent && region.code === parent.code) {
        result = DIRECT;
        break;
      }
      region = region.parent ? regions.get(region.parent) : undefined;
    }
    slot.set(code, result);
    return result;
  };

  const cells = new Int32Array((rowRegions.length + 1) * CELLS);
  const directOffset = rowRegions.length * CELLS;
  for (const scenario of scenarios) {
    if (scenario.deletedAt !== null) continue;
    const where = slotOf(scenario.regionCode);
    if (where === OUTSIDE) continue;
    const f = FIELD_INDEX.get(scenario.field);
    const s = STATUS_INDEX.get(scenario.status);
    if (f === undefined || s === undefined) continue;
    const offset = where === DIRECT ? directOffset : where * CELLS;
    cells[offset + f * STATUS_KEYS.length + s] = (cells[offset + f * STATUS_KEYS.length + s] ?? 0) + 1;
  }
  const totalCells = new Int32Array(CELLS);
  for (let r = 0; r <= rowRegions.length; r += 1)
    for (let c = 0; c < CELLS; c += 1) totalCells[c] = (totalCells[c] ?? 0) + (cells[r * CELLS + c] ?? 0);

  return {
    level,
    parent,
    rows: rowRegions.map((region, i) => ({ region, counts: toCounts(cells, i * CELLS) })),
    direct: parent ? toCounts(cells, directOffset) : null,
    total: toCounts(totalCells, 0),
  };
}

/** The pilot fields the dashboard reads. */
export type DashboardPilot = Pick<
  Pilot,
  'scenarioId' | 'stage' | 'techDirection' | 'indicators' | 'regulatory' | 'deletedAt'
>;

/** One bar of the funnel. */
export interface FunnelStage extends LocalizedText {
  readonly stage: PilotStage;
  readonly count: number;
}

/** Live pilots per stage, every stage in pipeline order (PILOT_STAGES), zeros included. */
export function pilotFunnel(pilots: Iterable<Pick<Pilot, 'stage' | 'deletedAt'>>): FunnelStage[] {
  const counts = new Map<string, number>();
  for (const pilot of pilots)
    if (pilot.deletedAt === null) counts.set(pilot.stage, (counts.get(pilot.stage) ?? 0) + 1);
  return PILOT_STAGES.map((s) => ({ stage: s.key, zh: s.zh, en: s.en, count: counts.get(s.key) ?? 0 }));
}

/** The indicator sums of one year. */
export interface IndicatorYear {
  readonly year: number;
  readonly values: Readonly<Record<Indicator, number>>;
}

/**
 * Each indicator summed per calendar year over live pilots; monthly values (YYYY-MM) go to their
 * year (validatePilot refuses a year reported both ways, so nothing counts twice). Years ascending;
 * only years with a row appear.
 */
export function indicatorsByYear(pilots: Iterable<Pick<Pilot, 'indicators' | 'deletedAt'>>): IndicatorYear[] {
  const years = new Map<number, Float64Array>();
  for (const pilot of pilots) {
    if (pilot.deletedAt !== null) continue;
    for (const row of pilot.indicators) {
      const i = INDICATOR_INDEX.get(row.indicator);
      if (i === undefined) continue;
      const year = yearOf(row.period);
      let sums = years.get(year);
      if (!sums) years.set(year, (sums = new Float64Array(INDICATOR_KEYS.length)));
      sums[i] = (sums[i] ?? 0) + row.value;
    }
  }
  return [...years.entries()]
    .sort(([a], [b]) => a - b)
    .map(([year, sums]) => {
      const values = {} as Record<Indicator, number>;
      INDICATOR_KEYS.forEach((key, i) => (values[key] = sums[i] ?? 0));
      return { year, values };
    });
}

/** Counts that the register does not hold (enterprise classifications), entered by the province office. */
export interface ExternalPlanCounts {
  readonly chainLeaderEnterprises?: number;
  readonly specialisedSmes?: number;
  readonly innovativeSmes?: number;
}

/** The keys of {@link ExternalPlanCounts}, in the order the form shows them. */
export const EXTERNAL_PLAN_COUNT_KEYS = ['chainLeaderEnterprises', 'specialisedSmes', 'innovativeSmes'] as const;

/** The largest count accepted: the plan's targets are 10, 100 and 200 enterprises. */
export const MAX_EXTERNAL_PLAN_COUNT = 100_000;

const externalCountSchema = z.number().int().min(0).max(MAX_EXTERNAL_PLAN_COUNT).optional();

/** {@link ExternalPlanCounts} as entered: whole numbers 0–100,000, each optional, nothing else. */
export const externalPlanCountsSchema = z
  .object({
    chainLeaderEnterprises: externalCountSchema,
    specialisedSmes: externalCountSchema,
    innovativeSmes: externalCountSchema,
  })
  .strict();

/** The counts as stored: the values, when and by which unit they were entered. */
export interface ExternalPlanCountsEntry {
  readonly counts: ExternalPlanCounts;
  readonly updatedAt: number;
  readonly unitCode: string;
}

const externalPlanCountsEntrySchema = z
  .object({
    counts: externalPlanCountsSchema,
    updatedAt: z.number().int().nonnegative(),
    unitCode: z.string().regex(/^\d{6}$/),
  })
  .strict();

/**
 * Checks counts entered by hand: each a whole number from 0 to {@link MAX_EXTERNAL_PLAN_COUNT}, or
 * left empty. The message names the first wrong count in Chinese, as the form shows it.
 */
export function validateExternalPlanCounts(input: unknown): DomainResult<ExternalPlanCounts, 'invalid-plan-count'> {
  const parsed = externalPlanCountsSchema.safeParse(input);
  if (parsed.success) {
    // Absent keys stay absent (exactOptionalPropertyTypes): "not entered" is not 0.
    const counts: { -readonly [K in keyof ExternalPlanCounts]: number } = {};
    for (const key of EXTERNAL_PLAN_COUNT_KEYS) {
      const value = parsed.data[key];
      if (value !== undefined) counts[key] = value;
    }
    return ok(counts);
  }
  const issue = parsed.error.issues[0];
  // A strict object reports extra keys at its own path, naming them in `keys`.
  const key = issue?.code === 'unrecognized_keys' ? issue.keys.join('、') : issue?.path[0];
  const target = PLAN_TARGETS.find((t) => t.basis.kind === 'external' && t.basis.count === key);
  const max = MAX_EXTERNAL_PLAN_COUNT.toLocaleString('en-US');
  if (!target) {
    const named = key === undefined ? '' : `：${String(key)}`;
    return fail('invalid-plan-count', { zh: `填报内容无法识别${named}`, en: `Not a set of counts${named.replace('：', ': ')}` });
  }
  return fail('invalid-plan-count', {
    zh: `${target.zh}：请填写 0 到 ${max} 之间的整数`,
    en: `${target.en}: enter a whole number from 0 to ${max}`,
  });
}

/** A stored entry, or null when what is stored is missing or not one (a damaged row is ignored, never thrown). */
export function parseExternalPlanCountsEntry(value: unknown): ExternalPlanCountsEntry | null {
  const parsed = externalPlanCountsEntrySchema.safeParse(value);
  if (!parsed.success) return null;
  const counts = validateExternalPlanCounts(parsed.data.counts);
  return counts.ok ? { counts: counts.value, updatedAt: parsed.data.updatedAt, unitCode: parsed.data.unitCode } : null;
}

/** What a target is measured on. */
export type PlanTargetBasis =
  | { readonly kind: 'registered_devices'; readonly direction: TechDirection }
  | {
      readonly kind: 'cumulative_indicator';
      readonly indicator: Indicator;
      readonly direction?: TechDirection;
      readonly field?: ApplicationField;
    }
  | {
      readonly kind: 'annual_indicator';
      readonly indicator: Indicator;
      readonly direction?: TechDirection;
      readonly field?: ApplicationField;
    }
  | { readonly kind: 'external'; readonly count: keyof ExternalPlanCounts };

/** One of the plan's targets (DOMAIN.md "The plan's targets"), with how the register measures it. */
export interface PlanTarget extends LocalizedText {
  readonly key: string;
  /** The year the target is due. */
  readonly by: 2027 | 2030;
  readonly target: number;
  /** "over 50,000" is more_than; "3 products" is at_least. */
  readonly comparison: 'at_least' | 'more_than';
  readonly unit: LocalizedText;
  readonly basis: PlanTargetBasis;
  /** The assumption behind the measurement, shown beside the bar. */
  readonly note: LocalizedText;
}

/**
 * The plan's targets as data. Assumptions (the register has no "product" or "disease" field):
 * a registered product = a live pilot with that technology direction whose device registration is
 * 已取得注册证 (one product per pilot); patient services = 服务人次 of pilots in 医疗健康
 * scenarios (the plan's neurodegenerative / psychiatric / addiction scope is not recorded);
 * surgeries = 手术例数 of invasive-BCI pilots; rehabilitation uses = 康复应用人次 of all pilots;
 * enterprise classifications are not in the register and are entered by hand.
 */
export const PLAN_TARGETS: readonly PlanTarget[] = [
  {
    key: 'invasive_bci_registered',
    by: 2027,
    target: 3,
    comparison: 'at_least',
    zh: '侵入式脑机接口产品取得医疗器械注册证',
    en: 'Invasive BCI products registered as medical devices',
    unit: { zh: '个', en: 'products' },
    basis: { kind: 'registered_devices', direction: 'invasive_bci' },
    note: {
      zh: '按技术方向为侵入式脑机接口、医疗器械注册状态为“已取得注册证”的试点项目计数（每个项目计一个产品）',
      en: 'Pilots in invasive BCI whose device registration is "registered", one product per pilot',
    },
  },
  {
    key: 'non_invasive_bci_registered',
    by: 2027,
    target: 5,
    comparison: 'at_least',
    zh: '非侵入式脑机接口产品取得医疗器械注册证',
    en: 'Non-invasive BCI products registered as medical devices',
    unit: { zh: '个', en: 'products' },
    basis: { kind: 'registered_devices', direction: 'non_invasive_bci' },
    note: {
      zh: '按技术方向为非侵入式脑机接口、医疗器械注册状态为“已取得注册证”的试点项目计数（每个项目计一个产品）',
      en: 'Pilots in non-invasive BCI whose device registration is "registered", one product per pilot',
    },
  },
  {
    key: 'first_invasive_surgery',
    by: 2027,
    target: 1,
    comparison: 'at_least',
    zh: '完成全省首例侵入式脑机接口手术',
    en: 'First invasive BCI surgery in the province',
    unit: { zh: '例', en: 'procedures' },
    basis: { kind: 'cumulative_indicator', indicator: 'surgeries', direction: 'invasive_bci' },
    note: {
      zh: '侵入式脑机接口试点累计填报的手术例数',
      en: 'Surgical procedures reported by invasive BCI pilots, all years to date',
    },
  },
  {
    key: 'patient_services_2027',
    by: 2027,
    target: 50_000,
    comparison: 'more_than',
    zh: '年服务患者超过 5 万人次',
    en: 'Over 50,000 patient services a year',
    unit: { zh: '人次/年', en: 'services a year' },
    basis: { kind: 'annual_indicator', indicator: 'people_served', field: 'medical' },
    note: {
      zh: '医疗健康场景中试点当年填报的服务人次',
      en: 'People served in the year by pilots in medical scenarios',
    },
  },
  {
    key: 'invasive_surgeries_2030',
    by: 2030,
    target: 3_000,
    comparison: 'at_least',
    zh: '年完成侵入式脑机接口手术 3000 例',
    en: '3,000 invasive BCI surgeries a year',
    unit: { zh: '例/年', en: 'procedures a year' },
    basis: { kind: 'annual_indicator', indicator: 'surgeries', direction: 'invasive_bci' },
    note: {
      zh: '侵入式脑机接口试点当年填报的手术例数',
      en: 'Surgical procedures reported in the year by invasive BCI pilots',
    },
  },
  {
    key: 'patients_served_2030',
    by: 2030,
    target: 100_000,
    comparison: 'more_than',
    zh: '年服务神经退行性疾病、精神疾病、成瘾等患者超过 10 万人次',
    en: 'Over 100,000 patients served a year (neurodegenerative, psychiatric, addiction)',
    unit: { zh: '人次/年', en: 'services a year' },
    basis: { kind: 'annual_indicator', indicator: 'people_served', field: 'medical' },
    note: {
      zh: '医疗健康场景中试点当年填报的服务人次（台账不区分病种）',
      en: 'People served in the year by pilots in medical scenarios (the register does not record the condition)',
    },
  },
  {
    key: 'rehab_uses_2030',
    by: 2030,
    target: 20_000,
    comparison: 'more_than',
    zh: '康复类设备年应用超过 2 万人次',
    en: 'Rehabilitation devices over 20,000 uses a year',
    unit: { zh: '人次/年', en: 'uses a year' },
    basis: { kind: 'annual_indicator', indicator: 'rehab_uses' },
    note: {
      zh: '全部试点当年填报的康复应用人次',
      en: 'Rehabilitation uses reported in the year by all pilots',
    },
  },
  {
    key: 'chain_leader_enterprises',
    by: 2030,
    target: 10,
    comparison: 'at_least',
    zh: '培育链主企业 10 家',
    en: '10 chain-leader enterprises',
    unit: { zh: '家', en: 'enterprises' },
    basis: { kind: 'external', count: 'chainLeaderEnterprises' },
    note: {
      zh: '台账不记录企业认定情况，由省级主管部门填报',
      en: 'Not in the register; entered by the province office',
    },
  },
  {
    key: 'specialised_smes',
    by: 2030,
    target: 100,
    comparison: 'at_least',
    zh: '专精特新中小企业 100 家',
    en: '100 specialised SMEs (专精特新)',
    unit: { zh: '家', en: 'enterprises' },
    basis: { kind: 'external', count: 'specialisedSmes' },
    note: {
      zh: '台账不记录企业认定情况，由省级主管部门填报',
      en: 'Not in the register; entered by the province office',
    },
  },
  {
    key: 'innovative_smes',
    by: 2030,
    target: 200,
    comparison: 'at_least',
    zh: '创新型中小企业 200 家',
    en: '200 innovative SMEs',
    unit: { zh: '家', en: 'enterprises' },
    basis: { kind: 'external', count: 'innovativeSmes' },
    note: {
      zh: '台账不记录企业认定情况，由省级主管部门填报',
      en: 'Not in the register; entered by the province office',
    },
  },
];

/** One progress bar. */
export interface PlanProgressItem {
  readonly target: PlanTarget;
  /** Null when the input is not available (an external count not entered). */
  readonly value: number | null;
  /** value / target, not capped (1.2 = 120 %); null with the value. */
  readonly ratio: number | null;
  readonly isMet: boolean | null;
}

/** Inputs of {@link planProgress}. */
export interface PlanProgressOptions {
  /** The year the annual targets are measured in (usually the current or last complete year). */
  readonly year: number;
  /** The application field of a pilot's scenario; undefined for an unknown scenario (then it matches no field filter). */
  readonly scenarioFieldOf: (id: ScenarioId) => ApplicationField | undefined;
  readonly external?: ExternalPlanCounts;
}

/**
 * Progress against {@link PLAN_TARGETS}, one pass over the pilots. Cumulative targets sum every
 * year up to and including `year`; annual targets take `year` alone. Pilots of every stage count
 * (a terminated pilot's patients were still served), deleted ones do not.
 */
export function planProgress(
  pilots: Iterable<DashboardPilot>,
  options: PlanProgressOptions,
): PlanProgressItem[] {
  const values = new Float64Array(PLAN_TARGETS.length);
  const year = options.year;
  const fieldCache = new Map<string, ApplicationField | undefined>();
  const fieldOf = (id: ScenarioId): ApplicationField | undefined => {
    if (fieldCache.has(id)) return fieldCache.get(id);
    const field = options.scenarioFieldOf(id);
    fieldCache.set(id, field);
    return field;
  };
  // Flat, same-shaped records keep the inner loops monomorphic (fast on the first, cold run too).
  const devices: { t: number; direction: string }[] = [];
  const indicatorTargets: {
    t: number;
    indicator: string;
    direction: string | null;
    field: string | null;
    isAnnual: boolean;
  }[] = [];
  PLAN_TARGETS.forEach((target, t) => {
    const basis = target.basis;
    if (basis.kind === 'registered_devices') devices.push({ t, direction: basis.direction });
    else if (basis.kind !== 'external') {
      indicatorTargets.push({
        t,
        indicator: basis.indicator,
        direction: basis.direction ?? null,
        field: basis.field ?? null,
        isAnnual: basis.kind === 'annual_indicator',
      });
    }
  });
  const active: (typeof indicatorTargets)[number][] = [];
  for (const pilot of pilots) {
    if (pilot.deletedAt !== null) continue;
    if (pilot.regulatory?.deviceRegistration === 'registered') {
      for (const d of devices) if (pilot.techDirection === d.direction) values[d.t] = (values[d.t] ?? 0) + 1;
    }
    if (pilot.indicators.length === 0) continue;
    // The targets this pilot counts toward, decided once per pilot rather than per row.
    active.length = 0;
    for (const target of indicatorTargets) {
      if (target.direction !== null && pilot.techDirection !== target.direction) continue;
      if (target.field !== null && fieldOf(pilot.scenarioId) !== target.field) continue;
      active.push(target);
    }
    if (active.length === 0) continue;
    for (const row of pilot.indicators) {
      const rowYear = yearOf(row.period);
      if (rowYear > year) continue;
      for (const target of active) {
        if (target.indicator !== row.indicator || (target.isAnnual && rowYear !== year)) continue;
        values[target.t] = (values[target.t] ?? 0) + row.value;
      }
    }
  }
  return PLAN_TARGETS.map((target, t) => {
    const value =
      target.basis.kind === 'external' ? (options.external?.[target.basis.count] ?? null) : (values[t] ?? 0);
    if (value === null) return { target, value: null, ratio: null, isMet: null };
    return {
      target,
      value,
      ratio: value / target.target,
      isMet: target.comparison === 'more_than' ? value > target.target : value >= target.target,
    };
  });
}
