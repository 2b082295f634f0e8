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
 * be). A synchronous deflater must not keep `chunk`: the writer reuses its buffer. An
 * asynchronous one (a worker) owns `chunk` from the call on.
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

  /** The zip, once every chunk is compressed. */
  async finish(): Promise<Uint8Array<ArrayBuffer>> {
    const done = await Promise.all(this.entries.map(async (entry) => ({ name: entry.name, chunks: await Promise.all(entry.chunks) })));
    return this.assemble(done);
  }

  /** The zip, when every chunk was compressed synchronously. */
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
    const centralBytes = entries.reduce((sum, entry) => sum + 46 + entry.name.length, 0);
    if (localBytes > MAX_ZIP32) throw new RangeError('[zipWriter] a zip larger than 4 GB needs ZIP64');
    const out = new Uint8Array(localBytes + centralBytes + 22);
    const view = new DataView(out.buffer);
    let at = 0;
    const offsets: number[] = [];
    entries.forEach((entry, i) => {
      const sum = sums[i] as (typeof sums)[number];
      offsets.push(at);
      at = this.header(view, at, 0x04034b50, entry.name, sum, null);
      for (const chunk of entry.chunks) {
        out.set(chunk.data, at);
        at += chunk.data.length;
      }
    });
    const centralStart = at;
    entries.forEach((entry, i) => {
      at = this.header(view, at, 0x02014b50, entry.name, sums[i] as (typeof sums)[number], offsets[i] as number);
    });
    view.setUint32(at, 0x06054b50, true);
    view.setUint16(at + 8, entries.length, true);
    view.setUint16(at + 10, entries.length, true);
    view.setUint32(at + 12, at - centralStart, true);
    view.setUint32(at + 16, centralStart, true);
    return out;
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
