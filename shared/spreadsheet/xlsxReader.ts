/**
 * A small, strict XLSX reader for import (issue 5): one sheet's cells as a grid of text, numbers,
 * booleans and dates. Written for hostile input first: the zip goes through zipReader.ts (sizes
 * and ratio checked before inflating), any XML part holding a DOCTYPE or ENTITY declaration is
 * refused outright (entities are never expanded — only the five XML escapes and numeric character
 * references are decoded), and absurd cell or row references (row 10⁹, column past XFD) are
 * refused before a single array is sized by them.
 *
 * It reads what Excel, WPS, LibreOffice and our own writer produce: shared and inline strings
 * (rich-text runs joined, phonetic runs dropped), numbers, booleans, error values, cached formula
 * results, and dates — a number in a date-formatted cell, in the 1900 or 1904 date system.
 */
import { strFromU8 } from 'fflate';
import { fail, type DomainResult } from '../domain/localizedText';
import { decodeOoxmlEscapes, XLSX_MAX_COLUMNS, XLSX_MAX_ROWS } from './xlsxWriter';
import { DEFAULT_ZIP_LIMITS, readZipEntries, type ZipError, type ZipLimits } from './zipReader';

/** A date cell: its serial in the 1900 date system (days since 1899-12-30; the fraction is the time of day). */
export interface DateCell {
  readonly serial: number;
}

/** One cell of a read sheet; null is empty. */
export type GridCell = string | number | boolean | DateCell | null;

/** One non-empty row: its 1-based number in the file and its cells from column A. */
export interface GridRow {
  readonly number: number;
  readonly cells: readonly GridCell[];
}

/** A read sheet: its name and its non-empty rows in file order. */
export interface SheetGrid {
  readonly sheetName: string;
  readonly rows: readonly GridRow[];
}

/** Why an XLSX was refused. */
export type XlsxReadError = ZipError | 'xml-entity' | 'xml-malformed' | 'cell-out-of-range' | 'no-sheet' | 'too-many-rows';

/** Limits of {@link readXlsx}. */
export interface XlsxReadLimits extends ZipLimits {
  /** Most non-empty rows read from the sheet. */
  readonly maxRows: number;
  /** Most columns kept per row (cells further right are ignored if empty, refused if not). */
  readonly maxColumns: number;
}

/** Default limits: 200k rows (twice the benchmark), 512 columns (the register has about 30). */
export const DEFAULT_XLSX_LIMITS: XlsxReadLimits = { ...DEFAULT_ZIP_LIMITS, maxRows: 200_000, maxColumns: 512 };

/** Options of {@link readXlsx}. */
export interface XlsxReadOptions {
  /** Sheet names to prefer, in order (e.g. 场景目录, Scenarios); otherwise the first sheet. */
  readonly preferSheets?: readonly string[];
  readonly limits?: XlsxReadLimits;
}

type Failure = Extract<DomainResult<never, XlsxReadError>, { ok: false }>;

function xmlFailure(error: 'xml-entity' | 'xml-malformed', part: string): Failure {
  return error === 'xml-entity'
    ? fail(error, {
        zh: `文件的 ${part} 含有 DOCTYPE/ENTITY 声明（可被用于“XML 实体”攻击），为安全起见拒绝导入。正常的 Excel 文件不含这类内容。`,
        en: `The part ${part} holds a DOCTYPE/ENTITY declaration (usable for an XML entity attack); refused for safety. Normal Excel files never hold one.`,
      })
    : fail(error, {
        zh: `文件的 ${part} 格式不正确，无法读取。请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入。`,
        en: `The part ${part} is malformed and cannot be read. Open the file in Excel or WPS, save it as .xlsx and import that.`,
      });
}

function rangeFailure(ref: string): Failure {
  return fail('cell-out-of-range', {
    zh: `文件中的单元格位置“${ref.slice(0, 24)}”超出 Excel 的范围（最多 ${XLSX_MAX_ROWS} 行、${XLSX_MAX_COLUMNS} 列），文件可能被篡改，拒绝导入。`,
    en: `The cell position "${ref.slice(0, 24)}" is beyond Excel's range (${XLSX_MAX_ROWS} rows, ${XLSX_MAX_COLUMNS} columns); the file may have been tampered with and is refused.`,
  });
}

function tooManyRows(limit: number): Failure {
  return fail('too-many-rows', {
    zh: `工作表超过 ${limit} 行，超出一次导入的上限。请拆分成几个文件分别导入。`,
    en: `The sheet has more than ${limit} rows, over the limit of one import. Split it into several files.`,
  });
}

function tooManyColumns(ref: string, limit: number): Failure {
  return fail('cell-out-of-range', {
    zh: `单元格 ${ref.slice(0, 24)} 超出导入支持的 ${limit} 列，请删除多余的列后再导入。`,
    en: `Cell ${ref.slice(0, 24)} is beyond the ${limit} columns import reads; delete the extra columns and try again.`,
  });
}

/** Refuses a DTD or entity declaration anywhere in a part; comments, CDATA and processing instructions are fine. */
function hasDeclaration(xml: string): boolean {
  let at = xml.indexOf('<!');
  while (at >= 0) {
    if (!xml.startsWith('<!--', at) && !xml.startsWith('<![CDATA[', at)) return true;
    at = xml.indexOf('<!', at + 2);
  }
  return false;
}

const NAMED_ESCAPES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes the five XML escapes and numeric references; any other `&name;` stays literal (never expanded). */
export function decodeXmlText(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9A-Fa-f]{1,6}|#\d{1,7}|lt|gt|amp|quot|apos);/g, (whole, name: string) => {
    if (name.charCodeAt(0) !== 35) return NAMED_ESCAPES[name] ?? whole;
    const code = name.charCodeAt(1) === 120 ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** Attributes of a start tag's text (after the name) as a Map, so `__proto__` is just a key. */
function attributes(source: string): Map<string, string> {
  const map = new Map<string, string>();
  const pattern = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(source)) !== null) map.set(match[1] as string, decodeXmlText(match[2] ?? match[3] ?? ''));
  return map;
}

/** The text of a string item (`<si>` or `<is>`): its `<t>` runs joined, phonetic `<rPh>` runs left out. */
function stringItemText(inner: string): string {
  // Fast path: one plain <t> run (what every writer emits for unformatted text).
  if (!inner.includes('<r>') && !inner.includes('<r ') && !inner.includes('<rPh')) {
    const open = inner.indexOf('<t');
    const gt = open < 0 ? -1 : inner.indexOf('>', open);
    if (gt > 0 && inner.charCodeAt(gt - 1) !== 47 && endsName(inner.charCodeAt(open + 2))) {
      const close = inner.indexOf('</t>', gt);
      if (close > 0 && !inner.includes('<t', close)) return decodeOoxmlEscapes(decodeXmlText(inner.slice(gt + 1, close)));
    }
  }
  const body = inner.includes('<rPh') ? inner.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '') : inner;
  let text = '';
  const pattern = /<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(body)) !== null) text += match[1] ?? '';
  return decodeOoxmlEscapes(decodeXmlText(text));
}

function sharedStrings(xml: string): string[] {
  const list: string[] = [];
  const pattern = /<si\b[^>]*?(?:\/>|>([\s\S]*?)<\/si>)/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(xml)) !== null) list.push(stringItemText(match[1] ?? ''));
  return list;
}

/** Excel's built-in date and time number formats. */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81]);

/** Is a custom number format a date/time format? Quoted text, escapes and colours/locales are ignored. */
export function isDateFormatCode(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(?:h+|m+|s+)\]/gi, 'h')
    .replace(/\[[^\]]*\]/g, '');
  if (/general/i.test(bare)) return false;
  return /[ymdhs]|年|月|日/i.test(bare.replace(/[eE][+-]/g, ''));
}

/** For each cell style index (`s`), whether numbers in it are dates. */
function dateStyles(xml: string | null): boolean[] {
  if (!xml) return [];
  const custom = new Map<number, boolean>();
  const fmtPattern = /<numFmt\b([^>]*?)\/?>/g;
  let match: RegExpExecArray | null;
  while ((match = fmtPattern.exec(xml)) !== null) {
    const attrs = attributes(match[1] ?? '');
    custom.set(Number(attrs.get('numFmtId')), isDateFormatCode(attrs.get('formatCode') ?? ''));
  }
  const xfsStart = xml.indexOf('<cellXfs');
  if (xfsStart < 0) return [];
  const xfsEnd = xml.indexOf('</cellXfs>', xfsStart);
  const xfs = xml.slice(xfsStart, xfsEnd < 0 ? undefined : xfsEnd);
  const styles: boolean[] = [];
  const xfPattern = /<xf\b([^>]*?)\/?>/g;
  while ((match = xfPattern.exec(xfs)) !== null) {
    const id = Number(attributes(match[1] ?? '').get('numFmtId') ?? 0);
    styles.push(custom.get(id) ?? BUILTIN_DATE_FORMATS.has(id));
  }
  return styles;
}

/** A worksheet of the workbook: its name and zip path. */
interface SheetRef {
  readonly name: string;
  readonly path: string;
}

/** The sheets of workbook.xml with their parts (via workbook.xml.rels), and the 1904 date flag. */
function workbookSheets(workbookXml: string, relsXml: string): { sheets: SheetRef[]; is1904: boolean } {
  const targets = new Map<string, string>();
  const relPattern = /<Relationship\b([^>]*?)\/?>/g;
  let match: RegExpExecArray | null;
  while ((match = relPattern.exec(relsXml)) !== null) {
    const attrs = attributes(match[1] ?? '');
    const id = attrs.get('Id');
    const target = attrs.get('Target');
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const sheets: SheetRef[] = [];
  const sheetPattern = /<sheet\b([^>]*?)\/?>/g;
  while ((match = sheetPattern.exec(workbookXml)) !== null) {
    const attrs = attributes(match[1] ?? '');
    const relId = attrs.get('r:id') ?? [...attrs.entries()].find(([key]) => key.endsWith(':id'))?.[1];
    const path = relId ? targets.get(relId) : undefined;
    if (path) sheets.push({ name: attrs.get('name') ?? '', path: path.replace(/\/\.\//g, '/') });
  }
  const pr = /<workbookPr\b([^>]*?)\/?>/.exec(workbookXml);
  const date1904 = pr ? attributes(pr[1] ?? '').get('date1904') : undefined;
  return { sheets, is1904: date1904 === '1' || date1904 === 'true' };
}

/** Days between the 1904 and 1900 date systems' day 0. */
const DAYS_1904 = 1462;


/** The value of attribute `name` in a start tag's attribute text, or undefined. */
function attr(attrs: string, name: string): string | undefined {
  // Fast path: Excel, WPS and LibreOffice write ` name="value"` with one space and double quotes.
  const at = attrs.indexOf(` ${name}="`);
  if (at >= 0) {
    const from = at + name.length + 3;
    const to = attrs.indexOf('"', from);
    return to < 0 ? undefined : attrs.slice(from, to);
  }
  if (!attrs.includes(`${name}=`) && !attrs.includes(`${name} `)) return undefined;
  return attributes(attrs).get(name);
}

/** Is the character after a tag name the end of the name (space, `>` or `/`)? */
function endsName(code: number): boolean {
  return code === 32 || code === 62 || code === 47 || code === 9 || code === 10 || code === 13;
}

/** Where a cell tag's `r` and `t` values sit in the XML (start -1: absent) and its style index (-1: none). Reused: no allocation per cell. */
interface CellTag {
  refStart: number;
  refEnd: number;
  typeStart: number;
  typeEnd: number;
  style: number;
}
const cellTag: CellTag = { refStart: -1, refEnd: -1, typeStart: -1, typeEnd: -1, style: -1 };

const isSpace = (code: number) => code === 32 || code === 9 || code === 10 || code === 13;

/**
 * Reads the attributes of a `<c …>` tag (xml[from, to)) in one pass over its characters — any
 * quoting and spacing XML allows — keeping only r, t and s. Null if the attributes are malformed.
 */
function readCellTag(xml: string, from: number, to: number): CellTag | null {
  cellTag.refStart = cellTag.refEnd = cellTag.typeStart = cellTag.typeEnd = cellTag.style = -1;
  let i = from;
  while (i < to) {
    while (i < to && isSpace(xml.charCodeAt(i))) i += 1;
    if (i >= to) break;
    const nameStart = i;
    while (i < to && xml.charCodeAt(i) !== 61 /* = */ && !isSpace(xml.charCodeAt(i))) i += 1;
    const nameEnd = i;
    while (i < to && isSpace(xml.charCodeAt(i))) i += 1;
    if (xml.charCodeAt(i) !== 61) return null;
    i += 1;
    while (i < to && isSpace(xml.charCodeAt(i))) i += 1;
    const quote = xml.charCodeAt(i);
    if (quote !== 34 && quote !== 39) return null;
    const valueStart = i + 1;
    const valueEnd = xml.indexOf(quote === 34 ? '"' : "'", valueStart);
    if (valueEnd < 0 || valueEnd >= to) return null;
    i = valueEnd + 1;
    if (nameEnd - nameStart !== 1) continue;
    const name = xml.charCodeAt(nameStart);
    if (name === 114 /* r */) {
      cellTag.refStart = valueStart;
      cellTag.refEnd = valueEnd;
    } else if (name === 116 /* t */) {
      cellTag.typeStart = valueStart;
      cellTag.typeEnd = valueEnd;
    } else if (name === 115 /* s */) {
      let style = 0;
      for (let k = valueStart; k < valueEnd && k < valueStart + 7; k += 1) {
        const digit = xml.charCodeAt(k) - 48;
        if (digit < 0 || digit > 9) return null;
        style = style * 10 + digit;
      }
      cellTag.style = style;
    }
  }
  return cellTag;
}

const cellRef = { column: 0, row: 0 };
/** A cell reference `A1`…`XFD1048576` read from xml[from, to) without slicing; null if malformed or out of Excel's range. */
function parseCellRef(xml: string, from: number, to: number): { column: number; row: number } | null {
  let i = from;
  let column = 0;
  while (i < to && i < from + 4) {
    const code = xml.charCodeAt(i);
    if (code < 65 || code > 90) break;
    column = column * 26 + (code - 64);
    i += 1;
  }
  if (i === from || to - i < 1 || to - i > 7) return null;
  let row = 0;
  for (; i < to; i += 1) {
    const digit = xml.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return null;
    row = row * 10 + digit;
  }
  if (column > XLSX_MAX_COLUMNS || row < 1 || row > XLSX_MAX_ROWS) return null;
  cellRef.column = column - 1;
  cellRef.row = row;
  return cellRef;
}

/**
 * Parses the sheet XML into rows; refuses absurd references. A hand-written scan (indexOf, not one
 * regex per cell): 100k rows are 3M cells and this loop is most of the reading time.
 */
/** The parse state carried from one chunk of sheet XML to the next. */
interface SheetState {
  readonly rows: GridRow[];
  rowNumber: number;
  cells: GridCell[];
  hasValue: boolean;
  nextColumn: number;
  isStarted: boolean;
  isDone: boolean;
}

function newSheetState(): SheetState {
  return { rows: [], rowNumber: 0, cells: [], hasValue: false, nextColumn: 0, isStarted: false, isDone: false };
}

function flushRow(state: SheetState): void {
  if (state.hasValue) state.rows.push({ number: state.rowNumber, cells: state.cells });
  state.cells = [];
  state.hasValue = false;
  state.nextColumn = 0;
}

function sheetRows(xml: string, strings: readonly string[], isDateStyle: readonly boolean[], is1904: boolean, limits: XlsxReadLimits, state: SheetState): DomainResult<null, XlsxReadError> {
  if (state.isDone) return { ok: true, value: null };
  const rows = state.rows;
  let start = 0;
  if (!state.isStarted) {
    const at = xml.indexOf('<sheetData');
    if (at < 0) return { ok: true, value: null };
    state.isStarted = true;
    start = xml.indexOf('>', at) + 1;
  }
  let end = xml.indexOf('</sheetData>', start);
  if (end < 0) end = xml.length;
  else state.isDone = true;
  let rowNumber = state.rowNumber;
  let cells = state.cells;
  let hasValue = state.hasValue;
  let nextColumn = state.nextColumn;
  const flush = () => {
    if (hasValue) rows.push({ number: rowNumber, cells });
    cells = [];
    hasValue = false;
    nextColumn = 0;
  };
  let pos = start;
  while (pos < end) {
    const lt = xml.indexOf('<', pos);
    if (lt < 0 || lt >= end) break;
    const c1 = xml.charCodeAt(lt + 1);
    const gt = xml.indexOf('>', lt);
    if (gt < 0) return xmlFailure('xml-malformed', 'sheet');
    if (c1 === 114 /* r */ && xml.startsWith('row', lt + 1) && endsName(xml.charCodeAt(lt + 4))) {
      flush();
      const value = attr(xml.slice(lt + 4, gt), 'r');
      if (value !== undefined) {
        if (!/^\d{1,7}$/.test(value) || Number(value) > XLSX_MAX_ROWS || Number(value) < 1) return rangeFailure(value);
        rowNumber = Number(value);
      } else rowNumber += 1;
      if (rows.length >= limits.maxRows) return tooManyRows(limits.maxRows);
      pos = gt + 1;
      continue;
    }
    if (c1 !== 99 /* c */ || !endsName(xml.charCodeAt(lt + 2))) {
      if (c1 === 47 /* / */ && xml.startsWith('/row>', lt + 1)) flush();
      pos = gt + 1;
      continue;
    }
    // a cell
    const isEmpty = xml.charCodeAt(gt - 1) === 47;
    const attrEnd = isEmpty ? gt - 1 : gt;
    let column = nextColumn;
    const tag = readCellTag(xml, lt + 2, attrEnd);
    if (tag === null) return xmlFailure('xml-malformed', 'sheet');
    if (tag.refStart >= 0) {
      const parsed = parseCellRef(xml, tag.refStart, tag.refEnd);
      if (parsed === null) return rangeFailure(xml.slice(tag.refStart, tag.refEnd));
      column = parsed.column;
      if (rowNumber === 0) rowNumber = parsed.row;
    }
    nextColumn = column + 1;
    if (isEmpty) {
      pos = gt + 1;
      continue;
    }
    const close = xml.indexOf('</c>', gt);
    if (close < 0) return xmlFailure('xml-malformed', 'sheet');
    pos = close + 4;
    if (close === gt + 1) continue;
    const type = tag.typeStart < 0 ? '' : xml.slice(tag.typeStart, tag.typeEnd);
    let value: GridCell = null;
    if (type === 'inlineStr') {
      value = stringItemText(xml.slice(gt + 1, close));
    } else {
      let raw: string;
      // Fast path `<v>…</v></c>` with nothing else inside: one slice, no regex.
      if (xml.startsWith('<v>', gt + 1) && xml.startsWith('</v>', close - 4) && xml.indexOf('<', gt + 4) === close - 4) raw = xml.slice(gt + 4, close - 4);
      else {
        const v = /<v\b[^>]*>([\s\S]*?)<\/v>/.exec(xml.slice(gt + 1, close));
        if (!v) continue;
        raw = v[1] as string;
      }
      switch (type) {
        case 's': {
          const index = Number(raw);
          const text = Number.isInteger(index) ? strings[index] : undefined;
          if (text === undefined) return xmlFailure('xml-malformed', 'xl/sharedStrings.xml');
          value = text;
          break;
        }
        case 'b':
          value = raw.trim() === '1';
          break;
        case 'str':
        case 'e':
        case 'd':
          value = decodeOoxmlEscapes(decodeXmlText(raw));
          break;
        default: {
          const n = Number(raw);
          if (raw.trim() === '' || !Number.isFinite(n)) value = decodeXmlText(raw);
          else {
            value = tag.style >= 0 && isDateStyle[tag.style] === true ? { serial: is1904 ? n + DAYS_1904 : n } : n;
          }
        }
      }
    }
    if (value === null || value === '') continue;
    if (column >= limits.maxColumns) return tooManyColumns(tag.refStart >= 0 ? xml.slice(tag.refStart, tag.refEnd) : `#${column + 1}`, limits.maxColumns);
    while (cells.length < column) cells.push(null);
    cells[column] = value;
    hasValue = true;
  }
  state.rowNumber = rowNumber;
  state.cells = cells;
  state.hasValue = hasValue;
  state.nextColumn = nextColumn;
  return { ok: true, value: null };
}

/** Is there a DTD or entity declaration in these bytes (`<!` not opening a comment or CDATA)? */
function hasDeclarationBytes(bytes: Uint8Array): boolean {
  // Looks for the rare `!` (native indexOf) rather than visiting every `<` of a 150 MB sheet.
  let bang = bytes.indexOf(0x21, 1);
  while (bang > 0) {
    if (bytes[bang - 1] === 0x3c) {
      const isComment = bytes[bang + 1] === 0x2d && bytes[bang + 2] === 0x2d;
      const isCdata = bytes[bang + 1] === 0x5b && bytes[bang + 2] === 0x43; // <![C(DATA[
      if (!isComment && !isCdata) return true;
    }
    bang = bytes.indexOf(0x21, bang + 1);
  }
  return false;
}

/** Bytes per decoded piece of sheet XML: a 100k-row sheet is ~150 MB, never one string. */
const SHEET_CHUNK_BYTES = 4 * 1024 * 1024;

/** The end (exclusive) of the first `</row>` at or after `from`, or -1. ASCII never occurs inside a UTF-8 sequence, so bytes are safe to cut here. */
function rowEndAfter(bytes: Uint8Array, from: number): number {
  let at = bytes.indexOf(0x3c, from);
  while (at >= 0) {
    if (bytes[at + 1] === 0x2f && bytes[at + 2] === 0x72 && bytes[at + 3] === 0x6f && bytes[at + 4] === 0x77 && bytes[at + 5] === 0x3e) return at + 6;
    at = bytes.indexOf(0x3c, at + 1);
  }
  return -1;
}

/**
 * Parses a sheet part a few megabytes at a time, cut after a `</row>`: decoding 150 MB into one
 * string (300 MB as UTF-16) and scanning it cost more in memory and garbage collection than the
 * parse itself.
 */
function sheetRowsOfBytes(bytes: Uint8Array, strings: readonly string[], isDateStyle: readonly boolean[], is1904: boolean, limits: XlsxReadLimits): DomainResult<GridRow[], XlsxReadError> {
  const state = newSheetState();
  for (let start = 0; start < bytes.length && !state.isDone; ) {
    let end = bytes.length;
    if (start + SHEET_CHUNK_BYTES < bytes.length) {
      const cut = rowEndAfter(bytes, start + SHEET_CHUNK_BYTES);
      if (cut > 0) end = cut;
    }
    const parsed = sheetRows(strFromU8(bytes.subarray(start, end)), strings, isDateStyle, is1904, limits, state);
    if (!parsed.ok) return parsed;
    start = end;
  }
  flushRow(state);
  return { ok: true, value: state.rows };
}

function decodePart(bytes: Uint8Array | undefined): string | null {
  return bytes ? strFromU8(bytes) : null;
}

/**
 * Reads one sheet of an .xlsx: the first of `preferSheets` the workbook has, else its first sheet.
 * Every refusal is a value with a Chinese message (and its English twin).
 */
export function readXlsx(bytes: Uint8Array, options: XlsxReadOptions = {}): DomainResult<SheetGrid, XlsxReadError> {
  const limits = options.limits ?? DEFAULT_XLSX_LIMITS;
  const META = new Set(['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/sharedStrings.xml']);
  const meta = readZipEntries(bytes, (name) => META.has(name), limits);
  if (!meta.ok) return meta;
  const parts = new Map<string, string>();
  for (const [name, data] of meta.value) {
    const xml = decodePart(data) ?? '';
    if (hasDeclaration(xml)) return xmlFailure('xml-entity', name);
    parts.set(name, xml);
  }
  const workbookXml = parts.get('xl/workbook.xml');
  const relsXml = parts.get('xl/_rels/workbook.xml.rels');
  if (workbookXml === undefined || relsXml === undefined) {
    return fail('no-sheet', {
      zh: '文件中找不到 Excel 工作簿（可能是 .xls、.et 或其他格式改了扩展名）。请在 Excel 或 WPS 中另存为 .xlsx 后再导入。',
      en: 'No Excel workbook was found in the file (it may be an .xls, .et or another format renamed). Save it as .xlsx in Excel or WPS and import that.',
    });
  }
  const { sheets, is1904 } = workbookSheets(workbookXml, relsXml);
  const preferred = (options.preferSheets ?? []).map((name) => sheets.find((sheet) => sheet.name === name)).find((sheet) => sheet !== undefined);
  const sheet = preferred ?? sheets[0];
  if (!sheet) {
    return fail('no-sheet', { zh: '工作簿中没有工作表。', en: 'The workbook has no sheets.' });
  }
  const sheetPart = readZipEntries(bytes, (name) => name === sheet.path, limits);
  if (!sheetPart.ok) return sheetPart;
  const sheetBytes = sheetPart.value.get(sheet.path);
  if (sheetBytes === undefined) return fail('no-sheet', { zh: `找不到工作表“${sheet.name}”的数据。`, en: `The data of sheet "${sheet.name}" is missing.` });
  if (hasDeclarationBytes(sheetBytes)) return xmlFailure('xml-entity', sheet.path);
  const strings = sharedStrings(parts.get('xl/sharedStrings.xml') ?? '');
  const rows = sheetRowsOfBytes(sheetBytes, strings, dateStyles(parts.get('xl/styles.xml') ?? null), is1904, limits);
  if (!rows.ok) return rows;
  return { ok: true, value: { sheetName: sheet.name, rows: rows.value } };
}
