/**
 * The unit identity over IPC (issue 6 item 1): the installation's Ed25519 key pair lives with the
 * platform (main process in Electron, IndexedDB-free localStorage in the browser twin); the page
 * asks for the public key and fingerprint and for signatures of exchange texts, never for the key.
 */
import { z } from 'zod';
import { SIGNED_TEXT_CONTEXTS } from '../exchange/signedContexts';

/** This installation's public identity. */
export interface UnitIdentity {
  /** Ed25519 public key, base64. */
  readonly publicKey: string;
  /** For people: 8 groups of 4 hex digits (signing.ts keyFingerprint). */
  readonly fingerprint: string;
}

/** Why a signing request is refused. */
export type SignError = 'invalid-sign-request' | 'identity-unavailable';

/** Most texts one request may sign (a 1M-change package has 1000 attestations and one package text). */
export const MAX_SIGN_TEXTS = 2000;
/** Longest text to sign: an attestation of 1000 change hashes is about 70 000 characters. */
export const MAX_SIGN_TEXT_CHARS = 200_000;

/** Is this a text the app signs (an exchange package or attestation, by its context line)? */
export function isSignableText(text: string): boolean {
  return SIGNED_TEXT_CONTEXTS.some((context) => text.startsWith(context));
}

/** The argument of `identity:sign`: bounded, and only exchange texts. */
export const signTextsSchema = z
  .array(z.string().max(MAX_SIGN_TEXT_CHARS))
  .min(1)
  .max(MAX_SIGN_TEXTS)
  .refine((texts) => texts.every(isSignableText), { message: 'only exchange texts are signed' });
