/**
 * The zip container of the XLSX writer (issue 5): entries made of DEFLATE chunks that may be
 * compressed anywhere — in this thread or in a worker — and arrive in any order; the zip is put
 * together once all are there. Hand-written rather than fflate's Zip because that one deflates
 * and checksums in the calling thread, a byte at a time; here each chunk carries its own CRC and
 * the entry's CRC is combined from them (crc32.ts). Entries are written with their sizes in the
 * local header (no data descriptors), which every zip reader understands.
 */
import { strToU8 } from 'fflate';
import { crc32, crc32Combine } from './crc32';
import { deflateRawChunk } from './fastDeflate';

/** One compressed piece of an entry: raw DEFLATE bytes plus the CRC-32 and length of the bytes they hold. */
export interface DeflatedChunk {
  readonly data: Uint8Array;
  readonly crc: number;
  readonly size: number;
}

/**
 * Compresses one chunk of an entry (see {@link deflateRawChunk} for what a chunk's output must
 * be). No deflater may keep `chunk` past its return: the writer reuses its buffer (an
 * asynchronous one posts a copy of it to a worker).
 */
export type ChunkDeflater = (chunk: Uint8Array, isFinal: boolean) => DeflatedChunk | Promise<DeflatedChunk>;

/** Deflates and checksums a chunk in the calling thread. */
export function deflateChunk(chunk: Uint8Array, isFinal: boolean): DeflatedChunk {
  return { data: deflateRawChunk(chunk, isFinal), crc: crc32(chunk), size: chunk.length };
}

interface Entry {
  readonly name: Uint8Array;
  readonly chunks: (DeflatedChunk | Promise<DeflatedChunk>)[];
}

/**
 * A file as its pieces, in order. An asynchronous workbook is handed on like this — posted,
 * downloaded as a Blob, or written piece by piece — and never joined in memory: joining a 100k-row
 * workbook copies ~35 MB into fresh memory for nothing.
 */
export type FileParts = Uint8Array<ArrayBuffer>[];

/** The pieces joined into one array (small files, tests). */
export function joinParts(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Zip's limit without the ZIP64 extension. */
const MAX_ZIP32 = 0xffff_ffff;

/** MS-DOS time and date of a moment (UTC fields: equal input gives equal bytes in every time zone). */
function dosDateTime(date: Date): { time: number; date: number } {
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1),
    date: ((Math.max(1980, date.getUTCFullYear()) - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

/** A zip of deflated entries, built chunk by chunk. */
export class ZipBuilder {
  private readonly entries: Entry[] = [];
  private readonly stamp: { time: number; date: number };

  constructor(
    private readonly deflater: ChunkDeflater,
    modified: Date,
  ) {
    this.stamp = dosDateTime(modified);
  }

  /** Starts an entry (names are ASCII part names); push its bytes, the last push `isFinal`. */
  open(name: string): (chunk: Uint8Array, isFinal: boolean) => void {
    const entry: Entry = { name: strToU8(name), chunks: [] };
    this.entries.push(entry);
    return (chunk, isFinal) => {
      entry.chunks.push(this.deflater(chunk, isFinal));
    };
  }

  /** An entry of one piece of text. */
  file(name: string, text: string): void {
    this.open(name)(strToU8(text), true);
  }

  /** The zip as its pieces (see {@link FileParts}), once every chunk is compressed. */
  async finish(): Promise<FileParts> {
    const done = await Promise.all(this.entries.map(async (entry) => ({ name: entry.name, chunks: await Promise.all(entry.chunks) })));
    return this.layout(done);
  }

  /** The zip in one array, when every chunk was compressed synchronously. */
  finishSync(): Uint8Array<ArrayBuffer> {
    return this.assemble(
      this.entries.map((entry) => ({
        name: entry.name,
        chunks: entry.chunks.map((chunk) => {
          if (chunk instanceof Promise) throw new Error('[zipWriter] an asynchronous deflater needs finish()');
          return chunk;
        }),
      })),
    );
  }

  private assemble(entries: readonly { name: Uint8Array; chunks: readonly DeflatedChunk[] }[]): Uint8Array<ArrayBuffer> {
    return joinParts(this.layout(entries));
  }

  /** The zip's pieces: each entry's local header then its chunks, then the central directory. */
  private layout(entries: readonly { name: Uint8Array; chunks: readonly DeflatedChunk[] }[]): FileParts {
    const sums = entries.map((entry) => {
      let crc = 0;
      let size = 0;
      let compressed = 0;
      for (const chunk of entry.chunks) {
        crc = crc32Combine(crc, chunk.crc, chunk.size);
        size += chunk.size;
        compressed += chunk.data.length;
      }
      if (size > MAX_ZIP32 || compressed > MAX_ZIP32) throw new RangeError('[zipWriter] an entry larger than 4 GB needs ZIP64');
      return { crc, size, compressed };
    });
    const localBytes = entries.reduce((sum, entry, i) => sum + 30 + entry.name.length + (sums[i] as (typeof sums)[number]).compressed, 0);
    if (localBytes > MAX_ZIP32) throw new RangeError('[zipWriter] a zip larger than 4 GB needs ZIP64');
    const parts: FileParts = [];
    const offsets: number[] = [];
    let at = 0;
    entries.forEach((entry, i) => {
      const sum = sums[i] as (typeof sums)[number];
      const header = new Uint8Array(30 + entry.name.length);
      this.header(new DataView(header.buffer), 0, 0x04034b50, entry.name, sum, null);
      offsets.push(at);
      parts.push(header);
      at += header.length;
      for (const chunk of entry.chunks) {
        // A chunk may be a view into a larger buffer; a piece owns its bytes (it may be posted on).
        parts.push(chunk.data.byteOffset === 0 && chunk.data.byteLength === chunk.data.buffer.byteLength ? (chunk.data as Uint8Array<ArrayBuffer>) : chunk.data.slice());
        at += chunk.data.length;
      }
    });
    const centralStart = at;
    const central = new Uint8Array(entries.reduce((sum, entry) => sum + 46 + entry.name.length, 0) + 22);
    const view = new DataView(central.buffer);
    let p = 0;
    entries.forEach((entry, i) => {
      p = this.header(view, p, 0x02014b50, entry.name, sums[i] as (typeof sums)[number], offsets[i] as number);
    });
    view.setUint32(p, 0x06054b50, true);
    view.setUint16(p + 8, entries.length, true);
    view.setUint16(p + 10, entries.length, true);
    view.setUint32(p + 12, p, true);
    view.setUint32(p + 16, centralStart, true);
    parts.push(central);
    return parts;
  }

  /** Writes a local (offset null) or central-directory header at `at`; returns where it ends. */
  private header(view: DataView, at: number, signature: number, name: Uint8Array, sum: { crc: number; size: number; compressed: number }, offset: number | null): number {
    const isCentral = offset !== null;
    let p = at;
    view.setUint32(p, signature, true);
    p += 4;
    if (isCentral) {
      view.setUint16(p, 20, true); // made by: MS-DOS, zip 2.0
      p += 2;
    }
    view.setUint16(p, 20, true); // needed: 2.0 (deflate)
    view.setUint16(p + 2, 0, true); // flags
    view.setUint16(p + 4, 8, true); // method: deflate
    view.setUint16(p + 6, this.stamp.time, true);
    view.setUint16(p + 8, this.stamp.date, true);
    view.setUint32(p + 10, sum.crc, true);
    view.setUint32(p + 14, sum.compressed, true);
    view.setUint32(p + 18, sum.size, true);
    view.setUint16(p + 22, name.length, true);
    view.setUint16(p + 24, 0, true); // extra length
    p += 26;
    if (isCentral) {
      // comment length, disk, internal and external attributes stay 0
      view.setUint32(p + 10, offset, true);
      p += 14;
    }
    new Uint8Array(view.buffer).set(name, p);
    return p + name.length;
  }
}
