/**
 * Questions to a worker made for them: the page's side of the workers that do one job and answer
 * once (a backup's bytes, storing a backup, the bench's seeding), or a few jobs in turn (a
 * restore). The caller makes the Worker, because Vite bundles a worker only from
 * `new Worker(new URL('./x.ts', import.meta.url))` written where it is used.
 */

/** A worker's one answer: its result, or why it could not give one. */
export type WorkerAnswer<T> = ({ readonly ok: true } & T) | { readonly ok: false; readonly message: string };

/** The parts of a Worker used here. */
export type AskedWorker = Pick<Worker, 'onmessage' | 'onerror' | 'postMessage' | 'terminate'>;

/** A conversation with a worker: questions asked one at a time, each answered once. */
export interface WorkerConversation {
  /**
   * Posts `message` (with `transfer`) and resolves to the worker's answer; rejects with its message
   * when it answers `ok: false`, or when the worker fails (named in the error). Ask the next question
   * only once this one is answered.
   */
  ask<T>(message: unknown, transfer?: Transferable[]): Promise<T>;
  /** Ends the worker. */
  end(): void;
}

/** Starts a conversation with `worker`, named `what` in its errors (see {@link WorkerConversation}). */
export function talkToWorker(worker: AskedWorker, what: string): WorkerConversation {
  return {
    ask<T>(message: unknown, transfer: Transferable[] = []) {
      return new Promise<T>((resolve, reject) => {
        worker.onmessage = (event: MessageEvent<WorkerAnswer<T>>) => {
          if (event.data.ok) resolve(event.data);
          else reject(new Error(event.data.message));
        };
        worker.onerror = (event) => reject(new Error(`${what} failed${event.message ? `: ${event.message}` : ''}`));
        worker.postMessage(message, transfer);
      });
    },
    end() {
      worker.terminate();
    },
  };
}

/**
 * One question to a one-job worker ({@link WorkerConversation.ask}); the worker is ended either way.
 */
export function askWorker<T>(worker: AskedWorker, message: unknown, what: string, transfer: Transferable[] = []): Promise<T> {
  const conversation = talkToWorker(worker, what);
  return conversation.ask<T>(message, transfer).finally(() => conversation.end());
}
