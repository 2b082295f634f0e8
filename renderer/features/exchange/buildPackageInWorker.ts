/**
 * The page's {@link PackageBuilder}: builds a package in packageBuildWorker.ts, signs what the worker
 * asks for with this installation's identity (the secret key stays in the page's platform — in
 * Electron, in the main process), forwards progress, and terminates the worker when the signal aborts.
 */
import type { SignTexts } from '../../../shared/exchange/package';
import { ExchangeCancelled, type ExchangeProgress } from '../../db/exchangeProgress';
import type { BuiltPackage, PackageBuilder } from '../../db/exchangeRepository';
import {
  CHANGES_PER_INPUT_MESSAGE,
  type ExportInput,
  type ExportRequest,
  type ExportResponse,
} from './packageBuildProtocol';

/** The parts of a worker an export talks to (a test passes an in-process stand-in). */
export interface ExportPort {
  post(message: ExportRequest): void;
  /** Starts delivering the worker's answers and failures. */
  listen(onAnswer: (answer: ExportResponse) => void, onFailure: (message: string) => void): void;
  terminate(): void;
}

/** A dedicated module worker running packageBuildWorker.ts. */
export function startExportWorker(): ExportPort {
  const worker = new Worker(new URL('./packageBuildWorker.ts', import.meta.url), { type: 'module' });
  return {
    post: (message) => worker.postMessage(message),
    listen(onAnswer, onFailure) {
      worker.onmessage = function receiveExportAnswer(event: MessageEvent<ExportResponse>) {
        onAnswer(event.data);
      };
      worker.onerror = function exportWorkerFailed(event) {
        onFailure(event.message);
      };
    },
    terminate: () => worker.terminate(),
  };
}

/** Builds a package over `port`: the protocol of packageBuildProtocol.ts, page side. Rejects with ExchangeCancelled on abort. */
export function buildPackageOver(
  port: ExportPort,
  input: ExportInput,
  sign: SignTexts,
  progress: ExchangeProgress,
): Promise<BuiltPackage> {
  return new Promise<BuiltPackage>((resolve, reject) => {
    let isOver = false;
    const stop = (): void => {
      isOver = true;
      port.terminate();
      progress.signal?.removeEventListener('abort', cancel);
    };
    function cancel(): void {
      stop();
      reject(new ExchangeCancelled());
    }
    if (progress.signal?.aborted === true) {
      cancel();
      return;
    }
    progress.signal?.addEventListener('abort', cancel);
    function answerSignRequest(id: number, texts: readonly string[]): void {
      sign(texts).then(
        (signatures) => {
          if (!isOver) port.post({ type: 'signed', id, signatures });
        },
        (error: unknown) => {
          if (!isOver)
            port.post({
              type: 'sign-failed',
              id,
              message: error instanceof Error ? error.message : String(error),
            });
        },
      );
    }
    port.listen(
      function receiveExportAnswer(answer) {
        switch (answer.type) {
          case 'progress':
            progress.onProgress?.(answer.phase, answer.done, answer.total);
            break;
          case 'sign':
            answerSignRequest(answer.id, answer.texts);
            break;
          case 'done':
            stop();
            resolve({
              bytes: new Uint8Array(answer.bytes),
              packageId: answer.packageId,
              manifest: answer.manifest,
              records: answer.records,
            });
            break;
          case 'error':
            stop();
            reject(new Error(`[exchange] building the package failed: ${answer.message}`));
            break;
        }
      },
      function exportWorkerFailed(message) {
        stop();
        reject(new Error(`[exchange] the export worker failed: ${message}`));
      },
    );
    void handOver(port, input, () => isOver).then(
      () => {
        if (!isOver) port.post({ type: 'build' });
      },
      (error: unknown) => {
        stop();
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** The next task: lets the page paint and take input between two messages. */
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Posts the input to the worker: the head, then its changes in chunks, one chunk per task. */
async function handOver(port: ExportPort, input: ExportInput, isOver: () => boolean): Promise<void> {
  const { own, relayed = [] } = input;
  port.post({ type: 'start', input: { ...input, own: [], relayed: [] } });
  for (let start = 0; start < own.length; start += CHANGES_PER_INPUT_MESSAGE) {
    await nextTask();
    if (isOver()) return;
    port.post({ type: 'own', items: own.slice(start, start + CHANGES_PER_INPUT_MESSAGE) });
  }
  for (let start = 0; start < relayed.length; start += CHANGES_PER_INPUT_MESSAGE) {
    await nextTask();
    if (isOver()) return;
    port.post({ type: 'relayed', items: relayed.slice(start, start + CHANGES_PER_INPUT_MESSAGE) });
  }
}

/** Builds a package in a new export worker, with progress and cancel. */
export const buildPackageInWorker: PackageBuilder = (input, sign, progress) =>
  buildPackageOver(startExportWorker(), input, sign, progress);
