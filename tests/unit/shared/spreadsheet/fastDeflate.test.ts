import { deflateRawSync, inflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { inflateSync, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { crc32, crc32Combine } from '../../../../shared/spreadsheet/crc32';
import { deflateRawChunk, huffmanLengths } from '../../../../shared/spreadsheet/fastDeflate';
import { deflateChunk, joinParts, ZipBuilder, type DeflatedChunk } from '../../../../shared/spreadsheet/zipWriter';
import { listZipEntries, readZipEntries } from '../../../../shared/spreadsheet/zipReader';

const utf8 = (text: string) => new TextEncoder().encode(text);
/** Byte equality (vitest's toEqual walks a large typed array element by element, far too slowly). */
const isSame = (a: Uint8Array, b: Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length));

/** Deflates `input` cut at `cuts` (each piece its own call), the last piece final. */
function deflatePieces(input: Uint8Array, cuts: readonly number[]): Buffer {
  const points = [...new Set(cuts.map((c) => Math.min(c, input.length)))].sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (const point of [...points, input.length]) {
    if (point < start) continue;
    pieces.push(deflateRawChunk(input.subarray(start, point), point === input.length));
    start = point;
    if (point === input.length) break;
  }
  return Buffer.concat(pieces);
}

/** Sheet-like XML: markup repeating with varying numbers and Chinese text, as the writer makes. */
function sheetLikeXml(rows: number): Uint8Array {
  let xml = '';
  for (let r = 2; r < rows + 2; r += 1) {
    xml += `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>510107-2026-${String(r).padStart(4, '0')}</t></is></c><c r="B${r}" t="s"><v>${(r * 7919) % 331}</v></c>`;
    xml += `<c r="C${r}" t="inlineStr"><is><t>武侯区${r % 13 === 0 ? '&amp;' : ''}脑机接口康复训练场景${r}</t></is></c><c r="D${r}"><v>${(30 + r / 1000).toFixed(6)}</v></c></row>`;
  }
  return utf8(xml);
}

describe('deflateRawChunk', () => {
  it.each<[string, Uint8Array]>([
    ['empty', new Uint8Array(0)],
    ['one byte', utf8('a')],
    ['three bytes (shorter than a match)', utf8('abc')],
    ['a run of one byte', new Uint8Array(100_000).fill(0x41)],
    ['every byte value', Uint8Array.from({ length: 256 * 40 }, (_, i) => i % 256)],
    ['matches at the longest distance', (() => {
      const block = Uint8Array.from({ length: 32_768 }, (_, i) => (i * 2_654_435_761) >>> 24);
      return Uint8Array.from([...block, ...block, ...block]);
    })()],
    ['sheet-like XML with Chinese', sheetLikeXml(3000)],
  ])('round-trips %s through zlib and fflate, in one piece and cut into several', (_, input) => {
    const whole = deflatePieces(input, []);
    expect(isSame(inflateRawSync(whole), input)).toBe(true);
    expect(isSame(inflateSync(whole), input)).toBe(true);
    const cut = deflatePieces(input, [1, 7, 1000, input.length >> 1, input.length - 3]);
    expect(isSame(inflateRawSync(cut), input)).toBe(true);
  });

  it('round-trips random and repetitive bytes cut anywhere (property)', () => {
    const chunk = fc.oneof(
      fc.uint8Array({ maxLength: 3000 }),
      fc.tuple(fc.uint8Array({ minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 400 })).map(([unit, times]) => {
        const out = new Uint8Array(unit.length * times);
        for (let i = 0; i < times; i += 1) out.set(unit, i * unit.length);
        return out;
      }),
    );
    fc.assert(
      fc.property(fc.array(chunk, { maxLength: 6 }), fc.array(fc.nat(), { maxLength: 4 }), (parts, cuts) => {
        const input = Uint8Array.from(parts.flatMap((part) => [...part]));
        const stream = deflatePieces(input, cuts.map((c) => (input.length === 0 ? 0 : c % (input.length + 1))));
        expect(isSame(inflateRawSync(stream), input)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('compresses sheet XML about as well as zlib at level 1 (no worse than 1.5× its size)', () => {
    const input = sheetLikeXml(20_000);
    const ours = deflatePieces(input, []).length;
    expect(ours).toBeLessThan(input.length / 4);
    expect(ours).toBeLessThan(deflateRawSync(input, { level: 1 }).length * 1.5);
  });

  it('falls back to stored blocks for bytes that do not compress, growing them by a few bytes only', () => {
    const random = Uint8Array.from({ length: 200_000 }, (_, i) => (Math.imul(i + 1, 2_654_435_761) >>> 13) & 0xff);
    const out = deflateRawChunk(random, true);
    expect(out.length).toBeLessThanOrEqual(random.length + 5 * Math.ceil(random.length / 65_535) + 8);
    expect(isSame(inflateRawSync(out), random)).toBe(true);
  });
});

describe('huffmanLengths', () => {
  const kraft = (lengths: Uint8Array) => [...lengths].reduce((sum, len) => sum + (len > 0 ? 2 ** -len : 0), 0);

  it.each<[string, number[], number]>([
    ['no symbols (two dummies)', [0, 0, 0], 15],
    ['one symbol', [0, 5, 0], 15],
    ['two symbols', [3, 9], 15],
    ['Fibonacci frequencies past the limit', Array.from({ length: 30 }, (_, i) => Math.round(1.618 ** i)), 15],
    ['Fibonacci frequencies past the 7-bit limit', Array.from({ length: 19 }, (_, i) => Math.round(1.618 ** i)), 7],
    ['flat', Array.from({ length: 286 }, () => 10), 15],
  ])('%s: a complete prefix code within the limit', (_, freq, maxLen) => {
    const lengths = new Uint8Array(freq.length);
    huffmanLengths(freq, maxLen, lengths);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(maxLen);
    expect(kraft(lengths)).toBe(1);
    freq.forEach((f, s) => {
      if (f > 0) expect(lengths[s]).toBeGreaterThan(0);
    });
  });
});

describe('crc32 and crc32Combine', () => {
  it('match the check value and combine like one pass (property)', () => {
    expect(crc32(utf8('123456789'))).toBe(0xcbf43926);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.uint8Array({ maxLength: 2000 }), (a, b) => {
        const whole = Uint8Array.from([...a, ...b]);
        expect(crc32Combine(crc32(a), crc32(b), b.length)).toBe(crc32(whole));
        expect(crc32(b, crc32(a))).toBe(crc32(whole));
      }),
    );
  });
});

describe('ZipBuilder', () => {
  const parts = { 'a.xml': sheetLikeXml(500), 'empty.txt': new Uint8Array(0), 'dir/b.txt': utf8('脑机接口 brain–computer') };

  function build(deflater: (chunk: Uint8Array, isFinal: boolean) => DeflatedChunk | Promise<DeflatedChunk>): ZipBuilder {
    const zip = new ZipBuilder(deflater, new Date(Date.UTC(2026, 4, 17, 9, 30, 12)));
    for (const [name, bytes] of Object.entries(parts)) {
      const push = zip.open(name);
      for (let at = 0; at < bytes.length; at += 4096) push(bytes.subarray(at, at + 4096), false);
      push(new Uint8Array(0), true);
    }
    return zip;
  }

  it('writes a zip that fflate and our reader unpack, entries in order with their CRCs', () => {
    const bytes = build(deflateChunk).finishSync();
    expect(Object.keys(unzipSync(bytes))).toEqual(Object.keys(parts));
    const unzipped = unzipSync(bytes);
    const read = readZipEntries(bytes, () => true);
    if (!read.ok) throw new Error(read.message);
    for (const [name, content] of Object.entries(parts)) {
      expect(isSame(unzipped[name] ?? new Uint8Array(1), content)).toBe(true);
      expect(isSame(read.value.get(name) ?? new Uint8Array(1), content)).toBe(true);
    }
    const listed = listZipEntries(bytes);
    if (!listed.ok) throw new Error(listed.message);
    expect(listed.value.map((entry) => entry.crc)).toEqual(Object.values(parts).map((p) => crc32(p)));
  });

  it('gives the same bytes when the chunks are compressed asynchronously and settle out of order', async () => {
    let delay = 0;
    const late = (chunk: Uint8Array, isFinal: boolean) => {
      const result = deflateChunk(chunk.slice(), isFinal);
      delay = (delay + 7) % 5;
      return new Promise<DeflatedChunk>((resolve) => setTimeout(() => resolve(result), delay));
    };
    expect(isSame(joinParts(await build(late).finish()), build(deflateChunk).finishSync())).toBe(true);
  });

  it('refuses finishSync with an asynchronous deflater', () => {
    expect(() => build((chunk, isFinal) => Promise.resolve(deflateChunk(chunk, isFinal))).finishSync()).toThrow(/finish\(\)/);
  });
});
