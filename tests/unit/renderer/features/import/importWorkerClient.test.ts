/**
 * The page's side of the import worker (importCheck.ts) against a scripted worker: the commit and
 * the undo run in the worker, and their progress, results, cancel and failures cross as messages.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startImportCheck, startImportUndo } from '../../../../../renderer/features/import/importCheck';
import type { ImportMessage, ImportResponse, ImportSummary } from '../../../../../renderer/features/import/importProtocol';
import { asRegionCode } from '../../../../../shared/regions/regions';

/** A Worker that records what the page sends and answers what the test scripts. */
class ScriptedWorker {
  static last: ScriptedWorker | null = null;
  readonly sent: ImportMessage[] = [];
  isTerminated = false;
  onmessage: ((event: MessageEvent<ImportResponse>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;

  constructor() {
    ScriptedWorker.last = this;
  }

  postMessage(message: ImportMessage): void {
    this.sent.push(message);
  }

  terminate(): void {
    this.isTerminated = true;
  }

  answer(response: ImportResponse): void {
    this.onmessage?.({ data: response } as MessageEvent<ImportResponse>);
  }
}

const SUMMARY: ImportSummary = {
  sheetName: '场景目录',
  format: 'xlsx',
  encoding: null,
  columns: [],
  unknownColumns: [],
  counts: { new: 2, existing: 0, skip: 0, invalid: 0 },
  problemRows: 0,
  commitable: { records: 2, updates: 0 },
};
const ACTOR = { unitCode: asRegionCode('510107'), role: 'county' } as const;
const WRITTEN = { ok: true, value: { batchId: 'b1', created: 2, updated: 0, unchanged: 0 } } as const;

function worker(): ScriptedWorker {
  const current = ScriptedWorker.last;
  if (!current) throw new Error('no worker was started');
  return current;
}

async function checkedPlan() {
  const check = startImportCheck({ fileName: 'a.xlsx', bytes: new ArrayBuffer(8), unitCode: '510107', existingByNumber: new Map(), existingIds: new Set(), now: 0 }, () => undefined);
  worker().answer({ type: 'done', summary: SUMMARY });
  const outcome = await check.outcome;
  if (outcome.kind !== 'preview') throw new Error(`the check ended ${outcome.kind}`);
  return outcome.plan;
}

describe('the import worker client', () => {
  const original = globalThis.Worker;
  beforeEach(() => {
    ScriptedWorker.last = null;
    globalThis.Worker = ScriptedWorker as unknown as typeof Worker;
  });
  afterEach(() => {
    globalThis.Worker = original;
  });

  it('commits in the worker: the request goes out, progress and the result come back', async () => {
    const plan = await checkedPlan();
    const progress: string[] = [];
    const result = plan.commit({ dbName: 'atlas', actor: ACTOR, choice: 'skip', batchId: 'b1' }, { onProgress: (stage, done, total) => progress.push(`${stage} ${String(done)}/${String(total)}`) });
    expect(worker().sent.at(-1)).toEqual({ type: 'commit', request: { dbName: 'atlas', actor: ACTOR, choice: 'skip', batchId: 'b1' } });
    worker().answer({ type: 'commit-progress', stage: 'write', done: 1, total: 2 });
    worker().answer({ type: 'commit-progress', stage: 'write', done: 2, total: 2 });
    worker().answer({ type: 'committed', result: WRITTEN });
    await expect(result).resolves.toEqual(WRITTEN);
    expect(progress).toEqual(['write 1/2', 'write 2/2']);
    expect(worker().isTerminated).toBe(false);
  });

  it('an abort asks the worker to cancel, and the worker answers how the commit ended', async () => {
    const plan = await checkedPlan();
    const abort = new AbortController();
    const result = plan.commit({ dbName: 'atlas', actor: ACTOR, choice: 'update', batchId: 'b2' }, { signal: abort.signal });
    abort.abort();
    expect(worker().sent.at(-1)).toEqual({ type: 'cancel-commit' });
    const cancelled = { ok: false, error: 'cancelled', message: '已取消导入，台账未作任何改动', text: { zh: '已取消导入，台账未作任何改动', en: 'The import was cancelled; the register is unchanged' } } as const;
    worker().answer({ type: 'committed', result: cancelled });
    await expect(result).resolves.toEqual(cancelled);
  });

  it('a second commit while one runs, or a commit after closing, is refused', async () => {
    const plan = await checkedPlan();
    const first = plan.commit({ dbName: 'atlas', actor: ACTOR, choice: 'skip', batchId: 'b3' });
    await expect(plan.commit({ dbName: 'atlas', actor: ACTOR, choice: 'skip', batchId: 'b4' })).rejects.toThrow(/running already/);
    plan.close();
    // Closing ends the worker (its transaction rolls back with it) and the running commit is rejected.
    await expect(first).rejects.toThrow(/closed/);
    expect(worker().isTerminated).toBe(true);
    await expect(plan.commit({ dbName: 'atlas', actor: ACTOR, choice: 'skip', batchId: 'b5' })).rejects.toThrow(/closed/);
  });

  it('undoes an import in a worker of its own, with progress, and ends that worker', async () => {
    const progress: string[] = [];
    const result = startImportUndo({ dbName: 'atlas', actor: ACTOR, batchId: 'b1' }, (done, total) => progress.push(`${String(done)}/${String(total)}`));
    const undoWorker = worker();
    expect(undoWorker.sent).toEqual([{ type: 'undo', request: { dbName: 'atlas', actor: ACTOR, batchId: 'b1' } }]);
    undoWorker.answer({ type: 'undo-progress', done: 0, total: 2 });
    undoWorker.answer({ type: 'undo-progress', done: 2, total: 2 });
    undoWorker.answer({ type: 'undone', result: { ok: true, value: { batchId: 'u1', undone: 2 } } });
    await expect(result).resolves.toEqual({ ok: true, value: { batchId: 'u1', undone: 2 } });
    expect(progress).toEqual(['0/2', '2/2']);
    expect(undoWorker.isTerminated).toBe(true);
  });

  it('an undo worker that fails rejects, and is ended', async () => {
    const result = startImportUndo({ dbName: 'atlas', actor: ACTOR, batchId: 'b1' }, () => undefined);
    const undoWorker = worker();
    undoWorker.onerror?.({ message: 'out of memory' } as ErrorEvent);
    await expect(result).rejects.toThrow(/out of memory/);
    expect(undoWorker.isTerminated).toBe(true);
  });
});
