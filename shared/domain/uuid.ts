/**
 * UUID helpers. shared/ has no crypto: the renderer makes ids with `crypto.randomUUID()` and
 * brands them here; the demo generator makes deterministic ones from its seeded PRNG.
 */

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Is this a lower-case RFC 9562 UUID string (versions 1–8)? */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}

const hex8 = (word: number): string => (word >>> 0).toString(16).padStart(8, '0');

/** A version-4 UUID built from a source of random 32-bit unsigned integers (e.g. a seeded PRNG). */
export function uuidV4From(nextUint32: () => number): string {
  const a = hex8(nextUint32());
  // Version nibble 4 at the start of the third group, variant bits 10 at the start of the fourth (RFC 9562).
  const b = hex8((nextUint32() & 0xffff0fff) | 0x00004000);
  const c = hex8((nextUint32() & 0x3fffffff) | 0x80000000);
  const d = hex8(nextUint32());
  return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${d}`;
}
