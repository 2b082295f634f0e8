// The marker clustering worker: supercluster off the UI thread (see clusterEngine.ts).
// Typed by hand: the renderer's tsconfig has the DOM lib, which clashes with the WebWorker lib.
import { createClusterWorkerHandler, type ClusterRequest, type ClusterResponse } from './clusterEngine';

interface WorkerScope {
  postMessage(message: ClusterResponse): void;
  onmessage: ((event: MessageEvent<ClusterRequest>) => void) | null;
}

const scope = self as unknown as WorkerScope;
const handle = createClusterWorkerHandler((response) => scope.postMessage(response));
scope.onmessage = (event) => handle(event.data);
