/**
 * The page's {@link PackageOpener}: verifies a package in packageWorker.ts, forwarding its progress,
 * and terminates the worker when the signal aborts (the import then reports 'cancelled').
 */
import type { AttestedChange } from '../../../shared/exchange/package';
import { ExchangeCancelled } from '../../db/exchangeProgress';
import type { OpenPackageResult, PackageOpener } from '../../db/exchangeRepository';
import type { PackageRequest, PackageResponse } from './packageProtocol';

/** Verifies package bytes in a worker; rejects with ExchangeCancelled on abort. */
export const openPackageInWorker: PackageOpener = (bytes, trustedKeys, progress) =>
  new Promise<OpenPackageResult>((resolve, reject) => {
    if (progress.signal?.aborted === true) {
      reject(new ExchangeCancelled());
      return;
    }
    const worker = new Worker(new URL('./packageWorker.ts', import.meta.url), { type: 'module' });
    const stop = (): void => {
      worker.terminate();
      progress.signal?.removeEventListener('abort', cancel);
    };
    function cancel(): void {
      stop();
      reject(new ExchangeCancelled());
    }
    progress.signal?.addEventListener('abort', cancel);
    let head: Extract<PackageResponse, { type: 'head' }>['head'] | null = null;
    const accepted: AttestedChange[] = [];
    const packed: Uint8Array[] = [];
    worker.onmessage = function receivePackageAnswer(event: MessageEvent<PackageResponse>) {
      const answer = event.data;
      switch (answer.type) {
        case 'progress':
          progress.onProgress?.(answer.phase, answer.done, answer.total);
          break;
        case 'refused':
          stop();
          resolve(answer.failure);
          break;
        case 'head':
          head = answer.head;
          break;
        case 'accepted':
          for (const item of answer.items) accepted.push(item);
          if (answer.packed !== undefined) packed.push(answer.packed);
          break;
        case 'done':
          stop();
          if (head === null) reject(new Error('[exchange] the package worker finished without a result'));
          // Every message carried a block, or none did (a catalog).
          else resolve({ ok: true, value: { ...head, accepted, ...(packed.length > 0 ? { packed } : {}) } });
          break;
        case 'error':
          stop();
          reject(new Error(`[exchange] verifying the package failed: ${answer.message}`));
          break;
      }
    };
    worker.onerror = function workerFailed(event) {
      stop();
      reject(new Error(`[exchange] the package worker failed: ${event.message}`));
    };
    // A copy is transferred: the page keeps its bytes for a second open after the user trusts a key.
    const copy = bytes.slice().buffer;
    const request: PackageRequest = { bytes: copy, trustedKeys: [...trustedKeys] };
    worker.postMessage(request, [copy]);
  });
