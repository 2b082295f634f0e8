/**
 * The package worker (issue 6): reads and verifies an exchange package — size, UTF-8, JSON,
 * schema, content hash, every signature, ownership (shared openPackage) — off the UI thread, with
 * progress, and sends the verified changes back in chunks, each with its records packed for the
 * exchange log (shared/exchange/packedRecords.ts), so the merge stores bytes it need not serialise.
 * The page cancels by terminating it; the worker changes nothing, so a cancel leaves everything as
 * it was.
 */
import { openPackage } from '../../../shared/exchange/package';
import { packedBlocks } from '../../../shared/exchange/packedRecords';
import { CHANGES_PER_MESSAGE, type PackageRequest, type PackageResponse } from './packageProtocol';

/** The parts of DedicatedWorkerGlobalScope used here (the renderer's tsconfig has the DOM lib, not WebWorker). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<PackageRequest>) => void) | null;
  postMessage(message: PackageResponse, transfer?: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = function handlePackageRequest(event) {
  try {
    verify(event.data);
  } catch (cause) {
    console.error('[exchange] package worker failed', cause);
    scope.postMessage({ type: 'error', message: cause instanceof Error ? cause.message : String(cause) });
  }
};

function verify(request: PackageRequest): void {
  const opened = openPackage(new Uint8Array(request.bytes), {
    trustedKeys: new Map(request.trustedKeys),
    onProgress: (phase, done, total) => scope.postMessage({ type: 'progress', phase, done, total }),
  });
  if (!opened.ok) {
    scope.postMessage({ type: 'refused', failure: opened });
    return;
  }
  const { accepted, ...head } = opened.value;
  scope.postMessage({ type: 'head', head });
  if (head.manifest.kind === 'changes') {
    let done = 0;
    for (const { items, packed } of packedBlocks(accepted, CHANGES_PER_MESSAGE)) {
      done += items.length;
      scope.postMessage({ type: 'accepted', items, packed }, [packed.buffer]);
      scope.postMessage({ type: 'progress', phase: 'pack', done, total: accepted.length });
    }
  } else {
    // A catalog's records go into the register, not the exchange log: nothing to pack.
    for (let start = 0; start < accepted.length; start += CHANGES_PER_MESSAGE) scope.postMessage({ type: 'accepted', items: accepted.slice(start, start + CHANGES_PER_MESSAGE) });
  }
  scope.postMessage({ type: 'done' });
}
