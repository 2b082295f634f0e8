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
  const bytes: number[] = [];
  for (let i = 0; i < 4; i += 1) {
    const word = nextUint32() >>> 0;
    bytes.push(word >>> 24, (word >>> 16) & 0xff, (word >>> 8) & 0xff, word & 0xff);
  }
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const h = bytes.map((b) => HEX[b] as string);
  return `${h.slice(0, 4).join('')}-${h.slice(4, 6).join('')}-${h.slice(6, 8).join('')}-${h.slice(8, 10).join('')}-${h.slice(10).join('')}`;
}
