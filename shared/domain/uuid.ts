/**
 * UUID helpers. shared/ has no crypto: the renderer makes ids with `crypto.randomUUID()` and
 * brands them here; the demo generator makes deterministic ones from its seeded PRNG.
 */

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Is this a lower-case RFC 9562 UUID string (versions 1–8)? */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A version-4 UUID built from a source of random 32-bit unsigned integers (e.g. a seeded PRNG). */
export function uuidV4From(nextUint32: () => number): string {
  const a = nextUint32() >>> 0;
  const b = nextUint32() >>> 0;
  const c = nextUint32() >>> 0;
  const d = nextUint32() >>> 0;
  const byte = (word: number, shift: number): string => HEX[(word >>> shift) & 0xff] as string;
  // Version nibble 4 in byte 6, variant bits 10 in byte 8 (RFC 9562).
  const b6 = HEX[((b >>> 8) & 0x0f) | 0x40] as string;
  const c0 = HEX[((c >>> 24) & 0x3f) | 0x80] as string;
  return (
    byte(a, 24) + byte(a, 16) + byte(a, 8) + byte(a, 0) + '-' +
    byte(b, 24) + byte(b, 16) + '-' + b6 + byte(b, 0) + '-' +
    c0 + byte(c, 16) + '-' + byte(c, 8) + byte(c, 0) +
    byte(d, 24) + byte(d, 16) + byte(d, 8) + byte(d, 0)
  );
}
