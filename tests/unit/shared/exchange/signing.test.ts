import { describe, expect, it } from 'vitest';
import { generateKeyPair, isSignatureText, keyFingerprint, keyPairFromSecret, parsePublicKey, signText, verifyText, type PublicKeyText } from '../../../../shared/exchange/signing';
import { seededBytes } from './exchangeTestKit';

describe('unit keys and signatures', () => {
  const keys = generateKeyPair(seededBytes(42));
  const other = generateKeyPair(seededBytes(43));

  it('makes the same key pair from the same random bytes, and from its secret', () => {
    expect(generateKeyPair(seededBytes(42)).publicKey).toBe(keys.publicKey);
    expect(keyPairFromSecret(keys.secretKey).publicKey).toBe(keys.publicKey);
    expect(other.publicKey).not.toBe(keys.publicKey);
    expect(parsePublicKey(keys.publicKey)).toBe(keys.publicKey);
  });

  it('matches the RFC 8032 test vector 1', () => {
    const secret = Uint8Array.from(Buffer.from('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 'hex'));
    const pair = keyPairFromSecret(secret);
    expect(Buffer.from(pair.publicKey, 'base64').toString('hex')).toBe('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
    const signature = signText('', secret);
    expect(Buffer.from(signature, 'base64').toString('hex')).toBe(
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    );
  });

  it('verifies its own signature and nothing else', () => {
    const signature = signText('交换包 v1', keys.secretKey);
    expect(isSignatureText(signature)).toBe(true);
    expect(verifyText('交换包 v1', signature, keys.publicKey)).toBe(true);
    expect(verifyText('交换包 v2', signature, keys.publicKey)).toBe(false);
    expect(verifyText('交换包 v1', signature, other.publicKey)).toBe(false);
  });

  it.each([
    ['an empty signature', '', 'key'],
    ['a short signature', 'AAAA', 'key'],
    ['a non-base64 signature', '!'.repeat(88), 'key'],
    ['a short key', 'sig', 'AAAA'],
    ['a key that is not a curve point', 'sig', Buffer.alloc(32, 0xff).toString('base64')],
  ])('returns false, never throws, for %s', (_name, sig, key) => {
    const signature = sig === 'sig' ? signText('x', keys.secretKey) : sig;
    const publicKey = key === 'key' ? keys.publicKey : key;
    expect(verifyText('x', signature, publicKey)).toBe(false);
  });

  it('refuses a random source of the wrong length', () => {
    expect(() => generateKeyPair(() => new Uint8Array(16))).toThrow(RangeError);
  });

  it('shows a fingerprint of 8 groups of 4 hex digits, stable per key', () => {
    const fingerprint = keyFingerprint(keys.publicKey);
    expect(fingerprint).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){7}$/);
    expect(keyFingerprint(keys.publicKey)).toBe(fingerprint);
    expect(keyFingerprint(other.publicKey)).not.toBe(fingerprint);
    expect(() => keyFingerprint('!!' as PublicKeyText)).toThrow();
  });
});
