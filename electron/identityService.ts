/**
 * The installation's signing identity in the main process (issue 6 item 1): made on first use,
 * kept in `identity.json` in the user-data folder, never sent to the page. No electron import:
 * the file access is injected, so the tests run in plain Node.
 */
import { keyFingerprint, keyPairFromSecret, signText, generateKeyPair, KEY_BYTES, type UnitKeyPair } from '../shared/exchange/signing';
import { base64ToBytes, bytesToBase64 } from '../shared/exchange/encoding';
import { signTextsSchema, type SignError, type UnitIdentity } from '../shared/ipc/identityContract';
import { err, ok, type Result } from '../shared/result';

/** Where the identity file lives. */
export interface IdentityBackend {
  /** The file's text, or null when there is none. */
  read(): string | null;
  /** Writes the file atomically, readable by this user only. */
  write(text: string): void;
  /** Moves an unreadable file aside (kept for support) and returns where it went. */
  backUpBrokenFile(now: Date): string;
}

/** The identity as main serves it over IPC. */
export interface IdentityService {
  get(): UnitIdentity;
  sign(texts: unknown): Result<string[], SignError>;
}

const FILE_VERSION = 1;

/** The stored form of a key pair: `{ version, secretKey }` (base64 seed); null if it is not one. */
export function parseIdentityFile(text: string): UnitKeyPair | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    if (error instanceof SyntaxError) return null;
    throw error;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { version, secretKey } = parsed as Record<string, unknown>;
  if (version !== FILE_VERSION || typeof secretKey !== 'string') return null;
  const bytes = base64ToBytes(secretKey);
  return bytes !== null && bytes.length === KEY_BYTES ? keyPairFromSecret(bytes) : null;
}

/** The file text of a key pair. */
export function identityFileText(keyPair: UnitKeyPair): string {
  return `${JSON.stringify({ version: FILE_VERSION, secretKey: bytesToBase64(keyPair.secretKey), publicKey: keyPair.publicKey }, null, 2)}\n`;
}

/**
 * Loads the key pair on first use, making and saving one if there is none. A broken file is moved
 * aside and a new key made (receivers are then asked to trust the new key: the fingerprint changes).
 */
export function createIdentityService(
  backend: IdentityBackend,
  randomBytes: (length: number) => Uint8Array,
  options: { readonly now?: () => Date; readonly log?: (message: string) => void } = {},
): IdentityService {
  const log = options.log ?? ((message: string) => console.warn(message));
  let keyPair: UnitKeyPair | null = null;

  function load(): UnitKeyPair {
    if (keyPair) return keyPair;
    const text = backend.read();
    const stored = text === null ? null : parseIdentityFile(text);
    if (stored) {
      keyPair = stored;
      return stored;
    }
    if (text !== null) log(`[identity] the identity file was unreadable; moved it to ${backend.backUpBrokenFile((options.now ?? (() => new Date()))())} and made a new key`);
    const made = generateKeyPair(randomBytes);
    backend.write(identityFileText(made));
    keyPair = made;
    return made;
  }

  return {
    get() {
      const { publicKey } = load();
      return { publicKey, fingerprint: keyFingerprint(publicKey) };
    },
    sign(texts) {
      const parsed = signTextsSchema.safeParse(texts);
      if (!parsed.success) return err('invalid-sign-request', '签名请求无效：只签署交换包内容。The signing request is not an exchange text.');
      const { secretKey } = load();
      return ok(parsed.data.map((text) => signText(text, secretKey)));
    },
  };
}
