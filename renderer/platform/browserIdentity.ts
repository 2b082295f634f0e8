/**
 * The unit identity of the browser twin (issue 6 item 1): the same contract as the main process
 * (electron/identityService.ts), with the key pair kept in this profile's localStorage. A browser
 * profile is one installation; clearing its site data makes a new key (receivers are asked again).
 */
import { base64ToBytes, bytesToBase64 } from '../../shared/exchange/encoding';
import { generateKeyPair, KEY_BYTES, keyFingerprint, keyPairFromSecret, signText, type UnitKeyPair } from '../../shared/exchange/signing';
import { signTextsSchema, type SignError, type UnitIdentity } from '../../shared/ipc/identityContract';
import { err, ok, type Result } from '../../shared/result';

/** localStorage key of the identity (base64 secret seed). */
export const BROWSER_IDENTITY_KEY = 'scenario-atlas:identity';

/** getIdentity and signTexts of the browser platform. */
export function createBrowserIdentity(storage: Storage, randomBytes: (length: number) => Uint8Array = (length) => crypto.getRandomValues(new Uint8Array(length))) {
  let keyPair: UnitKeyPair | null = null;

  function load(): UnitKeyPair {
    if (keyPair) return keyPair;
    const stored = storage.getItem(BROWSER_IDENTITY_KEY);
    const bytes = stored === null ? null : base64ToBytes(stored);
    if (bytes !== null && bytes.length === KEY_BYTES) {
      keyPair = keyPairFromSecret(bytes);
    } else {
      if (stored !== null) console.warn('[platform] the stored identity was unreadable; a new key was made');
      keyPair = generateKeyPair(randomBytes);
      storage.setItem(BROWSER_IDENTITY_KEY, bytesToBase64(keyPair.secretKey));
    }
    return keyPair;
  }

  return {
    async getIdentity(): Promise<UnitIdentity> {
      const { publicKey } = load();
      return { publicKey, fingerprint: keyFingerprint(publicKey) };
    },
    async signTexts(texts: string[]): Promise<Result<string[], SignError>> {
      const parsed = signTextsSchema.safeParse(texts);
      if (!parsed.success) return err('invalid-sign-request', '签名请求无效：只签署交换包内容。The signing request is not an exchange text.');
      const { secretKey } = load();
      return ok(parsed.data.map((text) => signText(text, secretKey)));
    },
  };
}
