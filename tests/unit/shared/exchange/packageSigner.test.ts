import { describe, expect, it } from 'vitest';
import type { RegionCode } from '../../../../shared/regions/regions';
import { createPackage, createPackageWith, openPackage, serializePackage } from '../../../../shared/exchange/package';
import { signText } from '../../../../shared/exchange/signing';
import { creation, edit, keysOf, T0, trustOf } from './exchangeTestKit';

const WUHOU = '510107' as RegionCode;
const A = 'a0000000-0000-4000-8000-00000000000a';
const own = [creation(WUHOU, A), edit(WUHOU, A, 'title', '初始', '改后', 10)];
const input = { kind: 'changes' as const, own, now: T0 + 100 };

describe('createPackageWith (the key stays with the signer)', () => {
  it('makes the same package as signing with the key pair, in two calls of the signer', async () => {
    const calls: number[] = [];
    const pkg = await createPackageWith({ ...input, source: { unit: WUHOU, role: 'county', publicKey: keysOf(WUHOU).publicKey } }, async (texts) => {
      calls.push(texts.length);
      return texts.map((text) => signText(text, keysOf(WUHOU).secretKey));
    });
    expect(calls).toEqual([1, 1]);
    expect(pkg).toEqual(createPackage({ ...input, source: { unit: WUHOU, role: 'county', keyPair: keysOf(WUHOU) } }));
    expect(openPackage(serializePackage(pkg), { trustedKeys: trustOf([WUHOU]) }).ok).toBe(true);
  });

  it.each([
    ['signs with another key', async (texts: readonly string[]) => texts.map((text) => signText(text, keysOf('510104').secretKey))],
    ['returns too few signatures', async () => []],
    ['returns garbage', async (texts: readonly string[]) => texts.map(() => 'not a signature')],
  ])('refuses a signer that %s', async (_name, sign) => {
    await expect(createPackageWith({ ...input, source: { unit: WUHOU, role: 'county', publicKey: keysOf(WUHOU).publicKey } }, sign)).rejects.toThrow(/does not verify/);
  });
});
