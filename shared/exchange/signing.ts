/**
 * Unit identity for the exchange (issue 6 item 1): an Ed25519 key pair per installation, signing
 * and verifying texts, and the fingerprint people compare by phone before trusting a key.
 *
 * Ed25519 runs on @noble/ed25519's synchronous API with SHA-512 from @noble/hashes, so shared/
 * needs no WebCrypto (absent from its lib) and the same code runs in the renderer, a worker, main
 * and the unit tests. Random bytes are injected: shared has no entropy source of its own.
 */
import * as ed from '@noble/ed25519';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { base64ToBytes, bytesToBase64, bytesToHex, utf8ToBytes } from './encoding';

// The sync API throws until a SHA-512 is wired in; setting it twice (e.g. in tests) is harmless.
ed.hashes.sha512 = sha512;

/** An Ed25519 public key as exchanged and stored: standard base64 of its 32 bytes. */
export type PublicKeyText = string & { readonly __brand: 'PublicKeyText' };
/** An Ed25519 signature as exchanged: standard base64 of its 64 bytes. */
export type SignatureText = string & { readonly __brand: 'SignatureText' };

/** One installation's signing identity. The secret key never leaves the installation. */
export interface UnitKeyPair {
  readonly publicKey: PublicKeyText;
  /** 32-byte RFC 8032 seed. */
  readonly secretKey: Uint8Array;
}

/** Bytes of an Ed25519 secret seed and public key. */
export const KEY_BYTES = 32;
const SIGNATURE_BYTES = 64;

/** The key pair for a 32-byte secret seed (e.g. one read back from storage). */
export function keyPairFromSecret(secretKey: Uint8Array): UnitKeyPair {
  if (secretKey.length !== KEY_BYTES) throw new RangeError(`[signing] a secret key has ${KEY_BYTES} bytes, got ${secretKey.length}`);
  const seed = Uint8Array.from(secretKey);
  return { publicKey: bytesToBase64(ed.getPublicKey(seed)) as PublicKeyText, secretKey: seed };
}

/**
 * A new key pair from `randomBytes` (`(n) => crypto.getRandomValues(new Uint8Array(n))` in the
 * app; a seeded source in tests).
 */
export function generateKeyPair(randomBytes: (length: number) => Uint8Array): UnitKeyPair {
  const seed = randomBytes(KEY_BYTES);
  if (seed.length !== KEY_BYTES) throw new RangeError(`[signing] randomBytes returned ${seed.length} bytes, not ${KEY_BYTES}`);
  return keyPairFromSecret(seed);
}

/** A public key read from a file or settings: canonical base64 of 32 bytes, else null. */
export function parsePublicKey(value: unknown): PublicKeyText | null {
  if (typeof value !== 'string' || value.length !== 44) return null;
  const bytes = base64ToBytes(value);
  return bytes !== null && bytes.length === KEY_BYTES ? (value as PublicKeyText) : null;
}

/** Is this a well-formed signature text (canonical base64 of 64 bytes)? Says nothing about validity. */
export function isSignatureText(value: unknown): value is SignatureText {
  if (typeof value !== 'string' || value.length !== 88) return false;
  const bytes = base64ToBytes(value);
  return bytes !== null && bytes.length === SIGNATURE_BYTES;
}

/** Signs a text's UTF-8 bytes. */
export function signText(text: string, secretKey: Uint8Array): SignatureText {
  return bytesToBase64(ed.sign(utf8ToBytes(text), secretKey)) as SignatureText;
}

/**
 * Does `signature` sign `text` under `publicKey`? False for any malformed input: the inputs come
 * from files, and a bad one is a failed verification, not an error.
 */
export function verifyText(text: string, signature: string, publicKey: string): boolean {
  const sig = isSignatureText(signature) ? base64ToBytes(signature) : null;
  const key = parsePublicKey(publicKey) !== null ? base64ToBytes(publicKey) : null;
  if (sig === null || key === null) return false;
  try {
    // zip215: false is RFC 8032's strict rule: one valid signature per message and key.
    return ed.verify(sig, utf8ToBytes(text), key, { zip215: false });
  } catch (error) {
    // noble throws on a key that is not a curve point; for a file's key that is just "not valid".
    if (error instanceof Error) return false;
    throw error;
  }
}

/**
 * A key's fingerprint for people: SHA-256 of the key bytes, first 16 bytes as 8 groups of 4
 * upper-case hex digits (`3F2A-9C1B-…`), read out on the phone before trusting a key.
 */
export function keyFingerprint(publicKey: PublicKeyText): string {
  const bytes = base64ToBytes(publicKey);
  if (bytes === null) throw new RangeError('[signing] not a base64 public key');
  const hex = bytesToHex(sha256(bytes).subarray(0, 16)).toUpperCase();
  return hex.match(/.{4}/g)!.join('-');
}
