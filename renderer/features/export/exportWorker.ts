/**
 * The export worker: builds an XLSX, CSV or GeoJSON file off the UI thread (STYLE.md: long work
 * never blocks the UI), posting progress; the page cancels by terminating it.
 */
import { buildExport, type ExportRequest, type ExportResponse } from './exportFile';

/** The parts of DedicatedWorkerGlobalScope used here (the renderer's tsconfig has the DOM lib, not WebWorker). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<ExportRequest>) => void) | null;
  postMessage(message: ExportResponse, transfer?: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;
// Progress at most every 2%, so 100k rows do not flood the page with messages.
const PROGRESS_STEP = 0.02;

scope.onmessage = function handleExportRequest(event) {
  let lastShown = -1;
  try {
    const bytes = buildExport(event.data, (done, total) => {
      const fraction = total === 0 ? 1 : done / total;
      if (fraction - lastShown >= PROGRESS_STEP || fraction === 1) {
        lastShown = fraction;
        scope.postMessage({ type: 'progress', done, total });
      }
    });
    scope.postMessage({ type: 'done', bytes }, [bytes.buffer]);
  } catch (cause) {
    console.error('[export] worker failed', cause);
    scope.postMessage({ type: 'error', message: cause instanceof Error ? cause.message : String(cause) });
  }
};
