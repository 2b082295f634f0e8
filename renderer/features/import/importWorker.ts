/**
 * The import worker (issue 5): reads the chosen file and checks every row with the shared rules,
 * off the UI thread, so the page stays responsive while a 100k-row or hostile file is checked.
 * It then keeps the plan (checkedPlan.ts) and answers the page's questions about it: a page of the
 * preview, a chunk of records to commit. The page cancels or ends an import by terminating it.
 */
import { asRegionCode } from '../../../shared/regions/regions';
import { importSpreadsheet } from '../../../shared/spreadsheet/importSpreadsheet';
import { loadRegions } from '../../regions/loadRegions';
import { CheckedPlan } from './checkedPlan';
import type { ImportMessage, ImportQuery, ImportRequest, ImportResponse } from './importProtocol';

/** The parts of DedicatedWorkerGlobalScope used here (the renderer's tsconfig has the DOM lib, not WebWorker). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<ImportMessage>) => void) | null;
  postMessage(message: ImportResponse): void;
}

const scope = self as unknown as WorkerScope;
let regionsPromise: ReturnType<typeof loadRegions> | null = null;
let plan: CheckedPlan | null = null;

scope.onmessage = function handleImportMessage(event) {
  const message = event.data;
  if (message.type === 'check') void check(message.request);
  else answer(message);
};

function answer(query: ImportQuery): void {
  if (!plan) {
    scope.postMessage({ type: 'error', message: 'the file has not been checked' });
    return;
  }
  switch (query.type) {
    case 'page':
      scope.postMessage({ type: 'page', id: query.id, ...plan.page(query.filter, query.offset, query.limit) });
      break;
    case 'records':
      scope.postMessage({ type: 'records', id: query.id, records: plan.recordsAt(query.from, query.count) });
      break;
    case 'updates':
      scope.postMessage({ type: 'updates', id: query.id, updates: plan.updatesAt(query.from, query.count) });
      break;
  }
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
