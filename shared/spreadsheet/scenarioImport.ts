/**
 * From a read sheet (importFile.ts) to an import plan (issue 5): header mapping, each row turned
 * into a scenario and validated with the shared rules, and every error and warning tied to its
 * row and the column header as the file spells it — all before anything is written.
 *
 * Headers are matched in any order by their Chinese or English label or key (scenarioColumns.ts,
 * plus the DOMAIN label 所属地区 for a region given by code or name); unknown columns are
 * reported; `__proto__`/`constructor`/`prototype` headers refuse the file (lookups are Maps, so
 * they could not pollute anything, but such a header is never an honest one). Enumerated cells
 * take the Chinese or English label or the key; a region is a code or a name at any of the three
 * levels. Rows whose 场景编号 exists become updates (the user chooses update or skip).
 */
import { fail, type DomainResult, type LocalizedText } from '../domain/localizedText';
import { isCatalogNumber } from '../domain/catalogNumber';
import {
  asScenarioId,
  regionDefaultLocation,
  validateScenario,
  type FieldIssues,
  type Scenario,
  type ScenarioInput,
  type ScenarioInputField,
  type ValidationIssue,
} from '../domain/scenario';
import { regionSubtree } from '../domain/scenarioFilter';
import { SUSPENDABLE_STATUSES } from '../domain/scenarioStatus';
import { isUuid } from '../domain/uuid';
import { SCENARIO_FIELD_LABELS, type VocabularyEntry } from '../domain/vocabulary';
import type { Region, RegionCode, RegionIndex } from '../regions/regions';
import { restoreFormulaSafe } from './formulaSafe';
import type { ImportGrid } from './importFile';
import { BOOLEAN_LABELS, LIST_SEPARATOR, normaliseHeader, SCENARIO_COLUMNS, findScenarioColumn, type ScenarioColumn, type ScenarioColumnKey } from './scenarioColumns';
import type { DateCell, GridCell } from './xlsxReader';

/** One error or warning of an import row, on the column it came from (the header as in the file). */
export interface ImportIssue extends LocalizedText {
  /** The header as the file spells it, or null for the row as a whole. */
  readonly column: string | null;
}

/** What happens to a row: a new record, an update of an existing one (or skip, the user chooses), skipped, or invalid. */
export type ImportAction = 'new' | 'existing' | 'skip' | 'invalid';

/** An update of an existing record by its 场景编号. */
export interface ImportUpdate {
  readonly id: string;
  readonly expectedVersion: number;
  readonly input: ScenarioInput;
}

/** One data row of the file with its outcome. */
export interface ImportRow {
  /** 1-based row number in the file (as Excel shows it). */
  readonly rowNumber: number;
  readonly action: ImportAction;
  readonly catalogNumber: string;
  readonly title: string;
  readonly errors: readonly ImportIssue[];
  readonly warnings: readonly ImportIssue[];
  /** For 'new': the whole record (catalogNumber '' = give it the next free number). */
  readonly record: Scenario | null;
  /** For 'existing': the validated form fields to write. */
  readonly update: ImportUpdate | null;
}

/** A column of the file: its header and the register column it maps to (null: unknown, ignored). */
export interface ImportColumn {
  readonly header: string;
  readonly key: ScenarioColumnKey | null;
}

/** Counts per action. */
export interface ImportCounts {
  readonly new: number;
  readonly existing: number;
  readonly skip: number;
  readonly invalid: number;
}

/** The plan of an import: every row's outcome, shown in the preview before anything is written. */
export interface ImportPlan {
  readonly sheetName: string;
  readonly format: 'xlsx' | 'csv';
  readonly encoding: string | null;
  readonly columns: readonly ImportColumn[];
  readonly unknownColumns: readonly string[];
  readonly rows: readonly ImportRow[];
  readonly counts: ImportCounts;
}

/** What the plan needs to know of a record already in the register. */
export interface ExistingRecord {
  readonly id: string;
  readonly catalogNumber: string;
  readonly ownerUnitCode: string;
  readonly version: number;
  readonly isDeleted: boolean;
}

/** Everything outside the file the plan depends on (shared has no clock, ids or database). */
export interface ImportContext {
  readonly regions: RegionIndex;
  /** The importing installation's unit: new records belong to it, only its records are updated. */
  readonly unitCode: RegionCode;
  /** Existing records by 场景编号. */
  readonly existingByNumber: ReadonlyMap<string, ExistingRecord>;
  /** Existing record ids (any number). */
  readonly existingIds: ReadonlySet<string>;
  readonly now: number;
  readonly newId: () => string;
  /** Called every few hundred rows with rows planned so far. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Why a file's sheet cannot be planned at all. */
export type ImportPlanError = 'empty-sheet' | 'header-only' | 'forbidden-header' | 'duplicate-column' | 'missing-columns';

/** Headers that are never honest column names (prototype keys). */
const FORBIDDEN_HEADERS = new Set(['__proto__', 'constructor', 'prototype', '__definegetter__', '__definesetter__', '__lookupgetter__', '__lookupsetter__']);

const REGION_CODE_COLUMN = SCENARIO_COLUMNS.find((column) => column.key === 'regionCode') as ScenarioColumn;
/** DOMAIN's label 所属地区 (and "Region") names the region column too; its cell may hold a code or a name. */
const HEADER_ALIASES = new Map<string, ScenarioColumn>([
  [normaliseHeader(SCENARIO_FIELD_LABELS.regionCode.zh), REGION_CODE_COLUMN],
  [normaliseHeader(SCENARIO_FIELD_LABELS.regionCode.en), REGION_CODE_COLUMN],
]);

/** The register column a header names, with the aliases import accepts. */
export function importColumnFor(header: string): ScenarioColumn | undefined {
  return findScenarioColumn(header) ?? HEADER_ALIASES.get(normaliseHeader(header));
}

/** Columns a file must have: these fields have no default. The region may come as code or names. */
const REQUIRED: readonly { readonly keys: readonly ScenarioColumnKey[]; readonly label: LocalizedText }[] = [
  { keys: ['title'], label: SCENARIO_FIELD_LABELS.title },
  { keys: ['field'], label: SCENARIO_FIELD_LABELS.field },
  { keys: ['techDirections'], label: SCENARIO_FIELD_LABELS.techDirections },
  { keys: ['ownerUnit'], label: SCENARIO_FIELD_LABELS.ownerUnit },
  { keys: ['regionCode', 'countyName', 'cityName', 'provinceName'], label: SCENARIO_FIELD_LABELS.regionCode },
];

type PlanFailure = Extract<DomainResult<never, ImportPlanError>, { ok: false }>;

/** Header text of a cell. */
function headerText(cell: GridCell): string {
  if (cell === null) return '';
  if (typeof cell === 'object') return String(cell.serial);
  return String(cell).trim();
}

/** Maps the header row; refuses forbidden, duplicate or missing columns. */
export function mapHeaders(headerCells: readonly GridCell[]): DomainResult<{ columns: ImportColumn[]; unknown: string[] }, ImportPlanError> {
  const columns: ImportColumn[] = [];
  const unknown: string[] = [];
  const seen = new Map<ScenarioColumnKey, string>();
  for (const cell of headerCells) {
    const header = headerText(cell);
    if (FORBIDDEN_HEADERS.has(normaliseHeader(header))) {
      return fail('forbidden-header', {
        zh: `表头“${header}”不是有效的列名（可被用于攻击程序），拒绝导入。请使用模板中的列名。`,
        en: `The header "${header}" is not a valid column name (it can be used to attack programs); refused. Use the template's column names.`,
      });
    }
    const column = header === '' ? undefined : importColumnFor(header);
    if (column) {
      const earlier = seen.get(column.key);
      if (earlier !== undefined) {
        return fail('duplicate-column', {
          zh: `“${earlier}”和“${header}”是同一列（${column.zh}），请删去其中一列后再导入。`,
          en: `"${earlier}" and "${header}" are the same column (${column.en}); delete one of them and try again.`,
        });
      }
      seen.set(column.key, header);
    } else if (header !== '') unknown.push(header);
    columns.push({ header, key: column ? column.key : null });
  }
  const missing = REQUIRED.filter((need) => !need.keys.some((key) => seen.has(key)));
  if (missing.length > 0) {
    return fail(
      'missing-columns',
      {
        zh: `第 1 行（表头）缺少必需的列：${missing.map((m) => m.label.zh).join('、')}。请使用导入模板的表头。`,
        en: `Row 1 (the header) lacks required columns: ${missing.map((m) => m.label.en).join(', ')}. Use the import template's header.`,
      },
      missing.map((m) => m.label.zh),
    );
  }
  return { ok: true, value: { columns, unknown } };
}

// ---------------------------------------------------------------------------------------------
// Cells

const MS_PER_DAY = 86_400_000;
const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

const isDateCell = (cell: GridCell): cell is DateCell => typeof cell === 'object' && cell !== null;

/** The serial just after Excel's last instant, 9999-12-31 23:59:59.999 (day 2,958,465 and its fraction). */
const SERIAL_END = 2_958_466;

/** A 1900-system serial as a `YYYY-MM-DD` day (Excel's phantom 1900-02-29 accounted for). */
export function isoDateOfSerial(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= SERIAL_END) return null;
  const days = Math.floor(serial < 61 ? serial + 1 : serial);
  return new Date(EXCEL_EPOCH_UTC + days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** A 1900-system serial of a Shanghai wall-clock time as epoch ms. */
export function epochMsOfSerial(serial: number): number | null {
  if (!Number.isFinite(serial) || serial < 61 || serial >= SERIAL_END) return null;
  return Math.round(serial * MS_PER_DAY + EXCEL_EPOCH_UTC - SHANGHAI_OFFSET_MS);
}

/** A number as a cell's text: whole numbers without exponent or `.0` (phones, codes typed as numbers). */
function numberText(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 1e21 ? n.toFixed(0) : String(n);
}

/** Any cell as text: formula-safe quote removed, numbers plain, dates as `YYYY-MM-DD`, booleans 是/否. */
export function cellAsText(cell: GridCell): string {
  if (cell === null) return '';
  // Only a text starting with ' can carry export's formula-safe quote (checked first: this runs for every cell).
  if (typeof cell === 'string') return cell.charCodeAt(0) === 39 ? restoreFormulaSafe(cell) : cell;
  if (typeof cell === 'number') return numberText(cell);
  if (typeof cell === 'boolean') return cell ? BOOLEAN_LABELS.true.zh : BOOLEAN_LABELS.false.zh;
  return isoDateOfSerial(cell.serial) ?? String(cell.serial);
}

const DATE_TEXT = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;

/** A date cell as `YYYY-MM-DD` if it reads as one (2026-3-1, 2026/03/01, 2026.3.1, 2026年3月1日); otherwise its text for the validator to refuse. */
export function cellAsDate(cell: GridCell): string {
  if (isDateCell(cell)) return isoDateOfSerial(cell.serial) ?? String(cell.serial);
  if (typeof cell === 'number') return isoDateOfSerial(cell) ?? numberText(cell);
  const text = cellAsText(cell).trim().normalize('NFKC');
  const match = DATE_TEXT.exec(text.replace(/\s+\d{1,2}:\d{2}(:\d{2})?$/, ''));
  return match ? `${match[1]}-${(match[2] as string).padStart(2, '0')}-${(match[3] as string).padStart(2, '0')}` : text;
}

const DATETIME_TEXT = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;

/** A date-time cell (Shanghai wall clock) as epoch ms, or null. */
export function cellAsEpochMs(cell: GridCell): number | null {
  if (isDateCell(cell)) return epochMsOfSerial(cell.serial);
  if (typeof cell === 'number') return epochMsOfSerial(cell);
  const match = DATETIME_TEXT.exec(cellAsText(cell).trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s, ms] = match;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0), Number((ms ?? '0').padEnd(3, '0')));
  return Number.isFinite(utc) ? utc - SHANGHAI_OFFSET_MS : null;
}

/** A number cell, or a number written as text; NaN when it is neither, null when empty. */
function cellAsNumber(cell: GridCell): number | null {
  if (cell === null) return null;
  if (typeof cell === 'number') return cell;
  const text = cellAsText(cell).trim().normalize('NFKC');
  if (text === '') return null;
  return /^[+-]?\d+(?:\.\d+)?$/.test(text) ? Number(text) : NaN;
}

const TRUE_WORDS = new Set(['是', 'yes', 'y', 'true', '1', '√', '✓']);
const FALSE_WORDS = new Set(['否', 'no', 'n', 'false', '0', '×', '✗']);

/** 是/否, Yes/No, TRUE/FALSE, 1/0; undefined when unreadable, null when empty. */
function cellAsBoolean(cell: GridCell): boolean | null | undefined {
  if (cell === null) return null;
  if (typeof cell === 'boolean') return cell;
  const text = cellAsText(cell).trim().toLowerCase();
  if (text === '') return null;
  if (TRUE_WORDS.has(text)) return true;
  if (FALSE_WORDS.has(text)) return false;
  return undefined;
}

/** Label, English label or key → key, per vocabulary (normalised like headers). */
function vocabularyLookup(list: readonly VocabularyEntry<string>[]): ReadonlyMap<string, string> {
  const map = new Map<string, string>();
  for (const entry of list) {
    map.set(normaliseHeader(entry.key), entry.key);
    map.set(normaliseHeader(entry.en), entry.key);
    map.set(normaliseHeader(entry.zh), entry.key);
  }
  return map;
}

/** Plain ASCII (nothing for NFKC to fold)? */
function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) > 127) return false;
  return true;
}

const LIST_SPLIT = new RegExp(`[${LIST_SEPARATOR},，;；\\n]+`);

// ---------------------------------------------------------------------------------------------
// Regions

/** Region names → regions: each name and short name, and the joined paths (成都市武侯区, 四川省成都市武侯区 …). */
function regionNameIndex(regions: RegionIndex): ReadonlyMap<string, readonly Region[]> {
  const map = new Map<string, Region[]>();
  const add = (key: string, region: Region) => {
    const k = key.replace(/\s+/g, '');
    const list = map.get(k);
    if (!list) map.set(k, [region]);
    else if (!list.includes(region)) list.push(region);
  };
  const variants = (r: Region): string[] => [...new Set([r.name, r.shortName, bareName(r.name), bareName(r.shortName)])];
  for (const region of regions.all) {
    const path = regions.path(region.code);
    const names = path.map(variants);
    const own = variants(region);
    for (const name of own) add(name, region);
    for (let from = 0; from < path.length - 1; from += 1) {
      // every ancestor suffix, full or bare: 成都市武侯区, 成都武侯, 四川省成都市武侯区 …
      const prefixes = names.slice(from, -1).reduce<string[]>((acc, list) => acc.flatMap((a) => list.map((p) => a + p)), ['']);
      for (const prefix of prefixes) for (const name of own) add(prefix + name, region);
    }
  }
  return map;
}

/** A region name without its administrative suffix (龙泉驿区 → 龙泉驿, 成都市 → 成都), as people often write it; at least two characters stay. */
function bareName(name: string): string {
  const bare = name.replace(/(?:自治州|自治县|地区|特区|林区|新区|省|市|州|区|县)$/u, '');
  return bare.length >= 2 ? bare : name;
}

const regionIndexCache = new WeakMap<RegionIndex, ReadonlyMap<string, readonly Region[]>>();
function namesOf(regions: RegionIndex): ReadonlyMap<string, readonly Region[]> {
  let index = regionIndexCache.get(regions);
  if (!index) regionIndexCache.set(regions, (index = regionNameIndex(regions)));
  return index;
}

type RegionLookup = { readonly region: Region } | { readonly problem: LocalizedText } | null;

/** The region a row names: its code, or the deepest of its name columns (narrowed by the ones above). */
function resolveRegion(regions: RegionIndex, code: string, names: { province: string; city: string; county: string }): RegionLookup {
  const index = namesOf(regions);
  if (code !== '') {
    const compact = (isAscii(code) ? code : code.normalize('NFKC')).replace(/\s+/g, '');
    if (/^\d{6}$/.test(compact)) {
      const region = regions.get(compact);
      return region ? { region } : { problem: { zh: `地区代码“${compact}”不在四川省行政区划内`, en: `Region code ${compact} is not a Sichuan division` } };
    }
    // a name in the code column (the DOMAIN label 所属地区 invites one)
    return byName(index, regions, compact, null);
  }
  const county = names.county.replace(/\s+/g, '');
  const city = names.city.replace(/\s+/g, '');
  const province = names.province.replace(/\s+/g, '');
  if (county !== '') return byName(index, regions, county, city === '' ? null : city);
  if (city !== '') return byName(index, regions, city, null);
  if (province !== '') return byName(index, regions, province, null);
  return null;
}

function byName(index: ReadonlyMap<string, readonly Region[]>, regions: RegionIndex, name: string, parentName: string | null): RegionLookup {
  let found = index.get(name) ?? [];
  if (parentName !== null) {
    const parents = index.get(parentName) ?? [];
    const narrowed = found.filter((region) => parents.some((parent) => parent.code === region.parent));
    if (narrowed.length > 0 || found.length > 0) found = narrowed;
  }
  if (found.length === 1) return { region: found[0] as Region };
  if (found.length === 0) {
    return {
      problem: {
        zh: `找不到地区“${name}”${parentName ? `（${parentName}）` : ''}，请填写四川省的地区名称或六位地区代码`,
        en: `No region "${name}"${parentName ? ` in ${parentName}` : ''}; give a Sichuan region name or its six-digit code`,
      },
    };
  }
  const options = found.slice(0, 4).map((region) => `${regions.path(region.code).map((r) => r.name).join('')}（${region.code}）`);
  return {
    problem: {
      zh: `地区“${name}”有重名：${options.join('、')}，请改填地区代码或同时填写市（州）`,
      en: `"${name}" names several regions: ${options.join(', ')}; give the code or the city too`,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Rows

const LOOKUPS = new Map<ScenarioColumnKey, ReadonlyMap<string, string>>(
  SCENARIO_COLUMNS.filter((column) => column.options).map((column) => [column.key, vocabularyLookup(column.options ?? [])]),
);

const COLUMN_LABELS = new Map<ScenarioColumnKey, string>(SCENARIO_COLUMNS.map((column) => [column.key, column.zh]));

/** Which file column(s) carry a form field, for placing validation messages. */
const FIELD_COLUMNS: Partial<Record<ScenarioInputField, readonly ScenarioColumnKey[]>> = {
  location: ['lat', 'lng'],
  regionCode: ['regionCode', 'countyName', 'cityName', 'provinceName'],
};

/** Row-building state shared by all rows of one file. */
interface RowReader {
  readonly at: ReadonlyMap<ScenarioColumnKey, number>;
  readonly headerOf: ReadonlyMap<ScenarioColumnKey, string>;
}

function headerFor(reader: RowReader, keys: readonly ScenarioColumnKey[]): string | null {
  for (const key of keys) {
    const header = reader.headerOf.get(key);
    if (header !== undefined) return header;
  }
  return null;
}

function hasIssues(fieldIssues: FieldIssues): boolean {
  for (const key in fieldIssues) if (Object.hasOwn(fieldIssues, key)) return true;
  return false;
}

function issuesOf(reader: RowReader, fieldIssues: FieldIssues): ImportIssue[] {
  const out: ImportIssue[] = [];
  for (const [field, list] of Object.entries(fieldIssues) as [ScenarioInputField, ValidationIssue[]][]) {
    // A field with no column in the file (位置 when there are no coordinates) is named by its DOMAIN label.
    const header = headerFor(reader, FIELD_COLUMNS[field] ?? [field as ScenarioColumnKey]) ?? SCENARIO_FIELD_LABELS[field].zh;
    for (const issue of list) out.push({ column: header, zh: issue.zh, en: issue.en });
  }
  return out;
}

/** Plans one data row. */
function planRow(reader: RowReader, cells: readonly GridCell[], rowNumber: number, ctx: ImportContext, jurisdiction: ReadonlySet<string>, seenNumbers: Map<string, number>, seenIds: Map<string, number>): ImportRow {
  const errors: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  const cell = (key: ScenarioColumnKey): GridCell => {
    const index = reader.at.get(key);
    return index === undefined ? null : (cells[index] ?? null);
  };
  const text = (key: ScenarioColumnKey) => cellAsText(cell(key)).trim();
  // A column the file lacks is named by its label (e.g. 暂停前状态 when only 状态 was given).
  const header = (key: ScenarioColumnKey) => reader.headerOf.get(key) ?? COLUMN_LABELS.get(key) ?? null;
  const error = (key: ScenarioColumnKey | null, message: LocalizedText) => errors.push({ column: key ? header(key) : null, ...message });
  const warning = (key: ScenarioColumnKey | null, message: LocalizedText) => warnings.push({ column: key ? header(key) : null, ...message });

  const enumValue = (key: ScenarioColumnKey, label: LocalizedText): string | null => {
    const raw = text(key);
    if (raw === '') return null;
    const lookup = LOOKUPS.get(key);
    // The exact label first (the usual case); then the forgiving match (case, width, spacing).
    const found = lookup?.get(raw) ?? lookup?.get(normaliseHeader(raw));
    if (found === undefined) error(key, { zh: `${label.zh}“${raw}”不在可选列表中`, en: `${label.en} "${raw}" is not one of the choices` });
    return found ?? null;
  };

  // Identity and matching
  const catalogText = text('catalogNumber');
  const catalogNumber = isAscii(catalogText) ? catalogText : catalogText.normalize('NFKC');
  if (catalogNumber !== '' && !isCatalogNumber(catalogNumber)) {
    error('catalogNumber', { zh: `场景编号“${catalogNumber}”格式不正确，应如 510107-2026-0001（留空则自动编号）`, en: `Catalog number "${catalogNumber}" is malformed; write it like 510107-2026-0001 (leave it empty to number it automatically)` });
  }
  if (catalogNumber !== '') {
    const earlier = seenNumbers.get(catalogNumber);
    if (earlier !== undefined) error('catalogNumber', { zh: `场景编号与第 ${earlier} 行重复`, en: `The catalog number repeats row ${earlier}` });
    else seenNumbers.set(catalogNumber, rowNumber);
  }
  const idText = text('id');
  if (idText !== '') {
    if (!isUuid(idText)) error('id', { zh: '记录标识格式不正确（应为导出文件中的 UUID，新记录请留空）', en: 'The record id is malformed (a UUID from an export; leave it empty for new records)' });
    const earlier = seenIds.get(idText);
    if (earlier !== undefined) error('id', { zh: `记录标识与第 ${earlier} 行重复`, en: `The record id repeats row ${earlier}` });
    else seenIds.set(idText, rowNumber);
  }
  const existing = catalogNumber === '' ? undefined : ctx.existingByNumber.get(catalogNumber);

  // Region and opening level
  const regionLookup = resolveRegion(ctx.regions, text('regionCode'), { province: text('provinceName'), city: text('cityName'), county: text('countyName') });
  const regionHeader = headerFor(reader, ['regionCode', 'countyName', 'cityName', 'provinceName']);
  let region: Region | null = null;
  if (regionLookup === null) errors.push({ column: regionHeader, zh: '请填写所属地区（地区代码或名称）', en: 'The region is required (code or name)' });
  else if ('problem' in regionLookup) errors.push({ column: regionHeader, ...regionLookup.problem });
  else {
    region = regionLookup.region;
    if (!jurisdiction.has(region.code)) {
      errors.push({ column: regionHeader, zh: `“${region.name}”不在本单位辖区内，本单位只能登记本地区及下辖地区的场景`, en: `${region.name} is outside your unit's jurisdiction; a unit logs its own region and those under it` });
    }
  }
  const openingLevel = enumValue('openingLevel', SCENARIO_FIELD_LABELS.openingLevel) ?? (region ? region.level : null);

  // Location
  const lat = cellAsNumber(cell('lat'));
  const lng = cellAsNumber(cell('lng'));
  let location: unknown;
  let isPlaced: unknown = cellAsBoolean(cell('isPlaced'));
  if (isPlaced === undefined) {
    error('isPlaced', { zh: `“${text('isPlaced')}”应填写“是”或“否”`, en: `"${text('isPlaced')}" should be Yes or No` });
    isPlaced = null;
  }
  if (lat === null && lng === null) {
    if (region) {
      const fallback = regionDefaultLocation(region);
      location = fallback.location;
      if (isPlaced === true) warning('isPlaced', { zh: '未填写经纬度，暂用所属地区中心点，标为“未在地图上标定”', en: 'No coordinates: the region centre is used and the scenario marked as not placed' });
      isPlaced = false;
    }
  } else if (lat === null || lng === null || Number.isNaN(lat) || Number.isNaN(lng)) {
    location = { lat: Number.NaN, lng: Number.NaN };
  } else {
    location = { lat, lng };
    if (isPlaced === null) isPlaced = true;
  }

  const techText = text('techDirections');
  const techDirections: string[] = [];
  for (const part of techText.split(LIST_SPLIT).map((p) => p.trim()).filter(Boolean)) {
    const directions = LOOKUPS.get('techDirections');
    const key = directions?.get(part) ?? directions?.get(normaliseHeader(part));
    if (key === undefined) error('techDirections', { zh: `技术方向“${part}”不在可选列表中`, en: `Technology direction "${part}" is not one of the choices` });
    else techDirections.push(key);
  }

  const slots = cell('partnerSlots');
  const input: Record<string, unknown> = {
    title: text('title'),
    field: enumValue('field', SCENARIO_FIELD_LABELS.field) ?? (text('field') === '' ? undefined : '?'),
    techDirections: techText === '' ? [] : techDirections.length > 0 ? techDirections : ['?'],
    openingLevel: openingLevel ?? undefined,
    regionCode: region ? region.code : undefined,
    ownerUnit: text('ownerUnit'),
    location,
    address: text('address'),
    isPlaced: isPlaced ?? false,
    description: cellAsText(cell('description')),
    requirements: cellAsText(cell('requirements')),
    resourcesOffered: cellAsText(cell('resourcesOffered')),
    partnerSlots: typeof slots === 'number' ? slots : cellAsText(slots).trim().normalize('NFKC'),
    openFrom: cell('openFrom') === null ? null : cellAsDate(cell('openFrom')),
    openUntil: cell('openUntil') === null ? null : cellAsDate(cell('openUntil')),
    contactName: text('contactName'),
    contactPhone: text('contactPhone'),
    contactEmail: text('contactEmail'),
    batch: text('batch'),
  };
  const validation = validateScenario(input, ctx.regions);
  // (Built only for rows with problems: the common clean row allocates nothing here.)
  if (!validation.ok) {
    // Our own messages for the enum cells already say what was wrong; skip the generic twin.
    const ownErrors = new Set(errors.map((issue) => issue.column));
    // With no region there is no default location or level either: the region message says it all.
    const suppressed = new Set<string | null>();
    if (region === null) {
      suppressed.add(regionHeader);
      if (location === undefined) suppressed.add(headerFor(reader, ['lat', 'lng']) ?? SCENARIO_FIELD_LABELS.location.zh);
      if (openingLevel === null) suppressed.add(header('openingLevel'));
    }
    for (const issue of issuesOf(reader, validation.errors)) {
      const isTwin = issue.column !== null && ownErrors.has(issue.column) && issue.column !== regionHeader;
      if (!isTwin && !suppressed.has(issue.column)) errors.push(issue);
    }
  }
  if (hasIssues(validation.warnings)) warnings.push(...issuesOf(reader, validation.warnings));

  const title = text('title');
  if (existing) {
    if (existing.isDeleted) {
      warning('catalogNumber', { zh: `编号 ${catalogNumber} 的场景已删除，跳过此行（如需更新请先恢复）`, en: `Scenario ${catalogNumber} is deleted; row skipped (restore it to update)` });
      return rowOf('skip');
    }
    if (existing.ownerUnitCode !== ctx.unitCode) {
      const owner = ctx.regions.get(existing.ownerUnitCode)?.name ?? existing.ownerUnitCode;
      warning('catalogNumber', { zh: `编号 ${catalogNumber} 的场景由${owner}登记，本单位不能修改，跳过此行`, en: `Scenario ${catalogNumber} is owned by ${owner}; your unit cannot change it, row skipped` });
      return rowOf('skip');
    }
    if (idText !== '' && isUuid(idText) && idText !== existing.id) {
      error('id', { zh: `记录标识与本台账中编号 ${catalogNumber} 的场景不一致，可能是另一条场景`, en: `The record id differs from scenario ${catalogNumber} in the register; it may be another scenario` });
    }
    if (errors.length > 0 || !validation.ok) return rowOf('invalid');
    if (text('status') !== '') warning('status', { zh: '已有场景的状态不通过导入修改，请在台账中办理状态变更', en: 'The status of an existing scenario is not changed by import; change it in the register' });
    return rowOf('existing', null, { id: existing.id, expectedVersion: existing.version, input: validation.value });
  }
  if (idText !== '' && ctx.existingIds.has(idText)) {
    error('id', { zh: '记录标识已被本台账中另一条场景使用', en: 'The record id is used by another scenario in the register' });
  }

  // Status and metadata of a new record (kept from an export, so export → import gives the same record)
  const status = (enumValue('status', SCENARIO_FIELD_LABELS.status) ?? 'draft') as Scenario['status'];
  const suspendedFromKey = enumValue('suspendedFrom', SCENARIO_FIELD_LABELS.suspendedFrom);
  let suspendedFrom: Scenario['suspendedFrom'] = null;
  if (status === 'suspended') {
    if (suspendedFromKey !== null && (SUSPENDABLE_STATUSES as readonly string[]).includes(suspendedFromKey)) suspendedFrom = suspendedFromKey as Scenario['suspendedFrom'];
    else error('suspendedFrom', { zh: '状态为“暂停”时须填写暂停前状态（已开放、已对接或试点中）', en: 'A suspended scenario needs the status before suspension (Open, Matched or Piloting)' });
  } else if (suspendedFromKey !== null) {
    warning('suspendedFrom', { zh: `状态不是“暂停”，暂停前状态已忽略`, en: 'The status is not Suspended; the status before suspension is ignored' });
  }
  const ownerCode = text('ownerUnitCode');
  if (ownerCode !== '' && ownerCode !== ctx.unitCode) {
    const owner = ctx.regions.get(ownerCode)?.name ?? ownerCode;
    warning('ownerUnitCode', { zh: `原记录所属单位为${owner}，导入后归本单位所有`, en: `The record belonged to ${owner}; after import your unit owns it` });
  }
  const createdAt = cell('createdAt') === null ? null : cellAsEpochMs(cell('createdAt'));
  const updatedAt = cell('updatedAt') === null ? null : cellAsEpochMs(cell('updatedAt'));
  if (cell('createdAt') !== null && createdAt === null) warning('createdAt', { zh: '创建时间无法识别，改用导入时间', en: 'Created time not understood; the import time is used' });
  const versionCell = cellAsNumber(cell('version'));
  const version = versionCell !== null && Number.isSafeInteger(versionCell) && versionCell >= 1 ? versionCell : 1;
  const isDemo = cellAsBoolean(cell('isDemo')) === true;

  if (errors.length > 0 || !validation.ok) return rowOf('invalid');
  const record: Scenario = {
    id: asScenarioId(idText !== '' ? idText : ctx.newId()),
    catalogNumber,
    ...validation.value,
    status,
    suspendedFrom,
    ownerUnitCode: ctx.unitCode,
    createdAt: createdAt ?? ctx.now,
    updatedAt: Math.max(updatedAt ?? ctx.now, createdAt ?? ctx.now),
    version,
    deletedAt: null,
    isDemo,
  };
  return rowOf('new', record);

  function rowOf(action: ImportAction, record: Scenario | null = null, update: ImportUpdate | null = null): ImportRow {
    return { rowNumber, action, catalogNumber, title, errors, warnings, record, update };
  }
}

/**
 * Plans an import: maps the header row (row 1 of the sheet's non-empty rows), then every data row.
 * Refuses an empty sheet, a header-only sheet and bad headers; everything else is per row.
 */
export function planImport(grid: ImportGrid, ctx: ImportContext): DomainResult<ImportPlan, ImportPlanError> {
  const [headerRow, ...dataRows] = grid.rows;
  if (!headerRow) {
    return fail('empty-sheet', {
      zh: `工作表“${grid.sheetName}”是空的，没有可导入的内容。`,
      en: `The sheet "${grid.sheetName}" is empty; there is nothing to import.`,
    }) satisfies PlanFailure;
  }
  const mapped = mapHeaders(headerRow.cells);
  if (!mapped.ok) return mapped;
  if (dataRows.length === 0) {
    return fail('header-only', {
      zh: `工作表“${grid.sheetName}”只有表头，没有数据行。请在表头下方逐行填写场景后再导入。`,
      en: `The sheet "${grid.sheetName}" has only a header and no data rows. Fill in scenarios below the header, one per row.`,
    });
  }
  const at = new Map<ScenarioColumnKey, number>();
  const headerOf = new Map<ScenarioColumnKey, string>();
  mapped.value.columns.forEach((column, index) => {
    if (column.key !== null) {
      at.set(column.key, index);
      headerOf.set(column.key, column.header);
    }
  });
  const reader: RowReader = { at, headerOf };
  const jurisdiction = regionSubtree(ctx.regions, ctx.unitCode);
  const seenNumbers = new Map<string, number>();
  const seenIds = new Map<string, number>();
  const rows: ImportRow[] = [];
  const counts = { new: 0, existing: 0, skip: 0, invalid: 0 };
  for (let i = 0; i < dataRows.length; i += 1) {
    const row = dataRows[i] as (typeof dataRows)[number];
    const planned = planRow(reader, row.cells, row.number, ctx, jurisdiction, seenNumbers, seenIds);
    rows.push(planned);
    counts[planned.action] += 1;
    if (ctx.onProgress && (i % 500 === 499 || i === dataRows.length - 1)) ctx.onProgress(i + 1, dataRows.length);
  }
  return {
    ok: true,
    value: { sheetName: grid.sheetName, format: grid.format, encoding: grid.encoding, columns: mapped.value.columns, unknownColumns: mapped.value.unknown, rows, counts },
  };
}
