/**
 * The import worker (issue 5): reads the chosen file, checks every row with the shared rules and
 * sends the plan back in chunks — off the UI thread, so the page stays responsive while a 100k-row
 * or hostile file is checked. The page cancels by terminating it.
 */
import { asRegionCode } from '../../../shared/regions/regions';
import { importSpreadsheet } from '../../../shared/spreadsheet/importSpreadsheet';
import { loadRegions } from '../../regions/loadRegions';
import { ROWS_PER_MESSAGE, type ImportRequest, type ImportResponse } from './importProtocol';

/** The parts of DedicatedWorkerGlobalScope used here (the renderer's tsconfig has the DOM lib, not WebWorker). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<ImportRequest>) => void) | null;
  postMessage(message: ImportResponse): void;
}

const scope = self as unknown as WorkerScope;
let regionsPromise: ReturnType<typeof loadRegions> | null = null;

scope.onmessage = function handleImportRequest(event) {
  void check(event.data);
};

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
    const { rows, ...summary } = result.value;
    for (let start = 0; start < rows.length; start += ROWS_PER_MESSAGE) {
      scope.postMessage({ type: 'rows', rows: rows.slice(start, start + ROWS_PER_MESSAGE) });
    }
    scope.postMessage({ type: 'done', summary });
  } catch (cause) {
    console.error('[import] worker failed', cause);
    scope.postMessage({ type: 'error', message: cause instanceof Error ? cause.message : String(cause) });
  }
}
