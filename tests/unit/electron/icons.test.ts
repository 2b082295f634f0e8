import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The icons scripts/make-icons.mjs generates, used by electron-builder.yml and the window.
describe('generated icons (scripts/make-icons.mjs)', () => {
  it.each([
    ['icon.png', 512],
    ['icon-256.png', 256],
  ])('assets/icons/%s is an RGBA PNG, %i px square', (name, size) => {
    const bytes = readFileSync(new URL(`../../../assets/icons/${name}`, import.meta.url));
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
    expect(bytes.readUInt32BE(16)).toBe(size);
    expect(bytes.readUInt32BE(20)).toBe(size);
    expect(bytes[25]).toBe(6);
  });
});
