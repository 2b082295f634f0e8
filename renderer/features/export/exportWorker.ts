/**
 * The export worker: builds an XLSX, CSV or GeoJSON file off the UI thread (STYLE.md: long work
 * never blocks the UI), posting progress; the page cancels by terminating it. A workbook's XML is
 * compressed meanwhile by the compression worker behind the port the page sends along
 * (deflateWorker.ts), so the two halves of the work run on two cores.
 */
import { portDeflater, type PortLike } from '../../../shared/spreadsheet/deflatePort';
import { buildExport, buildExportAsync, type ExportResponse, type ExportWorkerMessage } from './exportFile';

/** The parts of DedicatedWorkerGlobalScope used here (the renderer's tsconfig has the DOM lib, not WebWorker). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<ExportWorkerMessage>) => void) | null;
  postMessage(message: ExportResponse, transfer?: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;
// Progress at most every 2%, so 100k rows do not flood the page with messages.
const PROGRESS_STEP = 0.02;

scope.onmessage = function handleExportRequest(event) {
  void build(event.data);
};

async function build({ request, deflatePort }: ExportWorkerMessage): Promise<void> {
  let lastShown = -1;
  const onProgress = (done: number, total: number) => {
    const fraction = total === 0 ? 1 : done / total;
    if (fraction - lastShown >= PROGRESS_STEP || fraction === 1) {
      lastShown = fraction;
      scope.postMessage({ type: 'progress', done, total });
    }
  };
  const port = deflatePort ? portDeflater(deflatePort as unknown as PortLike) : null;
  try {
    const parts = port ? await buildExportAsync(request, onProgress, port.deflater) : [buildExport(request, onProgress)];
    // Moved, not copied; a buffer may be listed once only.
    scope.postMessage({ type: 'done', parts }, [...new Set(parts.map((part) => part.buffer))]);
  } catch (cause) {
    console.error('[export] worker failed', cause);
    scope.postMessage({ type: 'error', message: cause instanceof Error ? cause.message : String(cause) });
  } finally {
    port?.close();
  }
}
