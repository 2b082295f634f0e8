/**
 * Canonical JSON: the one byte-exact text of a JSON value that hashes and signatures cover.
 *
 * Written by hand rather than taken from a library: the rules are short (RFC 8785-style — object
 * keys sorted by UTF-16 code units, no whitespace, numbers and strings exactly as
 * `JSON.stringify` writes them, which ECMAScript fixes to the shortest round-trip form), the
 * small packages that do this are barely maintained, and a signature made today must verify in
 * every later version of the app: the serialisation is part of the file format, so it lives here,
 * under test, and never changes within a formatVersion.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from './encoding';

/** Deepest nesting canonicalJson accepts; exchange data is a few levels deep, a hostile file may not be. */
export const MAX_JSON_DEPTH = 64;

// Returns the text rather than pushing tokens to an array: V8 concatenates strings as ropes, which
// made a 100k-change package about twice as fast to hash as the token array did (issue 6 bench).
function write(value: unknown, depth: number): string {
  if (depth > MAX_JSON_DEPTH) throw new RangeError('[exchange] JSON nested too deeply');
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('[exchange] non-finite number in canonical JSON');
      return JSON.stringify(value);
    case 'string':
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i += 1) {
          if (i > 0) out += ',';
          const item: unknown = value[i];
          // JSON.stringify writes null for a hole or undefined in an array; do the same.
          out += write(item === undefined ? null : item, depth + 1);
        }
        return `${out}]`;
      }
      const record = value as Record<string, unknown>;
      // Absent and undefined are the same thing in JSON: undefined-valued keys are left out.
      const keys = Object.keys(record).sort();
      let out = '{';
      let isFirst = true;
      for (const key of keys) {
        const item = record[key];
        if (item === undefined) continue;
        out += `${isFirst ? '' : ','}${JSON.stringify(key)}:${write(item, depth + 1)}`;
        isFirst = false;
      }
      return `${out}}`;
    }
    default:
      throw new TypeError(`[exchange] ${typeof value} is not JSON`);
  }
}

/**
 * The canonical JSON text of a JSON value: sorted keys, no whitespace. Throws on values JSON
 * cannot hold (undefined at top level, functions, bigint, NaN, Infinity) and on nesting deeper
 * than {@link MAX_JSON_DEPTH}: callers pass data they built or that already passed a schema.
 */
export function canonicalJson(value: unknown): string {
  if (value === undefined) throw new TypeError('[exchange] undefined is not JSON');
  return write(value, 0);
}

/** SHA-256 of a text's UTF-8 bytes, lower-case hex. */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}
