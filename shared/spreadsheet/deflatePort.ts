/**
 * Compression in a second worker (issue 5): the thread that writes the workbook XML hands each
 * chunk over a message port to a worker that deflates it (and checksums it meanwhile), so on two cores the
 * generation and the compression of a 100k-row export overlap (xlsxWriter.ts writeXlsxAsync).
 * Typed against the few members of a MessagePort used here, so the same code runs over a
 * browser MessageChannel in the app and over Node's worker_threads in the benchmark.
 */
import { crc32 } from './crc32';
import { deflateRawChunk } from './fastDeflate';
import { deflateChunk, type DeflatedChunk } from './zipWriter';

/**
 * One chunk in this many is compressed by the asking thread itself. Measured on the bench machine
 * (2 cores, 100k rows): writing the XML and checksumming took ~1.1 s, deflating ~1.4 s, so the
 * worker finished 90–330 ms after the writer; with one chunk in six taken here, 20–40 ms after.
 * The writer cannot ask how far behind the worker is: it writes every row in one go and only hears
 * the answers at the end.
 */
export const DEFLATE_LOCAL_EVERY = 6;

/** The members of a MessagePort (browser or Node worker_threads) used here. */
export interface PortLike {
  postMessage(message: unknown, transfer: ArrayBuffer[]): void;
  onmessage: ((event: { readonly data: unknown }) => void) | null;
  close(): void;
}

/** A chunk to compress, and its answer: the raw DEFLATE bytes (the asking side checksums the chunk itself). */
interface DeflateAsk {
  readonly id: number;
  readonly chunk: Uint8Array<ArrayBuffer>;
  readonly isFinal: boolean;
}
interface DeflateAnswer {
  readonly id: number;
  readonly data: Uint8Array<ArrayBuffer> | null;
  readonly error?: string;
}

/** The compressing side: answers every chunk that arrives on `port` until the port is closed. */
export function serveDeflate(port: PortLike): void {
  port.onmessage = function deflateAsked(event) {
    const ask = event.data as DeflateAsk;
    try {
      const data = deflateRawChunk(ask.chunk, ask.isFinal);
      port.postMessage({ id: ask.id, data } satisfies DeflateAnswer, [data.buffer]);
    } catch (cause) {
      port.postMessage({ id: ask.id, data: null, error: cause instanceof Error ? cause.message : String(cause) } satisfies DeflateAnswer, []);
    }
  };
}

/**
 * The asking side: a deflater for writeXlsxAsync that sends a copy of each chunk over `port`, but
 * for one in `localEvery` ({@link DEFLATE_LOCAL_EVERY}; 0: none) that it compresses here. `close`
 * ends the conversation once the workbook is done.
 */
export function portDeflater(port: PortLike, localEvery = DEFLATE_LOCAL_EVERY): { deflater: (chunk: Uint8Array, isFinal: boolean) => Promise<DeflatedChunk>; close: () => void } {
  const waiting = new Map<number, { resolve: (data: Uint8Array<ArrayBuffer>) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  port.onmessage = function deflateAnswered(event) {
    const answer = event.data as DeflateAnswer;
    const wait = waiting.get(answer.id);
    waiting.delete(answer.id);
    if (answer.data) wait?.resolve(answer.data);
    else wait?.reject(new Error(`[deflatePort] ${answer.error ?? 'no result'}`));
  };
  return {
    deflater(chunk, isFinal) {
      const id = (nextId += 1);
      if (localEvery > 0 && id % localEvery === 0) return Promise.resolve(deflateChunk(chunk, isFinal));
      // The checksum is taken here, while the worker compresses: deflating is the larger half of
      // the work, so this thread (which writes the XML) takes the CRC to even the two out.
      const crc = crc32(chunk);
      const size = chunk.length;
      const compressed = new Promise<Uint8Array<ArrayBuffer>>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        // Copied, not transferred: the writer reuses its one buffer (XlsxAsyncOptions.deflater). A
        // transfer would have it take a fresh buffer per chunk, ~150 MB of new memory for 100k
        // rows, and touching new memory costs a page fault per 4 KB (≈ 10 ms per MB measured in
        // this VM); the copy is a memcpy into memory the worker recycles.
        port.postMessage({ id, chunk, isFinal }, []);
      });
      return compressed.then((data) => ({ data, crc, size }));
    },
    close() {
      port.onmessage = null;
      port.close();
    },
  };
}
