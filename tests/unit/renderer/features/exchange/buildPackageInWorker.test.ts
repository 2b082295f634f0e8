import { describe, expect, it } from 'vitest';
import {
  attestChanges,
  ATTESTATION_CHUNK,
  createPackage,
  openPackage,
  serializePackage,
} from '../../../../../shared/exchange/package';
import { signText } from '../../../../../shared/exchange/signing';
import type { RegionCode } from '../../../../../shared/regions/regions';
import { ExchangeCancelled, type ExchangePhase } from '../../../../../renderer/db/exchangeProgress';
import { buildPackageHere } from '../../../../../renderer/db/exchangeRepository';
import {
  buildPackageOver,
  type ExportPort,
} from '../../../../../renderer/features/exchange/buildPackageInWorker';
import { serveExportJob } from '../../../../../renderer/features/exchange/packageBuildJob';
import {
  SIGN_BATCH,
  type ExportInput,
  type ExportRequest,
  type ExportResponse,
} from '../../../../../renderer/features/exchange/packageBuildProtocol';
import { creation, edit, keysOf, nextId, T0, trustOf } from '../../../shared/exchange/exchangeTestKit';

const CITY = '510100' as RegionCode;
const WUHOU = '510107' as RegionCode;

/**
 * The export worker's code (serveExportJob) on the other end of an in-process channel: messages are
 * structured-cloned and delivered on a later task, as between a page and a worker.
 */
function inProcessWorker(): ExportPort & { readonly isTerminated: () => boolean } {
  let isTerminated = false;
  let toPage: ((answer: ExportResponse) => void) | null = null;
  const deliver = <T>(message: T, to: (message: T) => void): void => {
    const copy = structuredClone(message);
    setTimeout(() => {
      if (!isTerminated) to(copy);
    }, 0);
  };
  const toWorker = serveExportJob({
    postMessage: (answer) => deliver(answer, (message) => toPage?.(message)),
  });
  return {
    post: (message: ExportRequest) => deliver(message, toWorker),
    listen(onAnswer) {
      toPage = onAnswer;
    },
    terminate() {
      isTerminated = true;
    },
    isTerminated: () => isTerminated,
  };
}

const signAs = (installation: string) => async (texts: readonly string[]) =>
  texts.map((text) => signText(text, keysOf(installation).secretKey));

/** A city's package: its own changes and a county's, relayed with the county's attestation. */
function cityInput(ownCount: number): ExportInput {
  const own = Array.from({ length: ownCount }, (_, index) =>
    index % 2 === 0
      ? creation(CITY, nextId(), {}, index)
      : edit(CITY, nextId(), 'title', '初始', `改 ${String(index)}`, index),
  );
  const county = [creation(WUHOU, nextId(), {}, 1), edit(WUHOU, nextId(), 'title', '初始', '县改', 2)];
  return {
    kind: 'changes',
    source: { unit: CITY, role: 'city', publicKey: keysOf('510100').publicKey },
    own,
    relayed: attestChanges(county, WUHOU, keysOf('510107')),
    now: T0 + 1000,
    recipientUnit: '510000' as RegionCode,
  };
}

describe('buildPackageOver (the export worker protocol)', () => {
  it('writes the same bytes as the in-page builder and as createPackage with the key pair', async () => {
    const input = cityInput(5);
    const phases = new Set<ExchangePhase>();
    const inWorker = await buildPackageOver(inProcessWorker(), input, signAs('510100'), {
      onProgress: (phase) => phases.add(phase),
    });
    const here = await buildPackageHere(input, signAs('510100'), {});
    expect(Buffer.from(inWorker.bytes).equals(Buffer.from(here.bytes))).toBe(true);
    const direct = serializePackage(
      createPackage({ ...input, source: { unit: CITY, role: 'city', keyPair: keysOf('510100') } }),
    );
    expect(new TextDecoder().decode(inWorker.bytes)).toBe(direct);
    expect(inWorker).toMatchObject({
      packageId: here.packageId,
      records: 7,
      manifest: { counts: { records: 7, own: 5, relayed: 2 } },
    });
    expect([...phases]).toEqual(['hash', 'sign', 'serialise']);
    expect(openPackage(inWorker.bytes, { trustedKeys: trustOf(['510100', '510107']) }).ok).toBe(true);
  });

  it(`asks the page for signatures at most ${String(SIGN_BATCH)} texts at a time, in order`, async () => {
    const input = cityInput(ATTESTATION_CHUNK * SIGN_BATCH + 1);
    const batches: number[] = [];
    const built = await buildPackageOver(
      inProcessWorker(),
      input,
      async (texts) => {
        batches.push(texts.length);
        return signAs('510100')(texts);
      },
      {},
    );
    // SIGN_BATCH + 1 attestations in two round trips, then the package text.
    expect(batches).toEqual([SIGN_BATCH, 1, 1]);
    expect(built.records).toBe(ATTESTATION_CHUNK * SIGN_BATCH + 3);
    expect(openPackage(built.bytes, { trustedKeys: trustOf(['510100', '510107']) }).ok).toBe(true);
  });

  it('stops the worker and rejects with ExchangeCancelled when the user cancels', async () => {
    const controller = new AbortController();
    const port = inProcessWorker();
    const built = buildPackageOver(
      port,
      cityInput(3),
      async (texts) => {
        controller.abort();
        return signAs('510100')(texts);
      },
      { signal: controller.signal },
    );
    await expect(built).rejects.toBeInstanceOf(ExchangeCancelled);
    expect(port.isTerminated()).toBe(true);
  });

  it('does not start when already cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const port = inProcessWorker();
    await expect(
      buildPackageOver(port, cityInput(1), signAs('510100'), { signal: controller.signal }),
    ).rejects.toBeInstanceOf(ExchangeCancelled);
    expect(port.isTerminated()).toBe(true);
  });

  it.each([
    ['refuses to sign', async () => Promise.reject(new Error('签名请求无效'))],
    ['signs with another key', signAs('510104')],
  ])('fails, naming the cause, when the signer %s', async (_name, sign) => {
    const port = inProcessWorker();
    await expect(buildPackageOver(port, cityInput(2), sign, {})).rejects.toThrow(
      /building the package failed: .*(签名请求无效|does not verify)/,
    );
    expect(port.isTerminated()).toBe(true);
  });
});
