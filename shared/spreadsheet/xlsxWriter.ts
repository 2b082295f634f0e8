/**
 * A small, fast XLSX writer (issue 5). Written by hand because no library met the target: ExcelJS's
 * streaming WorkbookWriter needs several seconds for 100k catalog rows and its normal API ~1.35 GB
 * for 50k (tests/bench/export.bench.ts measures both in the same run). It writes only what the
 * register needs — text, numbers, dates, a styled frozen header, column widths, an auto-filter,
 * several sheets — and is checked against ExcelJS's reader in tests/unit/shared/spreadsheet.
 *
 * Speed and memory: the sheet XML is never a string. Markup and cell text are written as UTF-8
 * straight into one reused byte buffer (ASCII markup byte by byte, text through a small encoder),
 * and every full buffer is handed to the zip's deflate (fastDeflate.ts, in this thread or in a
 * worker: see {@link writeXlsxAsync}), so at no point does the uncompressed sheet exist whole and
 * almost nothing is allocated per cell. Pure shared code: rows in, Uint8Array out.
 */
import { strToU8 } from 'fflate';
import { crc32 } from './crc32';
import { neutraliseFormula } from './formulaSafe';
import { excelSerialOfEpochMs, excelSerialOfIsoDate, type AnySheet, type CellKind, type CellValue, type ProgressCallback } from './sheet';
import { deflateChunk, ZipBuilder, type ChunkDeflater, type DeflatedChunk, type FileParts } from './zipWriter';

/**
 * How text cells are stored: `inline` (`t="inlineStr"`), in a shared-strings table (`shared`,
 * `t="s"`), or `auto`: per column, shared while its texts repeat and inline once the first rows
 * show that they do not (ids, titles, descriptions), which spares a table lookup per unique text.
 */
export type StringStorage = 'inline' | 'shared' | 'auto';

/** Options of {@link writeXlsx}. */
export interface XlsxOptions {
  /**
   * `auto` (default) stores repeating texts once in xl/sharedStrings.xml (catalogs repeat labels,
   * region and unit names) and unique ones inline; `shared` puts every text in the table;
   * `inline` keeps no table in memory.
   */
  readonly strings?: StringStorage;
  /** Rows between progress reports. */
  readonly chunkRows?: number;
  /** Bytes of XML handed to the compressor at a time (the reused buffer's size). */
  readonly chunkBytes?: number;
  /** Called every `chunkRows` rows with rows written so far of all rows. */
  readonly onProgress?: ProgressCallback;
  /** Modification time stored in the zip entries; fixed by default so equal input gives equal bytes. */
  readonly modified?: Date;
  /**
   * Another raw DEFLATE instead of fastDeflate.ts's (tests use Node's zlib to check the container
   * apart from the compressor). Called once per chunk; each result must be a raw DEFLATE segment
   * that ends byte-aligned and non-final (zlib's Z_FULL_FLUSH) unless `isFinal`, so the segments
   * concatenate into one stream. In Node: `zlib.deflateRawSync(chunk, { level: 1, finishFlush: isFinal ? Z_FINISH : Z_FULL_FLUSH })`.
   */
  readonly deflate?: RawDeflate;
}

/** See {@link XlsxOptions.deflate}. */
export type RawDeflate = (chunk: Uint8Array, isFinal: boolean) => Uint8Array<ArrayBuffer>;

/** Options of {@link writeXlsxAsync}. */
export interface XlsxAsyncOptions extends Omit<XlsxOptions, 'deflate'> {
  /**
   * Compresses the chunks elsewhere (a worker): it must be done with a chunk's bytes when it
   * returns (posting them copies them) because the writer reuses its buffer; its promises may
   * settle in any order. Generation goes on meanwhile, so two cores share the work.
   */
  readonly deflater: (chunk: Uint8Array, isFinal: boolean) => Promise<DeflatedChunk>;
}

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Style ids in styles.xml's cellXfs, in the order {@link stylesXml} writes them. */
const STYLE = { normal: 0, header: 1, date: 2, datetime: 3 } as const;

const MS_PER_DAY = 86_400_000;

/** Excel's limits: 1,048,576 rows, 16,384 columns, 32,767 characters in a cell. */
export const XLSX_MAX_ROWS = 1_048_576;
export const XLSX_MAX_COLUMNS = 16_384;
export const XLSX_MAX_CELL_TEXT = 32_767;

/** Characters XML 1.0 forbids (C0 controls except TAB/LF/CR, U+FFFE, U+FFFF) and lone surrogates. */
// eslint-disable-next-line no-control-regex -- matching the control characters XML 1.0 forbids is the point
const ILLEGAL_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Anything that needs work in cell text; the common case is one failed test of this. */
// eslint-disable-next-line no-control-regex -- see ILLEGAL_XML
const NEEDS_ESCAPE = /[&<>\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]|_x[0-9A-Fa-f]{4}_/;
/**
 * OOXML reads `_xHHHH_` in cell text as an escaped character, so a literal one is written with its
 * underscore escaped (`_x005F_`), as Excel itself does; import must decode `_xHHHH_`.
 */
const OOXML_ESCAPE = /_(x[0-9A-Fa-f]{4}_)/g;

/** Cell text as XML character data: illegal characters dropped, `& < >` escaped, CR kept as `&#13;`. */
export function escapeXmlText(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text
    .replace(ILLEGAL_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;')
    .replace(OOXML_ESCAPE, '_x005F_$1');
}

const OOXML_ESCAPED = /_x([0-9A-Fa-f]{4})_/g;

/** Import's inverse of the `_xHHHH_` escaping Excel (and {@link escapeXmlText}) applies to cell text. */
export function decodeOoxmlEscapes(text: string): string {
  return text.includes('_x') ? text.replace(OOXML_ESCAPED, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

/** An attribute value: like text, plus quotes. */
function escapeXmlAttr(text: string): string {
  return escapeXmlText(text).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

/** Column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** Text as it goes into a cell: formula-safe and cut to Excel's limit (Excel refuses longer). */
function cellText(value: string): string {
  const safe = neutraliseFormula(value);
  return safe.length > XLSX_MAX_CELL_TEXT ? safe.slice(0, XLSX_MAX_CELL_TEXT) : safe;
}

function isSpaceAtEdge(text: string): boolean {
  return text.charCodeAt(0) <= 32 || text.charCodeAt(text.length - 1) <= 32;
}

/** Sheet names: ≤ 31 characters, none of `[]:*?/\`, not empty, unique ignoring case. */
function checkSheetNames(sheets: readonly AnySheet[]): void {
  const seen = new Set<string>();
  for (const sheet of sheets) {
    const name = sheet.name;
    if (name.length === 0 || name.length > 31 || /[[\]:*?/\\]/.test(name) || name.startsWith("'") || name.endsWith("'")) {
      throw new RangeError(`[xlsxWriter] invalid sheet name ${JSON.stringify(name)}`);
    }
    if (seen.has(name.toLowerCase())) throw new RangeError(`[xlsxWriter] duplicate sheet name ${JSON.stringify(name)}`);
    seen.add(name.toLowerCase());
    if (sheet.rows.length + 1 > XLSX_MAX_ROWS) throw new RangeError(`[xlsxWriter] sheet ${name} has more rows than Excel allows`);
    if (sheet.columns.length === 0 || sheet.columns.length > XLSX_MAX_COLUMNS) {
      throw new RangeError(`[xlsxWriter] sheet ${name} needs 1 to ${XLSX_MAX_COLUMNS} columns`);
    }
  }
}

/** Where a full buffer of XML goes: the open zip entry. */
type ChunkSink = (chunk: Uint8Array) => void;

/**
 * XML as UTF-8 in one buffer. Callers write only ASCII markup through {@link ascii} and
 * {@link put}, and text that is already XML-escaped through {@link text}; a full buffer goes to the
 * sink, which is done with it on return (it compresses or copies it), so the one buffer is reused.
 */
class XmlBuffer {
  private buf: Uint8Array;
  private pos = 0;
  sink: ChunkSink;

  constructor(size: number, sink: ChunkSink) {
    this.buf = new Uint8Array(size);
    this.sink = sink;
  }

  /** Room for `n` more bytes: flushes, and grows only for a single cell larger than the buffer. */
  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    this.flush();
    if (n > this.buf.length) this.buf = new Uint8Array(n);
  }

  flush(): void {
    if (this.pos === 0) return;
    this.sink(this.buf.subarray(0, this.pos));
    this.pos = 0;
  }

  /** ASCII-only text (markup, numbers). */
  ascii(text: string): void {
    const n = text.length;
    this.room(n);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i += 1) buf[p++] = text.charCodeAt(i);
    this.pos = p;
  }

  /**
   * Makes room for `n` bytes now, so that writes of at most `n` bytes in all cannot flush: what
   * they write can then be taken back with {@link rewind}.
   */
  reserve(n: number): void {
    this.room(n);
  }

  /** Where the next byte goes; valid for {@link rewind} until the next flush. */
  get position(): number {
    return this.pos;
  }

  /** Takes back what was written since `position` (only within a {@link reserve}d stretch). */
  rewind(position: number): void {
    this.pos = position;
  }

  /** The first `n` of some pre-encoded bytes. */
  putSome(bytes: Uint8Array, n: number): void {
    this.room(n);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i += 1) buf[p++] = bytes[i] as number;
    this.pos = p;
  }

  /**
   * Text that needs no XML escaping, as UTF-8, in one pass; false as soon as a character might need
   * it (`& < > _`, CR, other C0 controls but TAB and LF, surrogates, U+FFFE/U+FFFF) — what was
   * written is then to be rewound and the text escaped. Saves a regular-expression scan of every
   * inline cell (most are plain). The caller has reserved `text.length * 3` bytes.
   */
  plainText(text: string): boolean {
    const n = text.length;
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i += 1) {
      const c = text.charCodeAt(i);
      if (c < 0x80) {
        if ((c < 0x20 && c !== 9 && c !== 10) || c === 38 || c === 60 || c === 62 || c === 95) return false;
        buf[p++] = c;
      } else if (c < 0x800) {
        buf[p++] = 0xc0 | (c >> 6);
        buf[p++] = 0x80 | (c & 0x3f);
      } else {
        if ((c >= 0xd800 && c <= 0xdfff) || c >= 0xfffe) return false;
        buf[p++] = 0xe0 | (c >> 12);
        buf[p++] = 0x80 | ((c >> 6) & 0x3f);
        buf[p++] = 0x80 | (c & 0x3f);
      }
    }
    this.pos = p;
    return true;
  }

  /** Pre-encoded bytes (short markup pieces: a loop beats TypedArray.set at this size). */
  put(bytes: Uint8Array): void {
    const n = bytes.length;
    this.room(n);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i += 1) buf[p++] = bytes[i] as number;
    this.pos = p;
  }

  /** A non-negative integer in decimal; digit by digit below 2³¹ (String() would allocate per cell). */
  uint(value: number): void {
    if (value < 10) {
      this.room(1);
      this.buf[this.pos++] = 48 + value;
      return;
    }
    if (value > 0x7fffffff) {
      this.ascii(String(value));
      return;
    }
    let digits = 2;
    for (let limit = 100; value >= limit && digits < 10; limit *= 10) digits += 1;
    this.room(digits);
    const buf = this.buf;
    let p = this.pos + digits;
    this.pos = p;
    let rest = value;
    do {
      const next = (rest / 10) | 0;
      buf[--p] = 48 + rest - next * 10;
      rest = next;
    } while (rest > 0);
  }

  /**
   * A number of at most six decimals and below 10⁹ in size (coordinates, most measures) digit by
   * digit, exactly as String() writes it — its shortest round-trip form is then these very digits —
   * and true; false, having written nothing, for any other number. String() of a fraction searches
   * for that shortest form, about a microsecond per cell at 100k rows.
   */
  decimal6(n: number): boolean {
    const scaled = Math.round(n * 1e6);
    if (!(Math.abs(n) < 1e9) || scaled / 1e6 !== n) return false;
    let rest = scaled;
    if (rest < 0) {
      this.room(1);
      this.buf[this.pos++] = 45; // '-'
      rest = -rest;
    }
    const whole = Math.floor(rest / 1e6);
    const fraction = rest - whole * 1e6;
    this.uint(whole);
    this.fraction(fraction, 6);
    return true;
  }

  /** `.` and the `digits` decimals of `fraction` (an integer below 10^digits), trailing zeros dropped; nothing when 0. */
  private fraction(value: number, digits: number): void {
    if (value === 0) return;
    let rest = value;
    let count = digits;
    while (rest % 10 === 0) {
      rest /= 10;
      count -= 1;
    }
    this.room(1 + count);
    const buf = this.buf;
    buf[this.pos++] = 46; // '.'
    for (let i = count - 1; i >= 0; i -= 1) {
      const next = Math.floor(rest / 10);
      buf[this.pos + i] = 48 + rest - next * 10;
      rest = next;
    }
    this.pos += count;
  }

  /**
   * A date-time serial — whole days and the milliseconds into the day — with ten decimals,
   * trailing zeros dropped: within 5 µs of the exact serial, so every reader that rounds a serial
   * to the millisecond (Excel, ExcelJS, our import) gets the same instant back. Saves String()'s
   * shortest-form search (16–17 digits here) on every date-time cell.
   */
  daySerial(days: number, msOfDay: number): void {
    this.uint(days);
    this.fraction(Math.round((msOfDay / MS_PER_DAY) * 1e10), 10);
  }

  /** Escaped XML text as UTF-8 (no lone surrogates: {@link escapeXmlText} removed them). */
  text(text: string): void {
    const n = text.length;
    this.room(n * 3);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i += 1) {
      const c = text.charCodeAt(i);
      if (c < 0x80) buf[p++] = c;
      else if (c < 0x800) {
        buf[p++] = 0xc0 | (c >> 6);
        buf[p++] = 0x80 | (c & 0x3f);
      } else if (c >= 0xd800 && c <= 0xdbff) {
        // a pair (4 bytes, no more than the 6 reserved for its two units)
        const point = ((c - 0xd800) << 10) + (text.charCodeAt(i + 1) - 0xdc00) + 0x10000;
        i += 1;
        buf[p++] = 0xf0 | (point >> 18);
        buf[p++] = 0x80 | ((point >> 12) & 0x3f);
        buf[p++] = 0x80 | ((point >> 6) & 0x3f);
        buf[p++] = 0x80 | (point & 0x3f);
      } else {
        buf[p++] = 0xe0 | (c >> 12);
        buf[p++] = 0x80 | ((c >> 6) & 0x3f);
        buf[p++] = 0x80 | (c & 0x3f);
      }
    }
    this.pos = p;
  }
}

/** Shared-strings table built while the sheets are written. */
class SharedStrings {
  readonly index = new Map<string, number>();
  readonly list: string[] = [];
  count = 0;
  id(text: string): number {
    this.count += 1;
    let id = this.index.get(text);
    if (id === undefined) {
      id = this.list.length;
      this.index.set(text, id);
      this.list.push(text);
    }
    return id;
  }
}

/** Rows of a text column that go to the shared table before `auto` decides the column's storage. */
const AUTO_PROBE_ROWS = 1000;
/** `auto` keeps a column shared while at most this share of its probed texts were new to the table. */
const AUTO_SHARED_MAX_NEW = 0.5;

const ascii = (text: string): Uint8Array => strToU8(text);
const CELL_END = ascii('</v></c>');
const SHARED_OPEN = ascii('" t="s"><v>');
const SHARED_STYLED_OPEN = (style: number) => ascii(`" s="${style}" t="s"><v>`);
const INLINE_OPEN = ascii('" t="inlineStr"><is><t>');
const INLINE_OPEN_PRESERVE = ascii('" t="inlineStr"><is><t xml:space="preserve">');
const INLINE_END = ascii('</t></is></c>');
const NUMBER_OPEN = ascii('"><v>');
const DATE_OPEN = ascii(`" s="${STYLE.date}"><v>`);
const DATETIME_OPEN = ascii(`" s="${STYLE.datetime}"><v>`);
const ROW_OPEN = ascii('<row r="');
const ROW_OPEN_END = ascii('">');
const ROW_END = ascii('</row>');

/**
 * Writes the rows of one sheet. Per column it keeps the cell prefix (`<c r="AB`) as bytes and,
 * for `auto` storage, whether the column's texts go to the shared table.
 */
class SheetRowWriter {
  private readonly prefixes: Uint8Array[];
  private readonly isShared: boolean[];
  private readonly probeNew: number[];
  private readonly probeSeen: number[];
  /** Day serials of the date texts seen (catalogs repeat a few hundred days); cleared when large. */
  private readonly daySerials = new Map<string, number | null>();
  /** The last non-integer number written and its text: 创建时间 and 更新时间 side by side are often equal. */
  private lastFloat = Number.NaN;
  private lastFloatText = '';
  /** The current row's number as ASCII digits, written into every cell reference of the row. */
  private readonly rowDigits = new Uint8Array(16);
  private rowDigitCount = 0;

  constructor(
    private readonly out: XmlBuffer,
    letters: readonly string[],
    private readonly strings: SharedStrings | null,
    private readonly storage: StringStorage,
  ) {
    this.prefixes = letters.map((l) => ascii(`<c r="${l}`));
    this.isShared = letters.map(() => strings !== null);
    this.probeNew = letters.map(() => 0);
    this.probeSeen = letters.map(() => 0);
  }

  private daySerial(date: string): number | null {
    let serial = this.daySerials.get(date);
    if (serial === undefined) {
      if (this.daySerials.size > 10_000) this.daySerials.clear();
      serial = excelSerialOfIsoDate(date);
      this.daySerials.set(date, serial);
    }
    return serial;
  }

  row(rowNumber: number, kinds: readonly CellKind[], values: (c: number) => CellValue, headerStyle: number | null): void {
    const out = this.out;
    this.setRowDigits(rowNumber);
    out.put(ROW_OPEN);
    out.putSome(this.rowDigits, this.rowDigitCount);
    out.put(ROW_OPEN_END);
    for (let c = 0; c < kinds.length; c += 1) {
      const value = values(c);
      if (value === null || value === '') continue;
      if (headerStyle !== null) {
        this.text(c, String(value), headerStyle);
        continue;
      }
      switch (kinds[c]) {
        case 'number': {
          const n = typeof value === 'number' ? value : Number(value);
          if (Number.isFinite(n)) this.number(c, NUMBER_OPEN, n);
          break;
        }
        case 'date': {
          const serial = typeof value === 'string' ? this.daySerial(value) : null;
          if (serial === null) this.text(c, String(value), STYLE.normal);
          else this.number(c, DATE_OPEN, serial);
          break;
        }
        case 'datetime': {
          const serial = typeof value === 'number' ? excelSerialOfEpochMs(value) : null;
          if (serial === null) this.text(c, String(value), STYLE.normal);
          else if (Number.isInteger(value)) this.dateTime(c, serial);
          else this.number(c, DATETIME_OPEN, serial);
          break;
        }
        default:
          this.text(c, typeof value === 'string' ? value : String(value), STYLE.normal);
      }
    }
    out.put(ROW_END);
  }

  private setRowDigits(rowNumber: number): void {
    const text = String(rowNumber);
    for (let i = 0; i < text.length; i += 1) this.rowDigits[i] = text.charCodeAt(i);
    this.rowDigitCount = text.length;
  }

  /** `<c r="B12` — a cell's opening up to the end of its reference (the row's digits). */
  private cellRef(c: number): void {
    const out = this.out;
    out.put(this.prefixes[c] as Uint8Array);
    out.putSome(this.rowDigits, this.rowDigitCount);
  }

  private number(c: number, open: Uint8Array, n: number): void {
    const out = this.out;
    this.cellRef(c);
    out.put(open);
    if (Number.isInteger(n) && n >= 0) out.uint(n);
    else if (!out.decimal6(n)) {
      if (this.lastFloat !== n) {
        this.lastFloat = n;
        this.lastFloatText = String(n);
      }
      out.ascii(this.lastFloatText);
    }
    out.put(CELL_END);
  }

  /** A date-time cell of a whole-millisecond instant (see {@link XmlBuffer.daySerial}). */
  private dateTime(c: number, serial: number): void {
    const out = this.out;
    this.cellRef(c);
    out.put(DATETIME_OPEN);
    let days = Math.floor(serial);
    // The serial is exact to well under a microsecond at today's dates: this is the instant's ms.
    let msOfDay = Math.round((serial - days) * MS_PER_DAY);
    if (msOfDay === MS_PER_DAY) {
      days += 1;
      msOfDay = 0;
    }
    out.daySerial(days, msOfDay);
    out.put(CELL_END);
  }

  private text(c: number, value: string, style: number): void {
    const text = cellText(value);
    // A shared column needs no escaping test here (the table is escaped when written).
    if (this.strings !== null && this.isShared[c]) {
      this.shared(c, text, style, true);
      return;
    }
    const out = this.out;
    // Most text needs no escaping: write it as it is, and only at a character that might need it
    // take the cell back and go the careful way below. Reserving room first means nothing is
    // flushed in between, so the rewind is always possible.
    out.reserve(INLINE_MARKUP_MAX + text.length * 3);
    const start = out.position;
    this.inlineOpen(c, text, style);
    if (out.plainText(text)) {
      out.put(INLINE_END);
      return;
    }
    out.rewind(start);
    const needsEscape = NEEDS_ESCAPE.test(text);
    // ExcelJS (and so our tests and import) decodes `_xHHHH_` only in shared strings: such texts stay shared.
    if (this.strings !== null && needsEscape && OOXML_ESCAPE_TEST.test(text)) {
      this.shared(c, text, style, false);
      return;
    }
    this.inlineOpen(c, text, style);
    out.text(needsEscape ? escapeXmlText(text) : text);
    out.put(INLINE_END);
  }

  /** An inline-string cell up to its text. */
  private inlineOpen(c: number, text: string, style: number): void {
    const out = this.out;
    this.cellRef(c);
    if (style !== STYLE.normal) out.ascii(`" s="${style}`);
    out.put(isSpaceAtEdge(text) ? INLINE_OPEN_PRESERVE : INLINE_OPEN);
  }

  /** A cell pointing into the shared-strings table; `isProbed`: the text counts toward `auto`'s decision. */
  private shared(c: number, text: string, style: number, isProbed: boolean): void {
    const strings = this.strings as SharedStrings;
    const before = strings.list.length;
    const id = strings.id(text);
    if (isProbed && this.storage === 'auto' && style === STYLE.normal) this.probe(c, strings.list.length > before);
    const out = this.out;
    this.cellRef(c);
    out.put(style === STYLE.normal ? SHARED_OPEN : SHARED_STYLED_OPEN(style));
    out.uint(id);
    out.put(CELL_END);
  }

  /** `auto`: after the probe rows, a column whose texts were mostly new goes inline. */
  private probe(c: number, isNew: boolean): void {
    const seen = (this.probeSeen[c] as number) + 1;
    const fresh = (this.probeNew[c] as number) + (isNew ? 1 : 0);
    this.probeSeen[c] = seen;
    this.probeNew[c] = fresh;
    if (seen === AUTO_PROBE_ROWS && fresh > seen * AUTO_SHARED_MAX_NEW) this.isShared[c] = false;
  }
}

const OOXML_ESCAPE_TEST = /_x[0-9A-Fa-f]{4}_/;
/** Bytes an inline cell's markup takes at most besides its text: reference, style, open and end tags. */
const INLINE_MARKUP_MAX = 128;

/** The part of a worksheet before its rows: dimension, frozen header, column widths. */
function sheetHead(sheet: AnySheet, lastRef: string, isFirst: boolean): string {
  const cols = sheet.columns
    .map((column, i) => {
      const width = Math.max(1, Math.min(255, column.width));
      return `<col min="${i + 1}" max="${i + 1}" width="${width}" customWidth="1"/>`;
    })
    .join('');
  return (
    `${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    `<dimension ref="A1:${lastRef}"/>` +
    `<sheetViews><sheetView workbookViewId="0"${isFirst ? ' tabSelected="1"' : ''}>` +
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
    '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>' +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    `<cols>${cols}</cols><sheetData>`
  );
}

function stylesXml(): string {
  // Fonts: 等线 is the zh-CN Office body font; charset 134 is GB2312, so WPS picks a Chinese face.
  const font = (bold: boolean) => `<font>${bold ? '<b/>' : ''}<sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font>`;
  return (
    `${XML_HEAD}<styleSheet xmlns="${NS_MAIN}">` +
    '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm:ss"/></numFmts>' +
    `<fonts count="2">${font(false)}${font(true)}</fonts>` +
    '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
    '<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills>' +
    '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>' +
    '<border><left/><right/><top/><bottom style="thin"><color rgb="FF9BC2E6"/></bottom><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    '<cellXfs count="4">' +
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
    '<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment vertical="center"/></xf>' +
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
    '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
    '<dxfs count="0"/><tableStyles count="0"/></styleSheet>'
  );
}

function quoteSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

function workbookXml(sheets: readonly AnySheet[], filterRefs: readonly string[]): string {
  const entries = sheets.map((sheet, i) => `<sheet name="${escapeXmlAttr(sheet.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  // Excel records every auto-filter as this hidden name; without it Excel still filters but repairs nothing.
  const names = sheets
    .map((sheet, i) => `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${escapeXmlText(`${quoteSheetName(sheet.name)}!${filterRefs[i] ?? '$A$1'}`)}</definedName>`)
    .join('');
  return (
    `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    '<bookViews><workbookView activeTab="0"/></bookViews>' +
    `<sheets>${entries}</sheets><definedNames>${names}</definedNames><calcPr calcId="191029"/></workbook>`
  );
}

function workbookRelsXml(sheetCount: number, hasSharedStrings: boolean): string {
  let rels = '';
  for (let i = 1; i <= sheetCount; i += 1) {
    rels += `<Relationship Id="rId${i}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${i}.xml"/>`;
  }
  rels += `<Relationship Id="rId${sheetCount + 1}" Type="${NS_REL}/styles" Target="styles.xml"/>`;
  if (hasSharedStrings) rels += `<Relationship Id="rId${sheetCount + 2}" Type="${NS_REL}/sharedStrings" Target="sharedStrings.xml"/>`;
  return `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">${rels}</Relationships>`;
}

function contentTypesXml(sheetCount: number, hasSharedStrings: boolean): string {
  const ct = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
  let overrides = `<Override PartName="/xl/workbook.xml" ContentType="${ct}.sheet.main+xml"/>`;
  for (let i = 1; i <= sheetCount; i += 1) overrides += `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="${ct}.worksheet+xml"/>`;
  overrides += `<Override PartName="/xl/styles.xml" ContentType="${ct}.styles+xml"/>`;
  if (hasSharedStrings) overrides += `<Override PartName="/xl/sharedStrings.xml" ContentType="${ct}.sharedStrings+xml"/>`;
  overrides += '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>';
  return (
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    `<Default Extension="xml" ContentType="application/xml"/>${overrides}</Types>`
  );
}

const ROOT_RELS =
  `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">` +
  `<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/>` +
  `<Relationship Id="rId2" Type="${NS_REL}/extended-properties" Target="docProps/app.xml"/></Relationships>`;

const APP_XML =
  `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">` +
  '<Application>Scenario Atlas</Application></Properties>';

const DEFAULT_MODIFIED = new Date(Date.UTC(2025, 0, 1, 12));

/**
 * Writes sheets to an XLSX file. The first row of every sheet is its bold, filled, frozen header
 * with an auto-filter; text is formula-safe (formulaSafe.ts) and XML-clean; `date` cells become
 * Excel dates (yyyy-mm-dd), `datetime` cells date-times in Asia/Shanghai. Throws RangeError for
 * sheets Excel could not open (bad or duplicate names, too many rows or columns).
 */
export function writeXlsx(sheets: readonly AnySheet[], options: XlsxOptions = {}): Uint8Array<ArrayBuffer> {
  const inject = options.deflate;
  const deflater: ChunkDeflater = inject ? (chunk, isFinal) => ({ data: inject(chunk, isFinal), crc: crc32(chunk), size: chunk.length }) : deflateChunk;
  return buildXlsx(sheets, options, deflater).finishSync();
}

/**
 * {@link writeXlsx} with the compression done by `options.deflater` (a worker) while the XML is
 * generated here: the same bytes as writeXlsx with the default deflate (as pieces, see
 * {@link FileParts}), in about the time of the slower of the two halves of the work on two cores.
 */
export function writeXlsxAsync(sheets: readonly AnySheet[], options: XlsxAsyncOptions): Promise<FileParts> {
  return buildXlsx(sheets, options, options.deflater).finish();
}

/** Writes every part of the workbook into a zip whose chunks `deflater` compresses. */
function buildXlsx(sheets: readonly AnySheet[], options: Omit<XlsxOptions, 'deflate'>, deflater: ChunkDeflater): ZipBuilder {
  if (sheets.length === 0) throw new RangeError('[xlsxWriter] a workbook needs at least one sheet');
  checkSheetNames(sheets);
  const storage = options.strings ?? 'auto';
  const strings = storage === 'inline' ? null : new SharedStrings();
  const chunkRows = Math.max(1, options.chunkRows ?? 500);
  const zip = new ZipBuilder(deflater, options.modified ?? DEFAULT_MODIFIED);
  const totalRows = sheets.reduce((sum, sheet) => sum + sheet.rows.length, 0);
  let doneRows = 0;
  const hasSharedStrings = strings !== null;
  // Package parts first ([Content_Types].xml leading, as Excel writes it); they depend only on counts.
  zip.file('[Content_Types].xml', contentTypesXml(sheets.length, hasSharedStrings));
  zip.file('_rels/.rels', ROOT_RELS);
  zip.file('docProps/app.xml', APP_XML);
  const filterRefs = sheets.map((sheet) => `$A$1:$${columnLetters(sheet.columns.length - 1)}$${sheet.rows.length + 1}`);
  zip.file('xl/workbook.xml', workbookXml(sheets, filterRefs));
  zip.file('xl/_rels/workbook.xml.rels', workbookRelsXml(sheets.length, hasSharedStrings));
  zip.file('xl/styles.xml', stylesXml());

  const out = new XmlBuffer(Math.max(4096, options.chunkBytes ?? 256 * 1024), () => undefined);
  /** Points the buffer at a new entry; returns the entry's end. */
  const openEntry = (name: string): (() => void) => {
    const push = zip.open(name);
    out.sink = (chunk) => push(chunk, false);
    return () => {
      out.flush();
      push(new Uint8Array(0), true);
    };
  };
  sheets.forEach((sheet, sheetIndex) => {
    const columns = sheet.columns;
    const letters = columns.map((_, i) => columnLetters(i));
    const lastRow = sheet.rows.length + 1;
    const lastLetters = letters[letters.length - 1] ?? 'A';
    const end = openEntry(`xl/worksheets/sheet${sheetIndex + 1}.xml`);
    out.text(sheetHead(sheet, `${lastLetters}${lastRow}`, sheetIndex === 0));
    const writer = new SheetRowWriter(out, letters, strings, storage);
    const kinds = columns.map((column) => column.kind);
    const readers = columns.map((column) => column.value);
    writer.row(1, kinds, (c) => (columns[c] as AnySheet['columns'][number]).header, STYLE.header);
    const rows = sheet.rows;
    let row: unknown;
    const valueOf = (c: number): CellValue => (readers[c] as AnySheet['columns'][number]['value'])(row);
    for (let r = 0; r < rows.length; r += 1) {
      row = rows[r];
      writer.row(r + 2, kinds, valueOf, null);
      if ((r + 1) % chunkRows === 0 || r + 1 === rows.length) {
        doneRows += (r % chunkRows) + 1;
        options.onProgress?.(doneRows, totalRows);
      }
    }
    out.ascii(`</sheetData><autoFilter ref="A1:${lastLetters}${lastRow}"/>` + '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>');
    end();
  });

  if (strings) {
    const end = openEntry('xl/sharedStrings.xml');
    out.text(`${XML_HEAD}<sst xmlns="${NS_MAIN}" count="${strings.count}" uniqueCount="${strings.list.length}">`);
    for (const text of strings.list) {
      out.put(isSpaceAtEdge(text) ? SI_OPEN_PRESERVE : SI_OPEN);
      out.text(escapeXmlText(text));
      out.put(SI_END);
    }
    out.ascii('</sst>');
    end();
    strings.index.clear();
  }
  return zip;
}

const SI_OPEN = ascii('<si><t>');
const SI_OPEN_PRESERVE = ascii('<si><t xml:space="preserve">');
const SI_END = ascii('</t></si>');
