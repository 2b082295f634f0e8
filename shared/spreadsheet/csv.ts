/**
 * CSV out and in (issue 5), RFC 4180: fields separated by commas, records by CRLF; a field holding
 * a comma, quote, CR or LF (or spaces at its ends) is quoted, with quotes doubled. Output is UTF-8
 * with a BOM, which is what makes zh-CN Excel read it as UTF-8 rather than GBK. Every text field is
 * formula-safe (formulaSafe.ts). Dates are written `YYYY-MM-DD`, date-times `YYYY-MM-DD HH:mm:ss`
 * in Asia/Shanghai.
 */
import { strToU8 } from 'fflate';
import { neutraliseFormula } from './formulaSafe';
import { formatShanghaiDateTime, type AnySheet, type CellKind, type CellValue, type ProgressCallback } from './sheet';

/** The byte order mark, as the first character of the text. */
export const BOM = '\uFEFF';

/** Options of {@link writeCsv}. */
export interface CsvOptions {
  /** Rows per encoded chunk. */
  readonly chunkRows?: number;
  readonly onProgress?: ProgressCallback;
  /** UTF-8 encoder; defaults to fflate's strToU8 (TextEncoder where the platform has one). */
  readonly encode?: (text: string) => Uint8Array;
}

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One field as CSV: quoted when needed, quotes doubled. */
export function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV text of one cell (before quoting). */
function cellText(kind: CellKind, value: CellValue): string {
  if (value === null) return '';
  switch (kind) {
    case 'number':
      return typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : neutraliseFormula(value);
    case 'datetime':
      return typeof value === 'number' ? formatShanghaiDateTime(value) : neutraliseFormula(value);
    default:
      return neutraliseFormula(typeof value === 'string' ? value : String(value));
  }
}

/** The CSV lines (CRLF-terminated) of a sheet's header and its rows start..end. */
function csvLines(sheet: AnySheet, start: number, end: number): string {
  const columns = sheet.columns;
  let text = '';
  for (let r = start; r < end; r += 1) {
    const row: unknown = sheet.rows[r];
    for (let c = 0; c < columns.length; c += 1) {
      const column = columns[c] as AnySheet['columns'][number];
      if (c > 0) text += ',';
      text += csvField(cellText(column.kind, column.value(row)));
    }
    text += '\r\n';
  }
  return text;
}

/** The header line of a sheet. */
function headerLine(sheet: AnySheet): string {
  return `${sheet.columns.map((column) => csvField(neutraliseFormula(column.header))).join(',')}\r\n`;
}

/** A sheet as CSV text with a leading BOM (for small sheets and tests; large ones use {@link writeCsv}). */
export function toCsvText(sheet: AnySheet): string {
  return BOM + headerLine(sheet) + csvLines(sheet, 0, sheet.rows.length);
}

/** A sheet as a UTF-8 CSV file with BOM, encoded a chunk of rows at a time to keep memory flat. */
export function writeCsv(sheet: AnySheet, options: CsvOptions = {}): Uint8Array {
  const encode = options.encode ?? strToU8;
  const chunkRows = Math.max(1, options.chunkRows ?? 1000);
  const chunks: Uint8Array[] = [encode(BOM + headerLine(sheet))];
  let size = chunks[0]?.length ?? 0;
  const total = sheet.rows.length;
  for (let start = 0; start < total; start += chunkRows) {
    const end = Math.min(total, start + chunkRows);
    const chunk = encode(csvLines(sheet, start, end));
    chunks.push(chunk);
    size += chunk.length;
    options.onProgress?.(end, total);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** Why {@link parseCsv} refused a text. */
export type CsvParseError = 'unterminated-quote' | 'quote-in-unquoted-field';

/** The records of a CSV text, or where it went wrong (1-based line of the offending record). */
export type CsvParseResult = { readonly ok: true; readonly rows: string[][] } | { readonly ok: false; readonly error: CsvParseError; readonly line: number };

/**
 * Parses RFC 4180 CSV (for import, and for the tests of {@link writeCsv}): a leading BOM is
 * dropped; records end at CRLF, LF or CR; quoted fields may hold any of them. Strict about quotes
 * — a stray quote inside an unquoted field or a quote never closed is an error, not a guess — so a
 * damaged file is reported rather than half-read. A final line break does not make an empty record.
 */
export function parseCsv(input: string): CsvParseResult {
  const text = input.startsWith(BOM) ? input.slice(1) : input;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const n = text.length;
  let atFieldStart = true;
  while (i < n) {
    const ch = text.charCodeAt(i);
    if (atFieldStart && ch === 34 /* " */) {
      // quoted field
      i += 1;
      let closed = false;
      while (i < n) {
        const q = text.indexOf('"', i);
        if (q < 0) break;
        const part = text.slice(i, q);
        for (let k = 0; k < part.length; k += 1) if (part.charCodeAt(k) === 10) line += 1;
        field += part;
        if (text.charCodeAt(q + 1) === 34) {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          closed = true;
          break;
        }
      }
      if (!closed) return { ok: false, error: 'unterminated-quote', line: recordLine };
      atFieldStart = false;
      const next = text.charCodeAt(i);
      if (i < n && next !== 44 && next !== 13 && next !== 10) return { ok: false, error: 'quote-in-unquoted-field', line };
      continue;
    }
    if (ch === 44 /* , */) {
      row.push(field);
      field = '';
      atFieldStart = true;
      i += 1;
    } else if (ch === 13 || ch === 10) {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      atFieldStart = true;
      i += ch === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
      line += 1;
      recordLine = line;
    } else if (ch === 34) {
      return { ok: false, error: 'quote-in-unquoted-field', line };
    } else {
      // run of plain characters up to the next delimiter
      let j = i + 1;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === 44 || c === 13 || c === 10 || c === 34) break;
        j += 1;
      }
      field += text.slice(i, j);
      atFieldStart = false;
      i = j;
    }
  }
  if (!atFieldStart || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return { ok: true, rows };
}
