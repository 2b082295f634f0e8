/**
 * Byte ⇄ text helpers for the exchange. shared/ compiles against ES2022 only (no DOM, no Node), so
 * `btoa`/`atob`, `Buffer` and `TextDecoder` have no types here; these are small hand-written,
 * strict versions (a hostile file must be refused, never "repaired" into different bytes).
 * Encoding UTF-8 uses @noble/hashes' `utf8ToBytes` (it is typed and already a dependency).
 */
export { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i += 1) DECODE[ALPHABET.charCodeAt(i)] = i;

/** Standard base64 (RFC 4648 §4) with `=` padding. */
export function bytesToBase64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] as number) << 16;
    out += `${ALPHABET[(n >> 18) & 63]!}${ALPHABET[(n >> 12) & 63]!}==`;
  } else if (rest === 2) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8);
    out += `${ALPHABET[(n >> 18) & 63]!}${ALPHABET[(n >> 12) & 63]!}${ALPHABET[(n >> 6) & 63]!}=`;
  }
  return out;
}

/**
 * Decodes canonical standard base64 (padding required, no whitespace, unused bits zero); anything
 * else is null, so one key or signature has exactly one text form.
 */
export function base64ToBytes(text: string): Uint8Array | null {
  if (text.length % 4 !== 0) return null;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const isLast = i + 4 === text.length;
    const sextets = [0, 0, 0, 0];
    for (let j = 0; j < 4; j += 1) {
      const code = text.charCodeAt(i + j);
      if (isLast && code === 61 /* = */ && j >= 4 - padding) continue;
      const value = code < 128 ? (DECODE[code] as number) : -1;
      if (value < 0) return null;
      sextets[j] = value;
    }
    const n = ((sextets[0] as number) << 18) | ((sextets[1] as number) << 12) | ((sextets[2] as number) << 6) | (sextets[3] as number);
    if (isLast && padding === 2 && (n & 0xffff) !== 0) return null;
    if (isLast && padding === 1 && (n & 0xff) !== 0) return null;
    out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

/**
 * Strict UTF-8 decoding (no overlongs, no surrogates, nothing above U+10FFFF); a leading BOM is
 * dropped. Null for invalid input: a package that is not valid UTF-8 is a broken file.
 */
export function utf8ToString(bytes: Uint8Array): string | null {
  const native = nativeDecoder();
  if (native !== null) {
    try {
      return native.decode(bytes);
    } catch (error) {
      // fatal: true throws a TypeError on malformed input: a broken file, not a bug.
      if (error instanceof TypeError) return null;
      throw error;
    }
  }
  return utf8ToStringByHand(bytes);
}

interface Utf8Decoder {
  decode(bytes: Uint8Array): string;
}

let decoder: Utf8Decoder | null | undefined;

/**
 * The platform's TextDecoder in strict mode (every browser, worker and Node has one; shared/ has no
 * DOM types, hence the lookup): ~50x faster than the loop below on a 150 MB package. Its rules are
 * the same (WHATWG UTF-8 with fatal: no overlongs, surrogates or code points above U+10FFFF; the
 * BOM dropped), which the tests check against the loop.
 */
function nativeDecoder(): Utf8Decoder | null {
  if (decoder === undefined) {
    const Ctor = (globalThis as { TextDecoder?: new (label: string, options: { fatal: boolean }) => Utf8Decoder }).TextDecoder;
    decoder = Ctor ? new Ctor('utf-8', { fatal: true }) : null;
  }
  return decoder;
}

/** The strict decoder written out, for a runtime without TextDecoder (and to test the native one against). */
export function utf8ToStringByHand(bytes: Uint8Array): string | null {
  let i = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const parts: string[] = [];
  let units: number[] = [];
  const cont = (index: number): number => {
    const b = bytes[index];
    return b !== undefined && (b & 0xc0) === 0x80 ? b & 0x3f : -1;
  };
  while (i < bytes.length) {
    const b0 = bytes[i] as number;
    let cp: number;
    if (b0 < 0x80) {
      cp = b0;
      i += 1;
    } else if (b0 >= 0xc2 && b0 < 0xe0) {
      const b1 = cont(i + 1);
      if (b1 < 0) return null;
      cp = ((b0 & 0x1f) << 6) | b1;
      i += 2;
    } else if (b0 >= 0xe0 && b0 < 0xf0) {
      const b1 = cont(i + 1);
      const b2 = cont(i + 2);
      if (b1 < 0 || b2 < 0) return null;
      cp = ((b0 & 0x0f) << 12) | (b1 << 6) | b2;
      if (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff)) return null;
      i += 3;
    } else if (b0 >= 0xf0 && b0 < 0xf5) {
      const b1 = cont(i + 1);
      const b2 = cont(i + 2);
      const b3 = cont(i + 3);
      if (b1 < 0 || b2 < 0 || b3 < 0) return null;
      cp = ((b0 & 0x07) << 18) | (b1 << 12) | (b2 << 6) | b3;
      if (cp < 0x10000 || cp > 0x10ffff) return null;
      i += 4;
    } else {
      return null;
    }
    if (cp >= 0x10000) {
      cp -= 0x10000;
      units.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
    } else {
      units.push(cp);
    }
    // fromCharCode takes its code units as arguments: flush in chunks to stay below the call-stack limit.
    if (units.length >= 8192) {
      parts.push(String.fromCharCode(...units));
      units = [];
    }
  }
  parts.push(String.fromCharCode(...units));
  return parts.join('');
}

/** The UTF-8 length of a string in bytes (lone surrogates count as U+FFFD, 3 bytes). */
export function utf8Length(text: string): number {
  let length = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 0x80) length += 1;
    else if (c < 0x800) length += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      length += 4;
      i += 1;
    } else length += 3;
  }
  return length;
}
