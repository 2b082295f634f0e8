/**
 * The format-neutral description of a sheet that the XLSX and CSV writers take: named columns
 * that read a value out of each row. Writers never see a Scenario; scenarioColumns.ts maps one.
 */

/**
 * How a writer stores a cell. `date` values are `YYYY-MM-DD` strings (a calendar day, stored as
 * that day's Excel serial); `datetime` values are epoch ms, shown in Asia/Shanghai time.
 */
export type CellKind = 'text' | 'number' | 'date' | 'datetime';

/** One cell's value; null (or '' for text) leaves the cell empty. */
export type CellValue = string | number | null;

/** A column of a sheet: its header, width (Excel characters), storage kind and how to read a row. */
export interface SheetColumn<R> {
  readonly header: string;
  readonly width: number;
  readonly kind: CellKind;
  readonly value: (row: R) => CellValue;
}

/** A sheet: a name (≤ 31 characters, no `[]:*?/\`), its columns and its rows. */
export interface Sheet<R> {
  readonly name: string;
  readonly columns: readonly SheetColumn<R>[];
  readonly rows: readonly R[];
}

/** A sheet of any row type, for lists of differently typed sheets. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- row types differ per sheet; each Sheet<R> is checked where it is built
export type AnySheet = Sheet<any>;

/** Reports progress as rows written so far of all rows. */
export type ProgressCallback = (done: number, total: number) => void;

const MS_PER_DAY = 86_400_000;
/** Excel's day 0 is 1899-12-30 for every date after the (non-existent) 1900-02-29. */
const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);
/**
 * China Standard Time is UTC+8 with no daylight saving since 1991; the register starts in 2025,
 * so a fixed offset is exact and shared/ needs no time-zone database.
 */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The Excel serial of a calendar day `YYYY-MM-DD` (no time zone: a day is a day), or null if not a date. */
export function excelSerialOfIsoDate(date: string): number | null {
  const match = ISO_DATE.exec(date);
  if (!match) return null;
  const month = Number(match[2]) - 1;
  const day = Number(match[3]);
  const utc = Date.UTC(Number(match[1]), month, day);
  const check = new Date(utc);
  // Date.UTC rolls 02-30 over to March: such a text is not a date.
  if (check.getUTCMonth() !== month || check.getUTCDate() !== day) return null;
  const days = (utc - EXCEL_EPOCH_UTC) / MS_PER_DAY;
  // Excel counts the 1900-02-29 that never was: serials before 1900-03-01 are one lower.
  if (days < 1) return null;
  return days < 61 ? days - 1 : days;
}

/** The Excel serial (days with a fraction) of an instant, as a wall-clock time in Asia/Shanghai. */
export function excelSerialOfEpochMs(epochMs: number): number | null {
  if (!Number.isFinite(epochMs)) return null;
  const days = (epochMs + SHANGHAI_OFFSET_MS - EXCEL_EPOCH_UTC) / MS_PER_DAY;
  return days < 61 ? null : days;
}

/** An instant as `YYYY-MM-DD HH:mm:ss` in Asia/Shanghai (CSV and GeoJSON text form). */
export function formatShanghaiDateTime(epochMs: number): string {
  if (!Number.isFinite(epochMs)) return '';
  const iso = new Date(epochMs + SHANGHAI_OFFSET_MS).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}
