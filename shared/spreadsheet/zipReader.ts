/**
 * Reads the few entries of a zip (an .xlsx) that import needs, refusing hostile archives before
 * inflating anything (issue 5): the central directory is parsed by hand with every offset
 * bounds-checked (a truncated download fails here, not deep in the inflater), and each wanted
 * entry's DECLARED sizes are checked against caps and a compression-ratio limit first (a zip bomb
 * is refused on its headers). The inflater then writes into a buffer of exactly the declared size,
 * so an entry that lies about its size cannot grow memory either; a length or CRC mismatch after
 * inflating is reported as a damaged file. fflate's own unzipSync trusts the headers, hence this.
 * An entry whose compressed size exceeds what DEFLATE could make of its declared size is refused
 * too, so the input the inflater chews on is never more than about the declared output.
 */
import { inflateSync } from 'fflate';
import { fail, type DomainResult } from '../domain/localizedText';
import { crc32 } from './crc32';

export { crc32 };

/** Limits of {@link readZipEntries}; the defaults suit a 100k-row register. */
export interface ZipLimits {
  /** Largest uncompressed size of one entry. */
  readonly maxEntryBytes: number;
  /** Largest uncompressed size of all read entries together. */
  readonly maxTotalBytes: number;
  /** Largest uncompressed / compressed ratio of an entry bigger than {@link ZipLimits.ratioFloorBytes}. */
  readonly maxRatio: number;
  /** Entries up to this size are not ratio-checked (tiny XML parts compress very well). */
  readonly ratioFloorBytes: number;
  /** Most entries the central directory may list. */
  readonly maxEntries: number;
}

/** Default limits: sheet XML of 100k × 31 cells is ~110 MB; real spreadsheets compress 5–50×, bombs ~1000×. */
export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntryBytes: 400 * 1024 * 1024,
  maxTotalBytes: 600 * 1024 * 1024,
  maxRatio: 400,
  ratioFloorBytes: 4 * 1024 * 1024,
  maxEntries: 10_000,
};

/** Why a zip was refused. */
export type ZipError = 'not-zip' | 'truncated' | 'zip-bomb' | 'entry-too-large' | 'unsupported-zip' | 'damaged';

/** A central-directory entry: name, method and declared sizes. */
export interface ZipEntryInfo {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly crc: number;
  readonly localOffset: number;
  readonly flags: number;
}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_COMMENT = 0xffff;

const u16 = (b: Uint8Array, at: number): number => (b[at] as number) | ((b[at + 1] as number) << 8);
const u32 = (b: Uint8Array, at: number): number => ((b[at] as number) | ((b[at + 1] as number) << 8) | ((b[at + 2] as number) << 16) | ((b[at + 3] as number) << 24)) >>> 0;

/** A refusal with its message (bilingual; `message` is the Chinese). */
export function zipFailure(error: ZipError, detail = ''): Extract<DomainResult<never, ZipError>, { ok: false }> {
  switch (error) {
    case 'not-zip':
      return fail(error, {
        zh: '这不是有效的 Excel 文件（.xlsx），可能是改了扩展名的其他文件。请在 Excel 或 WPS 中另存为 .xlsx 后再导入。',
        en: 'This is not a valid Excel file (.xlsx); it may be another file renamed. Save it as .xlsx in Excel or WPS and import that.',
      });
    case 'truncated':
      return fail(error, {
        zh: '文件不完整（可能下载或复制时被截断），无法读取。请重新获取完整文件。',
        en: 'The file is incomplete (cut off while downloading or copying) and cannot be read. Get the complete file again.',
      });
    case 'zip-bomb':
      return fail(error, {
        zh: `文件中的 ${detail} 压缩比异常（解压后会膨胀到不合理的大小），为安全起见拒绝导入。`,
        en: `The part ${detail} of the file has an abnormal compression ratio (it would expand to an unreasonable size); refused for safety.`,
      });
    case 'entry-too-large':
      return fail(error, {
        zh: `文件中的 ${detail} 解压后过大，超出导入上限。请把数据拆分成几个较小的文件分别导入。`,
        en: `The part ${detail} of the file is too large once expanded. Split the data into smaller files and import them one by one.`,
      });
    case 'unsupported-zip':
      return fail(error, {
        zh: `文件使用了不支持的压缩或加密方式（${detail}）。如果文件设置了打开密码，请先取消密码再导入。`,
        en: `The file uses an unsupported compression or encryption (${detail}). If it is password-protected, remove the password first.`,
      });
    case 'damaged':
      return fail(error, {
        zh: `文件已损坏，${detail} 无法解压。请重新获取文件或在 Excel 中另存后再导入。`,
        en: `The file is damaged: ${detail} cannot be expanded. Get the file again or re-save it in Excel.`,
      });
  }
}

/** Finds the end-of-central-directory record (it may be followed by a comment of up to 64 KB). */
function findEocd(bytes: Uint8Array): number {
  const last = bytes.length - 22;
  const first = Math.max(0, last - MAX_COMMENT);
  for (let at = last; at >= first; at -= 1) {
    if (bytes[at] === 0x50 && u32(bytes, at) === EOCD) return at;
  }
  return -1;
}

/** Lists the central directory, bounds-checked. */
export function listZipEntries(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): DomainResult<ZipEntryInfo[], ZipError> {
  if (bytes.length < 4 || u32(bytes, 0) !== LOCAL) {
    // An empty zip starts with the EOCD itself; anything else without "PK\3\4" is not a workbook.
    return zipFailure('not-zip');
  }
  const eocd = findEocd(bytes);
  if (eocd < 0) return zipFailure('truncated');
  if (eocd >= 20 && u32(bytes, eocd - 20) === EOCD64_LOCATOR) return zipFailure('unsupported-zip', 'ZIP64');
  const count = u16(bytes, eocd + 10);
  const dirSize = u32(bytes, eocd + 12);
  const dirOffset = u32(bytes, eocd + 16);
  if (count > limits.maxEntries) return zipFailure('entry-too-large', `(${count} entries)`);
  if (dirOffset + dirSize > eocd) return zipFailure('truncated');
  const entries: ZipEntryInfo[] = [];
  let at = dirOffset;
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > eocd || u32(bytes, at) !== CENTRAL) return zipFailure('truncated');
    const flags = u16(bytes, at + 8);
    const method = u16(bytes, at + 10);
    const crc = u32(bytes, at + 16);
    const compressedSize = u32(bytes, at + 20);
    const size = u32(bytes, at + 24);
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    const localOffset = u32(bytes, at + 42);
    const nameEnd = at + 46 + nameLength;
    if (nameEnd > eocd) return zipFailure('truncated');
    // Entry names of OOXML parts are ASCII; anything else is read byte by byte and never matches a wanted name.
    let name = '';
    for (let k = at + 46; k < nameEnd; k += 1) name += String.fromCharCode(bytes[k] as number);
    entries.push({ name, method, compressedSize, size, crc, localOffset, flags });
    at = nameEnd + extraLength + commentLength;
  }
  return { ok: true, value: entries };
}

/** Inflates raw DEFLATE into exactly `size` bytes (fflate writes nothing past the buffer); null if corrupt or short. */
function inflateBounded(raw: Uint8Array, size: number): Uint8Array | null {
  try {
    const out = inflateSync(raw, { out: new Uint8Array(size) });
    // A longer stream is cut at `size` by fflate; the CRC check after this catches it.
    return out.length === size ? out : null;
  } catch {
    // fflate throws on a truncated or corrupt deflate stream: that is what the caller reports.
    return null;
  }
}

/** Checks an entry's declared sizes against the limits (before anything is inflated). */
export function checkDeclaredSize(entry: ZipEntryInfo, limits: ZipLimits = DEFAULT_ZIP_LIMITS): DomainResult<null, ZipError> {
  if (entry.size > limits.maxEntryBytes) return zipFailure('entry-too-large', entry.name);
  if (entry.size > limits.ratioFloorBytes && entry.size > Math.max(1, entry.compressedSize) * limits.maxRatio) {
    return zipFailure('zip-bomb', entry.name);
  }
  return { ok: true, value: null };
}

/**
 * Reads the entries whose names `want` accepts: checks every wanted entry's declared sizes (and
 * their sum) before inflating any, then inflates each into a buffer of its declared size and
 * checks length and CRC. Entries not wanted are never touched.
 */
export function readZipEntries(
  bytes: Uint8Array,
  want: (name: string) => boolean,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): DomainResult<Map<string, Uint8Array>, ZipError> {
  const listed = listZipEntries(bytes, limits);
  if (!listed.ok) return listed;
  const wanted = listed.value.filter((entry) => want(entry.name));
  let total = 0;
  for (const entry of wanted) {
    const checked = checkDeclaredSize(entry, limits);
    if (!checked.ok) return checked;
    total += entry.size;
    if (total > limits.maxTotalBytes) return zipFailure('entry-too-large', entry.name);
    if (entry.flags & 1) return zipFailure('unsupported-zip', 'encrypted');
    if (entry.method !== 0 && entry.method !== 8) return zipFailure('unsupported-zip', `method ${entry.method}`);
  }
  const out = new Map<string, Uint8Array>();
  for (const entry of wanted) {
    const at = entry.localOffset;
    if (at + 30 > bytes.length || u32(bytes, at) !== LOCAL) return zipFailure('truncated');
    const dataStart = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
    const dataEnd = dataStart + entry.compressedSize;
    if (dataEnd > bytes.length) return zipFailure('truncated');
    const raw = bytes.subarray(dataStart, dataEnd);
    let data: Uint8Array;
    if (entry.method === 0) {
      if (entry.compressedSize !== entry.size) return zipFailure('damaged', entry.name);
      data = raw;
    } else {
      // Deflate never grows data by more than a few bytes per 16 KB block: more is a forged header.
      if (entry.compressedSize > entry.size * 1.01 + 1024) return zipFailure('damaged', entry.name);
      const inflated = inflateBounded(raw, entry.size);
      if (inflated === null) return zipFailure('damaged', entry.name);
      data = inflated;
    }
    if (crc32(data) !== entry.crc) return zipFailure('damaged', entry.name);
    out.set(entry.name, data);
  }
  return { ok: true, value: out };
}
