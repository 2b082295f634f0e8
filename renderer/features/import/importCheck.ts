/**
 * The import without React: the round trip to its worker, the rows a preview commits, and which
 * commit progress is worth a render. The hook (useScenarioImport.ts) and the page bench
 * (renderer/bench/importBench.ts) both run these, so the bench measures the app's code.
 */
import type { LocalizedText } from '../../../shared/domain/localizedText';
import type { ImportRow, ImportUpdate } from '../../../shared/spreadsheet/scenarioImport';
import type { Scenario } from '../../../shared/domain/scenario';
import type { ImportCommitStage } from '../../db/importRepository';
import type { ImportRequest, ImportResponse, ImportSummary } from './importProtocol';

/** What to do with rows whose 场景编号 exists. */
export type ExistingChoice = 'update' | 'skip';

/** How a check ended: a preview to show, a refusal, or a cancel. */
export type ImportCheckOutcome =
  | { readonly kind: 'preview'; readonly summary: ImportSummary; readonly rows: readonly ImportRow[] }
  | { readonly kind: 'refused'; readonly text: LocalizedText }
  | { readonly kind: 'cancelled' };

/** A running check: its outcome, and a cancel that stops the worker and settles it as 'cancelled'. */
export interface ImportCheck {
  readonly outcome: Promise<ImportCheckOutcome>;
  cancel(): void;
}

/** Progress of a check: reading the file, then planning row `done` of `total`. */
export type ImportCheckProgress = (stage: 'read' | 'plan', done: number, total: number) => void;

function failed(message: string): ImportCheckOutcome {
  return { kind: 'refused', text: { zh: `检查文件时出错：${message}`, en: `Checking the file failed: ${message}` } };
}

/**
 * Checks a file in the import worker (importWorker.ts): the bytes are transferred, the plan comes
 * back in chunks of rows. The worker is terminated when the check settles or is cancelled.
 */
export function startImportCheck(request: ImportRequest, onProgress: ImportCheckProgress): ImportCheck {
  const worker = new Worker(new URL('./importWorker.ts', import.meta.url), { type: 'module' });
  let settle: (outcome: ImportCheckOutcome) => void = () => undefined;
  let isSettled = false;
  const outcome = new Promise<ImportCheckOutcome>((resolve) => {
    settle = (value) => {
      if (isSettled) return;
      isSettled = true;
      worker.terminate();
      resolve(value);
    };
  });
  const rows: ImportRow[] = [];
  worker.onmessage = (event: MessageEvent<ImportResponse>) => {
    if (isSettled) return;
    const answer = event.data;
    switch (answer.type) {
      case 'progress':
        onProgress(answer.stage, answer.done, answer.total);
        break;
      case 'rows':
        // A loop, not push(...rows): a spread of a large chunk can exceed the argument limit.
        for (const row of answer.rows) rows.push(row);
        break;
      case 'done':
        settle({ kind: 'preview', summary: answer.summary, rows });
        break;
      case 'refused':
        settle({ kind: 'refused', text: answer.text });
        break;
      case 'error':
        settle(failed(answer.message));
        break;
    }
  };
  worker.onerror = (event) => {
    console.error('[import] worker error', event.message);
    settle(failed(event.message));
  };
  worker.postMessage(request, [request.bytes]);
  return { outcome, cancel: () => settle({ kind: 'cancelled' }) };
}

/** The records and updates a preview commits with a choice for existing rows. */
export function commitOf(rows: readonly ImportRow[], choice: ExistingChoice): { records: Scenario[]; updates: ImportUpdate[] } {
  const records: Scenario[] = [];
  const updates: ImportUpdate[] = [];
  for (const row of rows) {
    if (row.action === 'new' && row.record) records.push(row.record);
    else if (row.action === 'existing' && row.update && choice === 'update') updates.push(row.update);
  }
  return { records, updates };
}

/** Yields to the event loop between chunks of work done outside a transaction. */
export const pauseForPage = (): Promise<void> => new Promise<void>((resolve) => setTimeout(resolve, 0));

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
