/** Messages between the exchange import and the package worker (packageWorker.ts). */
import type { AttestedChange, OpenedPackage, OpenPhase, PackageFailure } from '../../../shared/exchange/package';
import { PACKED_BLOCK_SIZE } from '../../../shared/exchange/packedRecords';

/** What the page asks the worker: read and verify these bytes against these trusted keys. */
export interface PackageRequest {
  readonly bytes: ArrayBuffer;
  /** Unit → trusted public keys (a Map does not survive every structured clone path as typed). */
  readonly trustedKeys: readonly (readonly [string, readonly string[]])[];
}

/**
 * Accepted changes per message: the page deserialises each message in one task, and 5000 changes
 * (with their attestations) made tasks of over 100 ms in the issue 6 bench. A message carries one
 * packed block of their records, so it is the block's size.
 */
export const CHANGES_PER_MESSAGE = PACKED_BLOCK_SIZE;

/** What the worker answers: progress, then a refusal, or the package head, its changes in chunks and 'done'. */
export type PackageResponse =
  | { readonly type: 'progress'; readonly phase: OpenPhase | 'pack'; readonly done: number; readonly total: number }
  | { readonly type: 'refused'; readonly failure: PackageFailure }
  | { readonly type: 'head'; readonly head: Omit<OpenedPackage, 'accepted'> }
  /** `packed`: the items' records as one block (packedRecords.ts), for a changes package. */
  | { readonly type: 'accepted'; readonly items: readonly AttestedChange[]; readonly packed?: Uint8Array<ArrayBuffer> }
  | { readonly type: 'done' }
  | { readonly type: 'error'; readonly message: string };
