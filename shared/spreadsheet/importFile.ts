/**
 * The first step of import (issue 5): bytes of a chosen file → one sheet as a grid, or a refusal
 * with a message a person can act on. The type is decided by the bytes, not the name alone (a
 * renamed file is told apart), and the size is checked before anything is read.
 */
import { fail, type DomainResult } from '../domain/localizedText';
import { parseCsv } from './csv';
import { decodeText, type TextDecodingError, type TextEncodingName } from './textDecoding';
import { DEFAULT_XLSX_LIMITS, readXlsx, type GridRow, type SheetGrid, type XlsxReadError, type XlsxReadLimits } from './xlsxReader';

/** Largest file import reads (a 100k-row CSV of the register is about 40 MB, its .xlsx about 10 MB). */
export const MAX_IMPORT_FILE_BYTES = 100 * 1024 * 1024;

/** Why a file was refused before its rows were looked at. */
export type ImportFileError = XlsxReadError | TextDecodingError | 'too-large' | 'empty-file' | 'unsupported-type' | 'legacy-xls' | 'csv-malformed';

/** A file's sheet plus how it was read. */
export interface ImportGrid extends SheetGrid {
  readonly format: 'xlsx' | 'csv';
  /** For CSV: the encoding it was decoded as. */
  readonly encoding: TextEncodingName | null;
}

type Failure = Extract<DomainResult<never, ImportFileError>, { ok: false }>;

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0);
}

/** Refuses a file larger than {@link MAX_IMPORT_FILE_BYTES} — call with `File.size` before reading the bytes. */
export function checkImportFileSize(size: number): DomainResult<null, 'too-large' | 'empty-file'> {
  if (size > MAX_IMPORT_FILE_BYTES) {
    return fail('too-large', {
      zh: `文件太大（${megabytes(size)} MB），一次最多导入 ${megabytes(MAX_IMPORT_FILE_BYTES)} MB。请拆分成几个文件分别导入。`,
      en: `The file is too large (${megabytes(size)} MB); one import reads at most ${megabytes(MAX_IMPORT_FILE_BYTES)} MB. Split it into several files.`,
    });
  }
  if (size === 0) return fail('empty-file', { zh: '文件是空的（0 字节）。', en: 'The file is empty (0 bytes).' });
  return { ok: true, value: null };
}

/** The file types import accepts, for the file picker's `accept`. */
export const IMPORT_ACCEPT = '.xlsx,.csv,.txt';

/** The sheet names import looks for first in a workbook (our export and template name it so). */
export const PREFERRED_SHEETS: readonly string[] = ['场景目录', 'Scenarios'];

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isOle = (b: Uint8Array) => b.length >= 8 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

function csvGrid(bytes: Uint8Array, maxRows: number): DomainResult<ImportGrid, ImportFileError> {
  const decoded = decodeText(bytes);
  if (!decoded.ok) return decoded;
  const parsed = parseCsv(decoded.value.text);
  if (!parsed.ok) {
    return fail('csv-malformed', {
      zh: `CSV 文件第 ${parsed.line} 行的引号不成对（${parsed.error === 'unterminated-quote' ? '引号没有闭合' : '字段中间出现了引号'}），无法可靠读取。请在 Excel 中打开后重新另存为 CSV。`,
      en: `Line ${parsed.line} of the CSV has unbalanced quotes (${parsed.error === 'unterminated-quote' ? 'a quote is never closed' : 'a quote inside an unquoted field'}). Re-save the file as CSV from Excel.`,
    });
  }
  const rows: GridRow[] = [];
  for (let i = 0; i < parsed.rows.length; i += 1) {
    const cells = parsed.rows[i] as string[];
    if (cells.every((cell) => cell.trim() === '')) continue;
    if (rows.length >= maxRows) {
      return fail('too-many-rows', {
        zh: `文件超过 ${maxRows} 行，超出一次导入的上限。请拆分成几个文件分别导入。`,
        en: `The file has more than ${maxRows} rows, over the limit of one import. Split it into several files.`,
      });
    }
    rows.push({ number: i + 1, cells: cells.map((cell) => (cell === '' ? null : cell)) });
  }
  return { ok: true, value: { sheetName: 'CSV', rows, format: 'csv', encoding: decoded.value.encoding } };
}

/**
 * Reads an import file: .xlsx (by its zip signature) or CSV/TXT (UTF-8 or GB18030). Refuses files
 * too large or empty, old binary .xls, renamed or random bytes, and everything xlsxReader refuses.
 */
export function readImportFile(fileName: string, bytes: Uint8Array, limits: XlsxReadLimits = DEFAULT_XLSX_LIMITS): DomainResult<ImportGrid, ImportFileError> {
  const size = checkImportFileSize(bytes.length);
  if (!size.ok) return size;
  const extension = extensionOf(fileName);
  if (isOle(bytes) || extension === 'xls' || extension === 'et') {
    return fail('legacy-xls', {
      zh: '不支持旧版 Excel（.xls）或 WPS（.et）格式。请在 Excel 或 WPS 中“另存为” .xlsx 后再导入。',
      en: 'Old Excel (.xls) and WPS (.et) files are not supported. Use "Save as" .xlsx in Excel or WPS, then import.',
    });
  }
  if (extension === 'xlsx' || isZip(bytes)) {
    const read = readXlsx(bytes, { preferSheets: PREFERRED_SHEETS, limits });
    return read.ok ? { ok: true, value: { ...read.value, format: 'xlsx', encoding: null } } : read;
  }
  if (extension === 'csv' || extension === 'txt') return csvGrid(bytes, limits.maxRows);
  return unsupported(fileName);
}

function unsupported(fileName: string): Failure {
  return fail('unsupported-type', {
    zh: `不支持导入“${fileName.slice(0, 80)}”：请选择 Excel 工作簿（.xlsx）或 CSV 文件（.csv）。`,
    en: `"${fileName.slice(0, 80)}" cannot be imported: choose an Excel workbook (.xlsx) or a CSV file (.csv).`,
  });
}
