/**
 * The import worker (issue 5): reads the chosen file and checks every row with the shared rules,
 * off the UI thread, so the page stays responsive while a 100k-row or hostile file is checked.
 * It then keeps the plan (checkedPlan.ts), answers the page's questions about it (a page of the
 * preview) and, when the person commits, writes it: it opens the page's database (IndexedDB is
 * shared by the origin's page and workers; Dexie tells the page's live queries of the write over
 * a BroadcastChannel) and runs commitImport there, so the page's thread and heap never see the
 * 100k records (issue 5: "the UI never blocked more than 100 ms" — on the page, collecting the
 * records' garbage alone took 80–150 ms at a time). The page cancels a check by terminating the
 * worker, and a commit by asking: its transaction then rolls back. A worker of its own undoes a
 * whole import the same way (撤销本次导入).
 */
import { asRegionCode } from '../../../shared/regions/regions';
import { importSpreadsheet } from '../../../shared/spreadsheet/importSpreadsheet';
import { AtlasDb } from '../../db/atlasDb';
import { commitImport } from '../../db/importRepository';
import { storageFailure } from '../../db/writeFailure';
import { undoBatch, type WriteContext, type WriteResult } from '../../db/writePath';
import { loadRegions } from '../../regions/loadRegions';
import { CheckedPlan } from './checkedPlan';
import type { CommitRequest, ImportMessage, ImportQuery, ImportRequest, ImportResponse, UndoRequest, WriteTarget } from './importProtocol';

/** The parts of DedicatedWorkerGlobalScope used here (the renderer's tsconfig has the DOM lib, not WebWorker). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<ImportMessage>) => void) | null;
  postMessage(message: ImportResponse): void;
}

const scope = self as unknown as WorkerScope;
let regionsPromise: ReturnType<typeof loadRegions> | null = null;
let plan: CheckedPlan | null = null;
let committing: AbortController | null = null;

scope.onmessage = function handleImportMessage(event) {
  const message = event.data;
  switch (message.type) {
    case 'check':
      void check(message.request);
      break;
    case 'commit':
      void commit(message.request);
      break;
    case 'cancel-commit':
      committing?.abort();
      break;
    case 'undo':
      void undo(message.request);
      break;
    default:
      answer(message);
  }
};

/**
 * Runs a write on the page's database here, and returns its result: the write answers every
 * refusal and storage failure as a result itself, and a failure to get that far (the regions or
 * the database not opening) becomes a storage failure.
 */
async function writeHere<T>({ dbName, actor }: WriteTarget, write: (ctx: WriteContext) => Promise<WriteResult<T>>): Promise<WriteResult<T>> {
  const db = new AtlasDb(dbName);
  try {
    regionsPromise ??= loadRegions();
    return await write({ db, regions: await regionsPromise, actor, now: () => Date.now(), newId: () => crypto.randomUUID() });
  } catch (cause) {
    console.error('[import] the write failed', cause);
    return storageFailure(cause);
  } finally {
    db.close();
  }
}

/** Undoes a whole import here (撤销本次导入 of 100k records is as heavy as the import). */
async function undo(request: UndoRequest): Promise<void> {
  const result = await writeHere(request, (ctx) =>
    undoBatch(ctx, request.batchId, { onProgress: (done, total) => scope.postMessage({ type: 'undo-progress', done, total }) }),
  );
  scope.postMessage({ type: 'undone', result });
}

async function commit(request: CommitRequest): Promise<void> {
  const checked = plan;
  if (!checked || committing) {
    scope.postMessage({ type: 'error', message: checked ? 'a commit is running already' : 'the file has not been checked' });
    return;
  }
  const abort = new AbortController();
  committing = abort;
  try {
    const result = await writeHere(request, (ctx) =>
      commitImport(ctx, checked.commit(request.choice), request.batchId, {
        signal: abort.signal,
        onProgress: (stage, done, total) => scope.postMessage({ type: 'commit-progress', stage, done, total }),
      }),
    );
    scope.postMessage({ type: 'committed', result });
  } finally {
    committing = null;
  }
}

function answer(query: ImportQuery): void {
  if (!plan) {
    scope.postMessage({ type: 'error', message: 'the file has not been checked' });
    return;
  }
  scope.postMessage({ type: 'page', id: query.id, ...plan.page(query.filter, query.offset, query.limit) });
}

async function check(request: ImportRequest): Promise<void> {
  try {
    regionsPromise ??= loadRegions();
    const regions = await regionsPromise;
    scope.postMessage({ type: 'progress', stage: 'read', done: 0, total: 0 });
    let lastShown = 0;
    const result = importSpreadsheet(request.fileName, new Uint8Array(request.bytes), {
      regions,
      unitCode: asRegionCode(request.unitCode),
      existingByNumber: request.existingByNumber,
      existingIds: request.existingIds,
      now: request.now,
      newId: () => crypto.randomUUID(),
      onProgress: (done, total) => {
        if (done - lastShown >= total / 50 || done === total) {
          lastShown = done;
          scope.postMessage({ type: 'progress', stage: 'plan', done, total });
        }
      },
    });
    if (!result.ok) {
      scope.postMessage({ type: 'refused', error: result.error, text: result.text });
      return;
    }
    plan = new CheckedPlan(result.value);
    scope.postMessage({ type: 'done', summary: plan.summary });
  } catch (cause) {
    console.error('[import] worker failed', cause);
    scope.postMessage({ type: 'error', message: cause instanceof Error ? cause.message : String(cause) });
  }
}
