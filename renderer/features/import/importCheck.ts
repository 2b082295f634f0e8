/**
 * The import without React: the round trips to its worker, and which commit progress is worth a
 * render. The hook (useScenarioImport.ts) and the page bench
 * (renderer/bench/importBench.ts) both run these, so the bench measures the app's code.
 */
import type { LocalizedText } from '../../../shared/domain/localizedText';
import type { CommitImportOptions, ImportCommitStage, ImportWrite } from '../../db/importRepository';
import type { UndoBatchWrite, WriteResult } from '../../db/writePath';
import type { CommitRequest, ImportAnswer, ImportMessage, ImportPreviewRow, ImportQuery, ImportRequest, ImportResponse, ImportSummary, PreviewFilter, UndoRequest } from './importProtocol';

export type { ExistingChoice } from './importProtocol';

/** How a check ended: a preview to show, a refusal, or a cancel. */
export type ImportCheckOutcome =
  | { readonly kind: 'preview'; readonly summary: ImportSummary; readonly plan: CheckedImport }
  | { readonly kind: 'refused'; readonly text: LocalizedText }
  | { readonly kind: 'cancelled' };

/** A running check: its outcome, and a cancel that stops the worker and settles it as 'cancelled'. */
export interface ImportCheck {
  readonly outcome: Promise<ImportCheckOutcome>;
  cancel(): void;
}

/**
 * A checked file whose plan the worker keeps (issue 5: the page holds only what it shows). Closed
 * when the import ends: the worker is terminated and a question still open is rejected.
 */
export interface CheckedImport {
  /** Rows `offset`… of the preview, and how many rows the filter shows in all. */
  page(filter: PreviewFilter, offset: number, limit: number): Promise<{ readonly rows: readonly ImportPreviewRow[]; readonly total: number }>;
  /**
   * Commits the plan in the worker (commitImport there, in one transaction); progress as it
   * writes. An abort asks the worker to stop: the transaction rolls back and the result is
   * 'cancelled'. Rejects when the worker fails or the plan is closed first.
   */
  commit(request: CommitRequest, options?: Pick<CommitImportOptions, 'onProgress' | 'signal'>): Promise<WriteResult<ImportWrite>>;
  close(): void;
}

/** Progress of a check: reading the file, then planning row `done` of `total`. */
export type ImportCheckProgress = (stage: 'read' | 'plan', done: number, total: number) => void;

function failed(message: string): ImportCheckOutcome {
  return { kind: 'refused', text: { zh: `检查文件时出错：${message}`, en: `Checking the file failed: ${message}` } };
}

type Waiting = { readonly resolve: (answer: ImportAnswer) => void; readonly reject: (error: Error) => void };

/**
 * Checks a file in the import worker (importWorker.ts): the bytes are transferred, the summary
 * comes back, the rows stay in the worker. The worker is terminated when the check is refused or
 * cancelled, or when the preview's plan is closed.
 */
export function startImportCheck(request: ImportRequest, onProgress: ImportCheckProgress): ImportCheck {
  const worker = new Worker(new URL('./importWorker.ts', import.meta.url), { type: 'module' });
  const waiting = new Map<number, Waiting>();
  let nextId = 1;
  let isClosed = false;
  // The commit running in the worker, if any: its progress and its end.
  let committing: { readonly onProgress?: CommitImportOptions['onProgress']; readonly resolve: (result: WriteResult<ImportWrite>) => void; readonly reject: (error: Error) => void } | null = null;
  const close = (reason: string) => {
    if (isClosed) return;
    isClosed = true;
    worker.terminate();
    for (const question of waiting.values()) question.reject(new Error(`[import] ${reason}`));
    waiting.clear();
    committing?.reject(new Error(`[import] ${reason}`));
    committing = null;
  };
  const ask = <T extends ImportAnswer['type']>(query: ImportQuery & { readonly type: T }): Promise<Extract<ImportAnswer, { type: T }>> =>
    new Promise((resolve, reject) => {
      if (isClosed) {
        reject(new Error('[import] the checked file was closed'));
        return;
      }
      waiting.set(query.id, { resolve: resolve as (answer: ImportAnswer) => void, reject });
      worker.postMessage(query satisfies ImportMessage);
    });
  const plan: CheckedImport = {
    page: async (filter, offset, limit) => {
      const { rows, total } = await ask({ type: 'page', id: nextId++, filter, offset, limit });
      return { rows, total };
    },
    commit: (commitRequest, options = {}) =>
      new Promise((resolve, reject) => {
        if (isClosed || committing) {
          reject(new Error(isClosed ? '[import] the checked file was closed' : '[import] a commit is running already'));
          return;
        }
        committing = { ...(options.onProgress ? { onProgress: options.onProgress } : {}), resolve, reject };
        const { signal } = options;
        signal?.addEventListener('abort', () => {
          if (!isClosed) worker.postMessage({ type: 'cancel-commit' } satisfies ImportMessage);
        }, { once: true });
        worker.postMessage({ type: 'commit', request: commitRequest } satisfies ImportMessage);
        if (signal?.aborted === true) worker.postMessage({ type: 'cancel-commit' } satisfies ImportMessage);
      }),
    close: () => close('the checked file was closed'),
  };
  let settle: (outcome: ImportCheckOutcome) => void = () => undefined;
  let isSettled = false;
  const outcome = new Promise<ImportCheckOutcome>((resolve) => {
    settle = (value) => {
      if (isSettled) return;
      isSettled = true;
      if (value.kind !== 'preview') close('the check ended');
      resolve(value);
    };
  });
  worker.onmessage = (event: MessageEvent<ImportResponse>) => {
    if (isClosed) return;
    const answer = event.data;
    switch (answer.type) {
      case 'progress':
        if (!isSettled) onProgress(answer.stage, answer.done, answer.total);
        break;
      case 'done':
        settle({ kind: 'preview', summary: answer.summary, plan });
        break;
      case 'refused':
        settle({ kind: 'refused', text: answer.text });
        break;
      case 'error':
        if (isSettled) close(`the import worker failed: ${answer.message}`);
        else settle(failed(answer.message));
        break;
      case 'page': {
        const question = waiting.get(answer.id);
        waiting.delete(answer.id);
        question?.resolve(answer);
        break;
      }
      case 'commit-progress':
        committing?.onProgress?.(answer.stage, answer.done, answer.total);
        break;
      case 'committed':
        committing?.resolve(answer.result);
        committing = null;
        break;
    }
  };
  worker.onerror = (event) => {
    console.error('[import] worker error', event.message);
    if (isSettled) close(`the import worker failed: ${event.message}`);
    else settle(failed(event.message));
  };
  worker.postMessage({ type: 'check', request } satisfies ImportMessage, [request.bytes]);
  return { outcome, cancel: () => settle({ kind: 'cancelled' }) };
}

/**
 * Undoes a whole import in a worker of its own (undoBatch there, one transaction in chunks), so
 * undoing 100k records never blocks the page; progress as records undone of `total`. Rejects when
 * the worker fails (its transaction rolls back with it).
 */
export function startImportUndo(request: UndoRequest, onProgress: (done: number, total: number) => void): Promise<WriteResult<UndoBatchWrite>> {
  const worker = new Worker(new URL('./importWorker.ts', import.meta.url), { type: 'module' });
  return new Promise<WriteResult<UndoBatchWrite>>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<ImportResponse>) => {
      const answer = event.data;
      if (answer.type === 'undo-progress') onProgress(answer.done, answer.total);
      else if (answer.type === 'undone') resolve(answer.result);
    };
    worker.onerror = (event) => reject(new Error(`[import] the undo worker failed: ${event.message}`));
    worker.postMessage({ type: 'undo', request } satisfies ImportMessage);
  }).finally(() => worker.terminate());
}

/** Where a commit is: checking the rows, then writing them; `done` of `total` rows. */
export interface CommitProgress {
  readonly stage: ImportCommitStage;
  readonly done: number;
  readonly total: number;
}

/** The progress to show: a new step, or a whole percent more, so 100k rows re-render the dialog at most ~200 times. */
export function isProgressWorthShowing(shown: CommitProgress | null, next: CommitProgress): boolean {
  if (shown === null || shown.stage !== next.stage || next.done >= next.total) return true;
  const percent = (progress: CommitProgress) => (progress.total === 0 ? 100 : Math.floor((progress.done * 100) / progress.total));
  return percent(next) > percent(shown);
}
