/**
 * The export's compression worker (issue 5): deflates and checksums the chunks of workbook XML the
 * export worker sends over the port it is given first (shared/spreadsheet/deflatePort.ts), so the
 * XML of a large export is written and compressed at the same time on two cores.
 */
import { serveDeflate, type PortLike } from '../../../shared/spreadsheet/deflatePort';

/** The parts of DedicatedWorkerGlobalScope used here (the renderer's tsconfig has the DOM lib, not WebWorker). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<{ readonly port: MessagePort }>) => void) | null;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = function takePort(event) {
  scope.onmessage = null;
  serveDeflate(event.data.port as unknown as PortLike);
};
