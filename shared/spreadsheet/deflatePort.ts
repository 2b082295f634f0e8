/**
 * Compression in a second worker (issue 5): the thread that writes the workbook XML hands each
 * chunk over a message port to a worker that deflates and checksums it, so on two cores the
 * generation and the compression of a 100k-row export overlap (xlsxWriter.ts writeXlsxAsync).
 * Typed against the few members of a MessagePort used here, so the same code runs over a
 * browser MessageChannel in the app and over Node's worker_threads in the benchmark.
 */
import { deflateChunk, type DeflatedChunk } from './zipWriter';

/** The members of a MessagePort (browser or Node worker_threads) used here. */
export interface PortLike {
  postMessage(message: unknown, transfer: ArrayBuffer[]): void;
  onmessage: ((event: { readonly data: unknown }) => void) | null;
  close(): void;
}

/** A chunk to compress, and its answer. */
interface DeflateAsk {
  readonly id: number;
  readonly chunk: Uint8Array<ArrayBuffer>;
  readonly isFinal: boolean;
}
interface DeflateAnswer {
  readonly id: number;
  readonly result: DeflatedChunk | null;
  readonly error?: string;
}

/** The compressing side: answers every chunk that arrives on `port` until the port is closed. */
export function serveDeflate(port: PortLike): void {
  port.onmessage = function deflateAsked(event) {
    const ask = event.data as DeflateAsk;
    try {
      const result = deflateChunk(ask.chunk, ask.isFinal);
      port.postMessage({ id: ask.id, result } satisfies DeflateAnswer, [result.data.buffer as ArrayBuffer]);
    } catch (cause) {
      port.postMessage({ id: ask.id, result: null, error: cause instanceof Error ? cause.message : String(cause) } satisfies DeflateAnswer, []);
    }
  };
}

/**
 * The asking side: a deflater for writeXlsxAsync that sends a copy of each chunk over `port`. `close` ends the conversation once the workbook is done.
 */
export function portDeflater(port: PortLike): { deflater: (chunk: Uint8Array, isFinal: boolean) => Promise<DeflatedChunk>; close: () => void } {
  const waiting = new Map<number, { resolve: (chunk: DeflatedChunk) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  port.onmessage = function deflateAnswered(event) {
    const answer = event.data as DeflateAnswer;
    const wait = waiting.get(answer.id);
    waiting.delete(answer.id);
    if (answer.result) wait?.resolve(answer.result);
    else wait?.reject(new Error(`[deflatePort] ${answer.error ?? 'no result'}`));
  };
  return {
    deflater(chunk, isFinal) {
      const id = (nextId += 1);
      return new Promise<DeflatedChunk>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        // Copied, not transferred: the writer reuses its one buffer (XlsxAsyncOptions.deflater). A
        // transfer would have it allocate a fresh buffer per chunk, ~150 MB for 100k rows, and that
        // external memory sets off major GCs that re-mark the whole register (the rows being written)
        // on this thread; the copy is a memcpy, and its garbage lands on the worker's small heap.
        port.postMessage({ id, chunk, isFinal }, []);
      });
    },
    close() {
      port.onmessage = null;
      port.close();
    },
  };
}
