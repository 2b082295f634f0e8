import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64, utf8Length, utf8ToBytes, utf8ToString, utf8ToStringByHand } from '../../../../shared/exchange/encoding';

describe('base64', () => {
  it('matches the RFC 4648 test vectors', () => {
    const vectors: [string, string][] = [['', ''], ['f', 'Zg=='], ['fo', 'Zm8='], ['foo', 'Zm9v'], ['foob', 'Zm9vYg=='], ['fooba', 'Zm9vYmE='], ['foobar', 'Zm9vYmFy']];
    for (const [plain, encoded] of vectors) {
      expect(bytesToBase64(utf8ToBytes(plain))).toBe(encoded);
      expect(base64ToBytes(encoded)).toEqual(utf8ToBytes(plain));
    }
  });

  it('round-trips any bytes and agrees with Node', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const text = bytesToBase64(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64'));
        expect(base64ToBytes(text)).toEqual(bytes);
      }),
    );
  });

  it.each([
    ['no padding', 'Zg'],
    ['bad character', 'Zm9v!A=='],
    ['url-safe alphabet', '-_8='],
    ['whitespace', 'Zm9v Zg=='],
    ['padding in the middle', 'Zg==Zm9v'],
    ['non-zero unused bits', 'Zh=='],
    ['non-ASCII', 'Zm9vé==='],
  ])('refuses %s', (_name, text) => {
    expect(base64ToBytes(text)).toBeNull();
  });
});

describe.each([
  ['utf8ToString (TextDecoder)', utf8ToString],
  ['utf8ToStringByHand', utf8ToStringByHand],
])('%s', (_name, utf8ToString) => {
  it('decodes like TextDecoder for any well-formed text, BOM dropped', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        const bytes = new TextEncoder().encode(text);
        expect(utf8ToString(bytes)).toBe(text);
        expect(utf8Length(text)).toBe(bytes.length);
        expect(utf8ToString(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]))).toBe(text);
      }),
    );
  });

  it('decodes long texts (more than one chunk)', () => {
    const text = '场景'.repeat(20_000);
    expect(utf8ToString(new TextEncoder().encode(text))).toBe(text);
  });

  it.each([
    ['a lone continuation byte', [0x80]],
    ['a truncated sequence', [0xe5, 0x9c]],
    ['an overlong slash', [0xc0, 0xaf]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['an invalid lead byte', [0xff]],
  ])('refuses %s', (_name, bytes) => {
    expect(utf8ToString(new Uint8Array(bytes))).toBeNull();
  });
});
