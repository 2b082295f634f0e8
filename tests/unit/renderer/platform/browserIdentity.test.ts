import { describe, expect, it } from 'vitest';
import { BROWSER_IDENTITY_KEY, createBrowserIdentity } from '../../../../renderer/platform/browserIdentity';
import { CONTEXT_PACKAGE } from '../../../../shared/exchange/signedContexts';
import { verifyText } from '../../../../shared/exchange/signing';
import { seededBytes } from '../../shared/exchange/exchangeTestKit';
import { memoryStorage } from './memoryStorage';

describe('browser identity', () => {
  it('keeps one key per profile and signs exchange texts only', async () => {
    const storage = memoryStorage();
    const identity = await createBrowserIdentity(storage, seededBytes(1)).getIdentity();
    expect(await createBrowserIdentity(storage, seededBytes(2)).getIdentity()).toEqual(identity);
    const signed = await createBrowserIdentity(storage).signTexts([`${CONTEXT_PACKAGE}{}`]);
    expect(signed.ok && verifyText(`${CONTEXT_PACKAGE}{}`, signed.value[0] ?? '', identity.publicKey)).toBe(true);
    expect(await createBrowserIdentity(storage).signTexts(['anything else'])).toMatchObject({ ok: false, error: 'invalid-sign-request' });
  });

  it('replaces an unreadable stored key with a new one', async () => {
    const storage = memoryStorage();
    storage.setItem(BROWSER_IDENTITY_KEY, 'not base64!');
    const identity = await createBrowserIdentity(storage, seededBytes(3)).getIdentity();
    expect(identity.publicKey).toHaveLength(44);
    expect(storage.getItem(BROWSER_IDENTITY_KEY)).not.toBe('not base64!');
  });
});
