/**
 * A fast raw-DEFLATE (RFC 1951) encoder for the XLSX writer (issue 5). Hand-written because no
 * deflate the app can use is fast enough for 100k rows in ≤ 2 s: fflate (pure JS, level 1) and
 * the browser's CompressionStream('deflate-raw') (native zlib, but fixed at level 6) each spend
 * 3–5 s of CPU on the ~150 MB of sheet XML, and Node's zlib is not there in a Web Worker.
 *
 * It trades a little size for speed, the way zlib's level 1 and LZ4 do: a greedy LZ77 matcher with
 * one hash probe per position and no insertion inside matches, then one dynamic-Huffman block per
 * call (stored blocks where that would be smaller). Each call is independent — no window carried
 * over — and a non-final call ends with an empty stored block (zlib's sync flush) so it ends on a
 * byte boundary: the outputs of consecutive calls concatenate into one valid stream, which is what
 * lets several workers compress parts of one zip entry. Checked by round trips through zlib's and
 * fflate's inflaters in tests/unit/shared/spreadsheet/fastDeflate.test.ts.
 */

const WINDOW = 32_768;
const MIN_MATCH = 4;
const MAX_MATCH = 258;
const HASH_BITS = 16;
const HASH_SHIFT = 32 - HASH_BITS;
/** Most input one stored block holds. */
const STORED_MAX = 65_535;
const END_OF_BLOCK = 256;

/** Length symbols 257–285: base length and extra bits (RFC 1951 §3.2.5). */
const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
/** Distance symbols 0–29: base distance and extra bits. */
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
/** The order code-length code lengths are sent in. */
const CLEN_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/** Length (3–258) → length symbol index 0–28. */
const LENGTH_INDEX = new Uint8Array(MAX_MATCH + 1);
for (let i = 0; i < LENGTH_BASE.length; i += 1) {
  const last = i + 1 < LENGTH_BASE.length ? (LENGTH_BASE[i + 1] as number) - 1 : MAX_MATCH;
  for (let len = LENGTH_BASE[i] as number; len <= last; len += 1) LENGTH_INDEX[len] = i;
}
// 258 has its own symbol (285) though 227 + 31 also reaches it.
LENGTH_INDEX[MAX_MATCH] = 28;

/** Distance − 1 → distance symbol: direct below 256, by (distance − 1) >> 7 above (zlib's trick). */
const DIST_LOW = new Uint8Array(256);
const DIST_HIGH = new Uint8Array(256);
for (let code = 0; code < DIST_BASE.length; code += 1) {
  const base = (DIST_BASE[code] as number) - 1;
  const size = 1 << (DIST_EXTRA[code] as number);
  for (let d = base; d < base + size; d += 1) {
    if (d < 256) DIST_LOW[d] = code;
    else DIST_HIGH[d >> 7] = code;
  }
}
/** `counts[i] += by` (an index past the end is a bug here, never data). */
function add(counts: { [i: number]: number }, i: number, by: number): void {
  counts[i] = (counts[i] as number) + by;
}

const distSymbol = (distance: number): number => (distance <= 256 ? (DIST_LOW[distance - 1] as number) : (DIST_HIGH[(distance - 1) >> 7] as number));

/** LSB-first bit writer into a byte array sized by the caller. */
class BitWriter {
  bits = 0;
  count = 0;
  pos = 0;
  constructor(readonly out: Uint8Array) {}

  /** Writes `n` ≤ 24 bits of `value`. */
  write(value: number, n: number): void {
    this.bits |= value << this.count;
    this.count += n;
    const out = this.out;
    while (this.count >= 8) {
      out[this.pos++] = this.bits & 0xff;
      this.bits >>>= 8;
      this.count -= 8;
    }
  }

  /** Pads to a byte boundary with zero bits. */
  align(): void {
    if (this.count > 0) this.write(0, 8 - this.count);
  }
}

/**
 * Huffman code lengths for `freq` limited to `maxLen` bits (written into `lengths`): minimum
 * redundancy lengths by Moffat and Katajainen's in-place method, then limited as miniz does (push
 * the overflow down and rebalance the Kraft sum). Always gives at least two codes, as inflaters
 * expect of a complete code.
 */
export function huffmanLengths(freq: ArrayLike<number>, maxLen: number, lengths: Uint8Array): void {
  lengths.fill(0);
  const used: number[] = [];
  for (let s = 0; s < freq.length; s += 1) if ((freq[s] as number) > 0) used.push(s);
  for (let s = 0; used.length < 2; s += 1) if (!used.includes(s)) used.push(s);
  used.sort((a, b) => (freq[a] as number) - (freq[b] as number) || a - b);
  const n = used.length;
  const a = used.map((s) => Math.max(1, freq[s] as number));
  // Moffat–Katajainen: a[] becomes parent pointers, then depths, then leaf depths.
  a[0] = (a[0] as number) + (a[1] as number);
  let root = 0;
  let leaf = 2;
  for (let next = 1; next < n - 1; next += 1) {
    if (leaf >= n || (a[root] as number) < (a[leaf] as number)) {
      a[next] = a[root] as number;
      a[root++] = next;
    } else a[next] = a[leaf++] as number;
    if (leaf >= n || (root < next && (a[root] as number) < (a[leaf] as number))) {
      a[next] = (a[next] as number) + (a[root] as number);
      a[root++] = next;
    } else a[next] = (a[next] as number) + (a[leaf++] as number);
  }
  a[n - 2] = 0;
  for (let next = n - 3; next >= 0; next -= 1) a[next] = (a[a[next] as number] as number) + 1;
  let available = 1;
  let usedAtDepth = 0;
  let depth = 0;
  root = n - 2;
  let next = n - 1;
  while (available > 0) {
    while (root >= 0 && a[root] === depth) {
      usedAtDepth += 1;
      root -= 1;
    }
    while (available > usedAtDepth) {
      a[next--] = depth;
      available -= 1;
    }
    available = 2 * usedAtDepth;
    depth += 1;
    usedAtDepth = 0;
  }
  // Count codes per length, fold the too-long ones into maxLen and fix the Kraft sum.
  const perLength = new Int32Array(maxLen + 1);
  for (let i = 0; i < n; i += 1) add(perLength, Math.min(a[i] as number, maxLen), 1);
  let kraft = 0;
  for (let len = maxLen; len > 0; len -= 1) kraft += (perLength[len] as number) << (maxLen - len);
  while (kraft > 1 << maxLen) {
    add(perLength, maxLen, -1);
    for (let len = maxLen - 1; len > 0; len -= 1) {
      if ((perLength[len] as number) > 0) {
        add(perLength, len, -1);
        add(perLength, len + 1, 2);
        break;
      }
    }
    kraft -= 1;
  }
  // Shortest lengths to the most frequent symbols (the end of `used`).
  let j = n;
  for (let len = 1; len <= maxLen; len += 1) {
    for (let k = perLength[len] as number; k > 0; k -= 1) lengths[used[--j] as number] = len;
  }
}

/** Canonical codes of `lengths`, bit-reversed for the LSB-first writer. */
function canonicalCodes(lengths: Uint8Array, codes: Uint16Array): void {
  const count = new Uint16Array(16);
  for (const len of lengths) add(count, len, 1);
  count[0] = 0;
  const next = new Uint16Array(16);
  let code = 0;
  for (let len = 1; len < 16; len += 1) {
    code = (code + (count[len - 1] as number)) << 1;
    next[len] = code;
  }
  for (let s = 0; s < lengths.length; s += 1) {
    const len = lengths[s] as number;
    if (len === 0) continue;
    let c = next[len] as number;
    next[len] = c + 1;
    let reversed = 0;
    for (let k = 0; k < len; k += 1) {
      reversed = (reversed << 1) | (c & 1);
      c >>= 1;
    }
    codes[s] = reversed;
  }
}

/** The code-length alphabet's run-length symbols (16, 17, 18 with their repeat counts) of some lengths. */
function runLengths(lengths: Uint8Array): { symbols: number[]; extras: number[] } {
  const symbols: number[] = [];
  const extras: number[] = [];
  for (let i = 0; i < lengths.length; ) {
    const len = lengths[i] as number;
    let run = 1;
    while (i + run < lengths.length && lengths[i + run] === len) run += 1;
    i += run;
    if (len === 0) {
      while (run >= 11) {
        const n = Math.min(run, 138);
        symbols.push(18);
        extras.push(n - 11);
        run -= n;
      }
      if (run >= 3) {
        symbols.push(17);
        extras.push(run - 3);
        run = 0;
      }
    } else {
      symbols.push(len);
      extras.push(0);
      run -= 1;
      while (run >= 3) {
        const n = Math.min(run, 6);
        symbols.push(16);
        extras.push(n - 3);
        run -= n;
      }
    }
    for (; run > 0; run -= 1) {
      symbols.push(len);
      extras.push(0);
    }
  }
  return { symbols, extras };
}

/** Reused per call: the hash heads and the symbol buffer (a worker compresses one chunk at a time). */
const head = new Int32Array(1 << HASH_BITS);
/** Added to positions stored in {@link head}, so a new call never needs to clear it. */
let headBase = 0;
let symbols = new Uint32Array(0);

/**
 * Greedy LZ77 over `input`: literals (< 256) and matches (`length << 16 | distance`) into
 * {@link symbols}, counting symbol frequencies. Returns the number of symbols.
 */
function findMatches(input: Uint8Array, litFreq: Uint32Array, distFreq: Uint32Array): number {
  const n = input.length;
  if (symbols.length < n) symbols = new Uint32Array(Math.max(n, 1 << 16));
  if (headBase > 0x7fffffff - 2 * n - WINDOW) {
    head.fill(0);
    headBase = 0;
  }
  const base = headBase + WINDOW + 1;
  headBase = base + n;
  const syms = symbols;
  const heads = head;
  let count = 0;
  let i = 0;
  const last = n - MIN_MATCH;
  while (i <= last) {
    const word = (input[i] as number) | ((input[i + 1] as number) << 8) | ((input[i + 2] as number) << 16) | ((input[i + 3] as number) << 24);
    const h = Math.imul(word, 0x9e3779b1) >>> HASH_SHIFT;
    const candidate = (heads[h] as number) - base;
    heads[h] = i + base;
    if (
      candidate >= 0 &&
      i - candidate <= WINDOW &&
      input[candidate] === (word & 0xff) &&
      input[candidate + 1] === input[i + 1] &&
      input[candidate + 2] === input[i + 2] &&
      input[candidate + 3] === input[i + 3]
    ) {
      const max = Math.min(MAX_MATCH, n - i);
      let len = MIN_MATCH;
      while (len < max && input[candidate + len] === input[i + len]) len += 1;
      const distance = i - candidate;
      syms[count++] = (len << 16) | distance;
      add(litFreq, 257 + (LENGTH_INDEX[len] as number), 1);
      add(distFreq, distSymbol(distance), 1);
      i += len;
      // One insertion at the match's end keeps the next repeat of this markup findable.
      if (i <= last) heads[Math.imul((input[i - 1] as number) | ((input[i] as number) << 8) | ((input[i + 1] as number) << 16) | ((input[i + 2] as number) << 24), 0x9e3779b1) >>> HASH_SHIFT] = i - 1 + base;
    } else {
      syms[count++] = word & 0xff;
      add(litFreq, word & 0xff, 1);
      i += 1;
    }
  }
  for (; i < n; i += 1) {
    const byte = input[i] as number;
    syms[count++] = byte;
    add(litFreq, byte, 1);
  }
  return count;
}

/** Bits the data symbols take with these lengths (codes plus extra bits). */
function dataBits(litFreq: Uint32Array, litLen: Uint8Array, distFreq: Uint32Array, distLen: Uint8Array): number {
  let bits = 0;
  for (let s = 0; s < 286; s += 1) bits += (litFreq[s] as number) * ((litLen[s] as number) + (s > 256 ? (LENGTH_EXTRA[s - 257] as number) : 0));
  for (let s = 0; s < 30; s += 1) bits += (distFreq[s] as number) * ((distLen[s] as number) + (DIST_EXTRA[s] as number));
  return bits;
}

/** Writes `input` as stored blocks (the last one final if `isFinal`). */
function writeStored(w: BitWriter, input: Uint8Array, isFinal: boolean): void {
  let at = 0;
  do {
    const len = Math.min(STORED_MAX, input.length - at);
    const isLast = at + len >= input.length;
    w.write(isFinal && isLast ? 1 : 0, 3);
    w.align();
    const out = w.out;
    out[w.pos++] = len & 0xff;
    out[w.pos++] = len >> 8;
    out[w.pos++] = ~len & 0xff;
    out[w.pos++] = (~len >> 8) & 0xff;
    out.set(input.subarray(at, at + len), w.pos);
    w.pos += len;
    at += len;
  } while (at < input.length);
}

/**
 * Compresses `input` into raw DEFLATE. A non-final result ends byte-aligned and non-final (with
 * an empty stored block, like zlib's Z_SYNC_FLUSH), so results of consecutive calls — made in any
 * order or in different workers — concatenate into one stream; the last must be `isFinal`.
 */
export function deflateRawChunk(input: Uint8Array, isFinal: boolean): Uint8Array<ArrayBuffer> {
  const litFreq = new Uint32Array(286);
  const distFreq = new Uint32Array(30);
  const count = input.length > 0 ? findMatches(input, litFreq, distFreq) : 0;
  litFreq[END_OF_BLOCK] = 1;
  const litLen = new Uint8Array(286);
  const distLen = new Uint8Array(30);
  huffmanLengths(litFreq, 15, litLen);
  huffmanLengths(distFreq, 15, distLen);
  let hlit = 286;
  while (hlit > 257 && litLen[hlit - 1] === 0) hlit -= 1;
  let hdist = 30;
  while (hdist > 1 && distLen[hdist - 1] === 0) hdist -= 1;
  const header = new Uint8Array(hlit + hdist);
  header.set(litLen.subarray(0, hlit));
  header.set(distLen.subarray(0, hdist), hlit);
  const runs = runLengths(header);
  const clenFreq = new Uint32Array(19);
  for (const s of runs.symbols) add(clenFreq, s, 1);
  const clenLen = new Uint8Array(19);
  huffmanLengths(clenFreq, 7, clenLen);
  let hclen = 19;
  while (hclen > 4 && clenLen[CLEN_ORDER[hclen - 1] as number] === 0) hclen -= 1;
  let headerBits = 3 + 5 + 5 + 4 + 3 * hclen;
  for (let k = 0; k < runs.symbols.length; k += 1) {
    const s = runs.symbols[k] as number;
    headerBits += (clenLen[s] as number) + (s === 16 ? 2 : s === 17 ? 3 : s === 18 ? 7 : 0);
  }
  const dynamicBits = headerBits + dataBits(litFreq, litLen, distFreq, distLen);
  const storedBytes = input.length + 5 * Math.max(1, Math.ceil(input.length / STORED_MAX));
  const isStored = Math.ceil(dynamicBits / 8) + 1 >= storedBytes;
  // Room for the chosen blocks, the sync flush (≤ 6 bytes) and a partial byte.
  const w = new BitWriter(new Uint8Array((isStored ? storedBytes : Math.ceil(dynamicBits / 8)) + 16));
  if (isStored) writeStored(w, input, isFinal);
  else {
    w.write(isFinal ? 1 : 0, 1);
    w.write(2, 2);
    w.write(hlit - 257, 5);
    w.write(hdist - 1, 5);
    w.write(hclen - 4, 4);
    for (let k = 0; k < hclen; k += 1) w.write(clenLen[CLEN_ORDER[k] as number] as number, 3);
    const clenCodes = new Uint16Array(19);
    canonicalCodes(clenLen, clenCodes);
    for (let k = 0; k < runs.symbols.length; k += 1) {
      const s = runs.symbols[k] as number;
      w.write(clenCodes[s] as number, clenLen[s] as number);
      if (s >= 16) w.write(runs.extras[k] as number, s === 16 ? 2 : s === 17 ? 3 : 7);
    }
    writeSymbols(w, count, litLen, distLen);
  }
  if (!isFinal) {
    // Sync flush: an empty non-final stored block leaves the stream byte-aligned.
    w.write(0, 3);
    w.align();
    w.out.set([0, 0, 0xff, 0xff], w.pos);
    w.pos += 4;
  } else w.align();
  return w.out.slice(0, w.pos);
}

/** Writes the symbols found by {@link findMatches} with the block's codes, then end-of-block. */
function writeSymbols(w: BitWriter, count: number, litLen: Uint8Array, distLen: Uint8Array): void {
  const litCodes = new Uint16Array(286);
  const distCodes = new Uint16Array(30);
  canonicalCodes(litLen, litCodes);
  canonicalCodes(distLen, distCodes);
  const out = w.out;
  let bits = w.bits;
  let n = w.count;
  let pos = w.pos;
  const syms = symbols;
  for (let k = 0; k < count; k += 1) {
    const sym = syms[k] as number;
    if (sym < 256) {
      bits |= (litCodes[sym] as number) << n;
      n += litLen[sym] as number;
    } else {
      const len = sym >>> 16;
      const distance = sym & 0xffff;
      const li = LENGTH_INDEX[len] as number;
      bits |= (litCodes[257 + li] as number) << n;
      n += litLen[257 + li] as number;
      bits |= (len - (LENGTH_BASE[li] as number)) << n;
      n += LENGTH_EXTRA[li] as number;
      while (n >= 8) {
        out[pos++] = bits & 0xff;
        bits >>>= 8;
        n -= 8;
      }
      const di = distSymbol(distance);
      bits |= (distCodes[di] as number) << n;
      n += distLen[di] as number;
      // A distance code and its extra bits together can pass 24 bits: flush between them.
      while (n >= 8) {
        out[pos++] = bits & 0xff;
        bits >>>= 8;
        n -= 8;
      }
      bits |= (distance - (DIST_BASE[di] as number)) << n;
      n += DIST_EXTRA[di] as number;
    }
    while (n >= 8) {
      out[pos++] = bits & 0xff;
      bits >>>= 8;
      n -= 8;
    }
  }
  w.bits = bits;
  w.count = n;
  w.pos = pos;
  w.write(litCodes[END_OF_BLOCK] as number, litLen[END_OF_BLOCK] as number);
}
