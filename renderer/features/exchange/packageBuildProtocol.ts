/** Messages between the exchange export and the export worker (packageBuildWorker.ts, packageBuildJob.ts). */
import type { BuildPhase, PackageDraftInput, PackageManifest } from '../../../shared/exchange/package';

/**
 * What the package is built from: plain data only (a structured clone carries no functions, so no
 * `isLocalOnly`; the export leaves nothing local-only in `own` or `relayed` in the first place).
 */
export type ExportInput = Omit<PackageDraftInput, 'isLocalOnly'>;

/**
 * Texts per signing round trip: the page signs each batch in one task (or hands it to the main
 * process). An attestation text holds 1000 hashes (67 KB) and Ed25519 hashes its message twice
 * in pure JS, ~5–10 ms a text here; two keep a batch well under a long task.
 */
export const SIGN_BATCH = 2;

/**
 * Changes per message while handing the input to the worker: cloning a message runs on the page,
 * so 100k changes in one message would block it for the better part of a second.
 */
export const CHANGES_PER_INPUT_MESSAGE = 2000;

/**
 * What the page sends: the input without its changes, the changes in chunks, 'build', then the
 * answers to the worker's signing requests.
 */
export type ExportRequest =
  | { readonly type: 'start'; readonly input: ExportInput }
  | { readonly type: 'own'; readonly items: ExportInput['own'] }
  | { readonly type: 'relayed'; readonly items: NonNullable<ExportInput['relayed']> }
  | { readonly type: 'build' }
  | { readonly type: 'signed'; readonly id: number; readonly signatures: readonly string[] }
  | { readonly type: 'sign-failed'; readonly id: number; readonly message: string };

/**
 * What the worker answers: progress, requests to sign texts (the secret key stays with the page's
 * platform, so the worker asks for each signature), then the file's bytes (transferred) or an error.
 */
export type ExportResponse =
  | { readonly type: 'progress'; readonly phase: BuildPhase; readonly done: number; readonly total: number }
  | { readonly type: 'sign'; readonly id: number; readonly texts: readonly string[] }
  | {
      readonly type: 'done';
      readonly bytes: ArrayBuffer;
      readonly packageId: string;
      readonly manifest: PackageManifest;
      readonly records: number;
    }
  | { readonly type: 'error'; readonly message: string };
