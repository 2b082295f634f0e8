/**
 * The columns of the exported spreadsheets (issue 5), one table per sheet. Export writes these
 * headers and cells; import reads a header back to its column by the Chinese OR English header
 * ({@link findScenarioColumn}) and uses `field`, `kind` and `options` to turn a cell back into a
 * scenario field. The Chinese headers are DOMAIN.md's labels (SCENARIO_FIELD_LABELS).
 */
import type { Region } from '../regions/regions';
import type { Scenario } from '../domain/scenario';
import type { LocalizedText } from '../domain/localizedText';
import {
  APPLICATION_FIELDS,
  OPENING_LEVELS,
  REGION_LEVELS,
  SCENARIO_FIELD_LABELS,
  SCENARIO_STATUSES,
  TECH_DIRECTIONS,
  type VocabularyEntry,
} from '../domain/vocabulary';
import { type CellKind, type CellValue, type SheetColumn } from './sheet';

/**
 * What a column holds, for export and import alike. `enum` is one vocabulary label, `enumList`
 * several joined with {@link LIST_SEPARATOR}; `boolean` is 是 / 否; `date` a `YYYY-MM-DD` day;
 * `datetime` an instant (epoch ms) shown in Asia/Shanghai time.
 */
export type ColumnKind = 'text' | 'number' | 'date' | 'datetime' | 'enum' | 'enumList' | 'boolean';

/** Joins the labels of an `enumList` cell (技术方向); import splits on it (and on , ， ; ；). */
export const LIST_SEPARATOR = '、';

/** The cell text of true / false in a `boolean` column. */
export const BOOLEAN_LABELS = { true: { zh: '是', en: 'Yes' }, false: { zh: '否', en: 'No' } } as const;

/** The region data a column needs: names and the tree. A RegionIndex fits; so does a plain Map in a worker. */
export interface RegionNameLookup {
  get(code: string): Pick<Region, 'code' | 'name' | 'level' | 'parent'> | undefined;
}

/** One column of a sheet: headers in both languages, kind, width and how to fill a cell. */
export interface SpreadsheetColumn<R, K extends string = string> extends LocalizedText {
  /** Stable English key (never rename: templates and saved mappings may hold it). */
  readonly key: K;
  readonly kind: ColumnKind;
  /** Width in Excel characters (a CJK character counts about 2). */
  readonly width: number;
  /** For `enum` / `enumList`: the vocabulary; import maps labels (or keys) back, the template offers them. */
  readonly options?: readonly VocabularyEntry<string>[];
  readonly toCell: (row: R, regions: RegionNameLookup) => CellValue;
}

/** Keys of the 场景目录 columns: Scenario fields, plus the region names and the two coordinates. */
export type ScenarioColumnKey =
  | Exclude<keyof Scenario, 'location' | 'deletedAt'>
  | 'provinceName'
  | 'cityName'
  | 'countyName'
  | 'lat'
  | 'lng';

/** A column of the 场景目录 sheet. `field` is the Scenario field import writes (null: derived from the region code). */
export interface ScenarioColumn extends SpreadsheetColumn<Scenario, ScenarioColumnKey> {
  readonly field: keyof Scenario | null;
}

function labelMap(list: readonly VocabularyEntry<string>[]): ReadonlyMap<string, string> {
  return new Map(list.map((entry) => [entry.key, entry.zh]));
}
const FIELD_ZH = labelMap(APPLICATION_FIELDS);
const DIRECTION_ZH = labelMap(TECH_DIRECTIONS);
const LEVEL_ZH = labelMap(OPENING_LEVELS);
const STATUS_ZH = labelMap(SCENARIO_STATUSES);
const REGION_LEVEL_ZH = labelMap(REGION_LEVELS);

/** The region of `code` or its ancestor at `level`, by walking up (three steps at most). */
function regionAt(regions: RegionNameLookup, code: string, level: Region['level']): string | null {
  let region = regions.get(code);
  for (let guard = 0; region && guard < 4; guard += 1) {
    if (region.level === level) return region.name;
    region = region.parent === null ? undefined : regions.get(region.parent);
  }
  return null;
}

const bool = (value: boolean): string => (value ? BOOLEAN_LABELS.true.zh : BOOLEAN_LABELS.false.zh);

function labelled(field: keyof typeof SCENARIO_FIELD_LABELS) {
  return SCENARIO_FIELD_LABELS[field];
}

/** A column carrying one Scenario field under its DOMAIN label. */
function fieldColumn(
  key: ScenarioColumnKey & keyof Scenario,
  kind: ColumnKind,
  width: number,
  toCell: (row: Scenario, regions: RegionNameLookup) => CellValue,
  options?: readonly VocabularyEntry<string>[],
): ScenarioColumn {
  const label = labelled(key);
  return options
    ? { key, field: key, zh: label.zh, en: label.en, kind, width, toCell, options }
    : { key, field: key, zh: label.zh, en: label.en, kind, width, toCell };
}

/**
 * The 场景目录 sheet, in the order people read a catalog: what and where first, then details,
 * contact and status, then the record metadata that lets an export be imported back unchanged.
 * `deletedAt` is not a column: exports hold live records only.
 */
export const SCENARIO_COLUMNS: readonly ScenarioColumn[] = [
  fieldColumn('catalogNumber', 'text', 18, (s) => s.catalogNumber),
  fieldColumn('title', 'text', 36, (s) => s.title),
  fieldColumn('field', 'enum', 16, (s) => FIELD_ZH.get(s.field) ?? s.field, APPLICATION_FIELDS),
  fieldColumn(
    'techDirections',
    'enumList',
    30,
    (s) => s.techDirections.map((key) => DIRECTION_ZH.get(key) ?? key).join(LIST_SEPARATOR),
    TECH_DIRECTIONS,
  ),
  fieldColumn('openingLevel', 'enum', 10, (s) => LEVEL_ZH.get(s.openingLevel) ?? s.openingLevel, OPENING_LEVELS),
  { key: 'provinceName', field: null, zh: '省', en: 'Province', kind: 'text', width: 10, toCell: (s, r) => regionAt(r, s.regionCode, 'province') },
  { key: 'cityName', field: null, zh: '市（州）', en: 'City / prefecture', kind: 'text', width: 16, toCell: (s, r) => regionAt(r, s.regionCode, 'city') },
  { key: 'countyName', field: null, zh: '县（市、区）', en: 'County / district', kind: 'text', width: 16, toCell: (s, r) => regionAt(r, s.regionCode, 'county') },
  { key: 'regionCode', field: 'regionCode', zh: '所属地区代码', en: 'Region code', kind: 'text', width: 13, toCell: (s) => s.regionCode },
  fieldColumn('ownerUnit', 'text', 28, (s) => s.ownerUnit),
  { key: 'lat', field: 'location', zh: '纬度', en: 'Latitude', kind: 'number', width: 11, toCell: (s) => s.location.lat },
  { key: 'lng', field: 'location', zh: '经度', en: 'Longitude', kind: 'number', width: 11, toCell: (s) => s.location.lng },
  fieldColumn('address', 'text', 36, (s) => s.address),
  fieldColumn('isPlaced', 'boolean', 8, (s) => bool(s.isPlaced)),
  fieldColumn('description', 'text', 50, (s) => s.description),
  fieldColumn('requirements', 'text', 40, (s) => s.requirements),
  fieldColumn('resourcesOffered', 'text', 30, (s) => s.resourcesOffered),
  fieldColumn('partnerSlots', 'number', 10, (s) => s.partnerSlots),
  fieldColumn('openFrom', 'date', 14, (s) => s.openFrom),
  fieldColumn('openUntil', 'date', 14, (s) => s.openUntil),
  fieldColumn('contactName', 'text', 10, (s) => s.contactName),
  fieldColumn('contactPhone', 'text', 16, (s) => s.contactPhone),
  fieldColumn('contactEmail', 'text', 24, (s) => s.contactEmail),
  fieldColumn('status', 'enum', 10, (s) => STATUS_ZH.get(s.status) ?? s.status, SCENARIO_STATUSES),
  fieldColumn('suspendedFrom', 'enum', 12, (s) => (s.suspendedFrom === null ? null : (STATUS_ZH.get(s.suspendedFrom) ?? s.suspendedFrom)), SCENARIO_STATUSES),
  fieldColumn('batch', 'text', 14, (s) => s.batch),
  fieldColumn('id', 'text', 38, (s) => s.id),
  fieldColumn('ownerUnitCode', 'text', 13, (s) => s.ownerUnitCode),
  fieldColumn('createdAt', 'datetime', 19, (s) => s.createdAt),
  fieldColumn('updatedAt', 'datetime', 19, (s) => s.updatedAt),
  fieldColumn('version', 'number', 7, (s) => s.version),
  fieldColumn('isDemo', 'boolean', 8, (s) => bool(s.isDemo)),
];

/** The cell kind a writer uses for a column kind (labels and 是/否 are text). */
export function cellKindOf(kind: ColumnKind): CellKind {
  return kind === 'number' || kind === 'date' || kind === 'datetime' ? kind : 'text';
}

/** Header language of an export. */
export type HeaderLanguage = keyof LocalizedText;

/** The writer-level columns of a table, bound to a region lookup, with headers in one language. */
export function toSheetColumns<R>(
  columns: readonly SpreadsheetColumn<R>[],
  regions: RegionNameLookup,
  language: HeaderLanguage = 'zh',
): SheetColumn<R>[] {
  return columns.map((column) => ({
    header: column[language],
    width: column.width,
    kind: cellKindOf(column.kind),
    value: (row: R) => column.toCell(row, regions),
  }));
}

/** A header as import compares it: NFKC (full-width brackets and spaces fold), trimmed, spaces squeezed, lower case. */
export function normaliseHeader(header: string): string {
  return header.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Header → column for a table; a Map, so a `__proto__` or `constructor` header finds nothing. */
export function headerLookup<C extends LocalizedText & { readonly key: string }>(columns: readonly C[]): ReadonlyMap<string, C> {
  const map = new Map<string, C>();
  for (const column of columns) {
    map.set(normaliseHeader(column.zh), column);
    map.set(normaliseHeader(column.en), column);
    map.set(normaliseHeader(column.key), column);
  }
  return map;
}

const SCENARIO_HEADERS = headerLookup(SCENARIO_COLUMNS);

/** The 场景目录 column a header names (Chinese header, English header or key), if any. */
export function findScenarioColumn(header: string): ScenarioColumn | undefined {
  return SCENARIO_HEADERS.get(normaliseHeader(header));
}


// ---------------------------------------------------------------------------------------------
// 统计: region × field × status

/** One row of the 统计 sheet: a region (counts rolled up the tree) and an application field. */
export interface ScenarioStatsRow {
  readonly regionCode: string;
  readonly regionName: string;
  readonly regionLevel: Region['level'];
  readonly field: Scenario['field'];
  /** Count per status, in SCENARIO_STATUSES order. */
  readonly byStatus: readonly number[];
  readonly total: number;
}

/** Keys of the 统计 columns. */
export type StatsColumnKey = 'regionCode' | 'regionName' | 'regionLevel' | 'field' | `status:${Scenario['status']}` | 'total';

/** A column of the 统计 sheet. */
export type StatsColumn = SpreadsheetColumn<ScenarioStatsRow, StatsColumnKey>;

/** The 统计 sheet: region, level, field, one count column per status, total. */
export const STATS_COLUMNS: readonly StatsColumn[] = [
  { key: 'regionCode', zh: '地区代码', en: 'Region code', kind: 'text', width: 10, toCell: (row) => row.regionCode },
  { key: 'regionName', zh: '地区', en: 'Region', kind: 'text', width: 16, toCell: (row) => row.regionName },
  { key: 'regionLevel', zh: '行政级别', en: 'Level', kind: 'text', width: 12, toCell: (row) => REGION_LEVEL_ZH.get(row.regionLevel) ?? row.regionLevel },
  { key: 'field', zh: SCENARIO_FIELD_LABELS.field.zh, en: SCENARIO_FIELD_LABELS.field.en, kind: 'enum', width: 16, toCell: (row) => FIELD_ZH.get(row.field) ?? row.field, options: APPLICATION_FIELDS },
  ...SCENARIO_STATUSES.map(
    (status, index): StatsColumn => ({
      key: `status:${status.key}`,
      zh: status.zh,
      en: status.en,
      kind: 'number',
      width: 8,
      toCell: (row) => row.byStatus[index] ?? 0,
    }),
  ),
  { key: 'total', zh: '合计', en: 'Total', kind: 'number', width: 8, toCell: (row) => row.total },
];

const LEVEL_ORDER: Readonly<Record<Region['level'], number>> = { province: 0, city: 1, county: 2 };

/**
 * Counts scenarios per region × field × status, rolled up the tree (a county's record also counts
 * for its city and the province, as in countByRegion). Rows in tree order — province, then each
 * city followed by its counties — and fields in vocabulary order; zero rows are left out.
 * Records whose region is unknown count for no region.
 */
export function scenarioStats(rows: readonly Scenario[], regions: RegionNameLookup): ScenarioStatsRow[] {
  const statusIndex = new Map<string, number>(SCENARIO_STATUSES.map((status, index) => [status.key, index]));
  const fieldIndex = new Map<string, number>(APPLICATION_FIELDS.map((field, index) => [field.key, index]));
  const statusCount = SCENARIO_STATUSES.length;
  // region code → flat [field × status] counts
  const cells = new Map<string, number[]>();
  for (const row of rows) {
    const s = statusIndex.get(row.status);
    const f = fieldIndex.get(row.field);
    if (s === undefined || f === undefined) continue;
    let region = regions.get(row.regionCode);
    for (let guard = 0; region && guard < 4; guard += 1) {
      let counts = cells.get(region.code);
      if (!counts) cells.set(region.code, (counts = new Array<number>(APPLICATION_FIELDS.length * statusCount).fill(0)));
      counts[f * statusCount + s] = (counts[f * statusCount + s] ?? 0) + 1;
      region = region.parent === null ? undefined : regions.get(region.parent);
    }
  }
  const sortKey = (code: string): string => {
    const region = regions.get(code);
    if (!region) return code;
    // city code for a county (its parent), own code otherwise, then level: keeps counties under their city
    const cityCode = region.level === 'county' && region.parent ? region.parent : region.code;
    return `${region.level === 'province' ? '0' : '1'}${cityCode}${LEVEL_ORDER[region.level]}${region.code}`;
  };
  const codes = [...cells.keys()].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
  const out: ScenarioStatsRow[] = [];
  for (const code of codes) {
    const region = regions.get(code);
    const counts = cells.get(code);
    if (!region || !counts) continue;
    APPLICATION_FIELDS.forEach((field, f) => {
      const byStatus = counts.slice(f * statusCount, (f + 1) * statusCount);
      const total = byStatus.reduce((sum, n) => sum + n, 0);
      if (total > 0) out.push({ regionCode: region.code, regionName: region.name, regionLevel: region.level, field: field.key, byStatus, total });
    });
  }
  return out;
}
