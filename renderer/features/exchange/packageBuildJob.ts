/**
 * The worker's side of an export (issue 6): builds the package with shared createPackageFile —
 * hashing, canonical JSON, the content hash, the file's text — and asks the page to sign, in
 * batches of {@link SIGN_BATCH}, because the unit's secret key never leaves the page's platform.
 * No `self` here, so the unit tests run the same code over an in-process channel.
 */
import type { ChangeRecord } from '../../../shared/domain/changeRecord';
import { createPackageFile, type AttestedChange, type SignTexts } from '../../../shared/exchange/package';
import {
  SIGN_BATCH,
  type ExportInput,
  type ExportRequest,
  type ExportResponse,
} from './packageBuildProtocol';

/** Where the job posts its answers (the worker's global scope). */
export interface ExportJobScope {
  postMessage(message: ExportResponse, transfer?: Transferable[]): void;
}

/** The handler of the page's messages for one worker: a 'build' starts the job, 'signed' answers go to it. */
export function serveExportJob(scope: ExportJobScope): (request: ExportRequest) => void {
  let nextId = 0;
  const waiting = new Map<
    number,
    { resolve: (signatures: readonly string[]) => void; reject: (error: Error) => void }
  >();

  const signBatch = (texts: readonly string[]): Promise<readonly string[]> =>
    new Promise((resolve, reject) => {
      nextId += 1;
      waiting.set(nextId, { resolve, reject });
      scope.postMessage({ type: 'sign', id: nextId, texts });
    });

  const sign: SignTexts = async (texts) => {
    const out: string[] = [];
    for (let start = 0; start < texts.length; start += SIGN_BATCH)
      out.push(...(await signBatch(texts.slice(start, start + SIGN_BATCH))));
    return out;
  };

  let input: ExportInput | null = null;
  const own: ChangeRecord[] = [];
  const relayed: AttestedChange[] = [];

  async function build(): Promise<void> {
    try {
      if (input === null) throw new Error('[exchange] build before start');
      const file = await createPackageFile({ ...input, own, relayed }, sign, (phase, done, total) =>
        scope.postMessage({ type: 'progress', phase, done, total }),
      );
      // Encoded here and transferred: the page gets the bytes without copying or encoding a file of
      // a hundred megabytes on its own thread.
      const bytes = new TextEncoder().encode(file.text).buffer as ArrayBuffer;
      scope.postMessage(
        { type: 'done', bytes, packageId: file.packageId, manifest: file.manifest, records: file.records },
        [bytes],
      );
    } catch (cause) {
      console.error('[exchange] export worker failed', cause);
      scope.postMessage({ type: 'error', message: cause instanceof Error ? cause.message : String(cause) });
    }
  }

  return function handleExportRequest(request) {
    switch (request.type) {
      case 'start':
        input = request.input;
        own.length = 0;
        relayed.length = 0;
        break;
      case 'own':
        for (const item of request.items) own.push(item);
        break;
      case 'relayed':
        for (const item of request.items) relayed.push(item);
        break;
      case 'build':
        void build();
        break;
      case 'signed':
        waiting.get(request.id)?.resolve(request.signatures);
        waiting.delete(request.id);
        break;
      case 'sign-failed':
        waiting.get(request.id)?.reject(new Error(request.message));
        waiting.delete(request.id);
        break;
    }
  };
}
