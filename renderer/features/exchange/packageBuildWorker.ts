/**
 * The export worker (issue 6): builds an exchange package off the UI thread (packageBuildJob.ts). The
 * page cancels by terminating it; the worker writes nothing, so a cancel leaves everything as it was.
 */
import type { ExportRequest } from './packageBuildProtocol';
import { serveExportJob, type ExportJobScope } from './packageBuildJob';

/** The parts of DedicatedWorkerGlobalScope used here (the renderer's tsconfig has the DOM lib, not WebWorker). */
interface WorkerScope extends ExportJobScope {
  onmessage: ((event: MessageEvent<ExportRequest>) => void) | null;
}

const scope = self as unknown as WorkerScope;
const handle = serveExportJob(scope);

scope.onmessage = function receiveExportRequest(event) {
  handle(event.data);
};
