import { describe, expect, it, vi } from 'vitest';
import { createIdentityService, identityFileText, parseIdentityFile, type IdentityBackend } from '../../../electron/identityService';
import { CONTEXT_ATTESTATION, CONTEXT_PACKAGE } from '../../../shared/exchange/signedContexts';
import { generateKeyPair, verifyText } from '../../../shared/exchange/signing';
import { seededBytes } from '../shared/exchange/exchangeTestKit';

function memoryBackend(initial: string | null = null): IdentityBackend & { text: string | null; movedAside: number } {
  const backend = {
    text: initial,
    movedAside: 0,
    read: () => backend.text,
    write: (text: string) => {
      backend.text = text;
    },
    backUpBrokenFile: () => {
      backend.movedAside += 1;
      backend.text = null;
      return '/tmp/identity.corrupt.json';
    },
  };
  return backend;
}

describe('identity service (main process)', () => {
  it('makes a key on first use, saves it, and serves the same key afterwards', () => {
    const backend = memoryBackend();
    const first = createIdentityService(backend, seededBytes(1)).get();
    expect(first.fingerprint).toMatch(/^([0-9A-F]{4}-){7}[0-9A-F]{4}$/);
    expect(parseIdentityFile(backend.text ?? '')?.publicKey).toBe(first.publicKey);
    // A later start (new service, other random source) reads the stored key.
    expect(createIdentityService(backend, seededBytes(99)).get()).toEqual(first);
  });

  it('signs exchange texts only, verifiably with its public key', () => {
    const service = createIdentityService(memoryBackend(), seededBytes(2));
    const { publicKey } = service.get();
    const texts = [`${CONTEXT_PACKAGE}{"a":1}`, `${CONTEXT_ATTESTATION}{"b":2}`];
    const signed = service.sign(texts);
    expect(signed.ok).toBe(true);
    if (signed.ok) texts.forEach((text, index) => expect(verifyText(text, signed.value[index] ?? '', publicKey)).toBe(true));
  });

  it.each([
    ['an arbitrary statement', ['I, 510107, owe 1 000 000 yuan']],
    ['an empty list', []],
    ['not a list', 'scenario-atlas-exchange/package/1\n{}'],
    ['a non-string', [42]],
    ['one bad text among good ones', [`${CONTEXT_PACKAGE}{}`, 'hello']],
    ['too many texts', Array.from({ length: 2001 }, () => `${CONTEXT_PACKAGE}{}`)],
    ['a text that is too long', [`${CONTEXT_PACKAGE}${'x'.repeat(200_001)}`]],
  ])('refuses to sign %s', (_name, texts) => {
    const result = createIdentityService(memoryBackend(), seededBytes(3)).sign(texts);
    expect(result).toMatchObject({ ok: false, error: 'invalid-sign-request' });
    if (!result.ok) expect(result.message).toContain('签名请求无效');
  });

  it.each([
    ['not JSON', '{{{'],
    ['a wrong version', JSON.stringify({ version: 2, secretKey: 'AAAA' })],
    ['a short key', JSON.stringify({ version: 1, secretKey: 'AAAA' })],
    ['not an object', '42'],
  ])('moves an unreadable file aside (%s) and makes a new key', (_name, text) => {
    const backend = memoryBackend(text);
    const log = vi.fn();
    const identity = createIdentityService(backend, seededBytes(4), { log }).get();
    expect(backend.movedAside).toBe(1);
    expect(parseIdentityFile(backend.text ?? '')?.publicKey).toBe(identity.publicKey);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('[identity]'));
  });

  it('writes a file that reads back as the same key pair', () => {
    const pair = generateKeyPair(seededBytes(5));
    expect(parseIdentityFile(identityFileText(pair))).toEqual(pair);
  });
});
