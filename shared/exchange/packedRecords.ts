/**
 * Received change records as the exchange log keeps them since schema v11 (issue 6, merge speed):
 * a block of up to {@link PACKED_BLOCK_SIZE} records as one raw-DEFLATE of their JSON.
 *
 * Why: an import of 100k changes put ~35 MB of record objects into IndexedDB in its one
 * transaction, and Chromium serialises every value on the page's thread (~0.3–0.4 s, and the
 * merge's longest task). Packed, the same records are ~5 MB of bytes, copied rather than walked.
 * The package worker packs them while it verifies the package, so the merge only stores bytes.
 *
 * The deflater is the app's own fast one (shared/spreadsheet/fastDeflate.ts), the inflater fflate's.
 */
import { inflateSync, strFromU8, strToU8 } from 'fflate';
import type { ChangeRecord } from '../domain/changeRecord';
import { deflateRawChunk } from '../spreadsheet/fastDeflate';
import type { AttestedChange } from './package';

/** Records per packed block: the exchange log's batch size (renderer/db/schema/v5.ts), so a block is a batch's records. */
export const PACKED_BLOCK_SIZE = 1000;

/** Records as one block of bytes: raw DEFLATE of their JSON array. */
export function packRecords(records: readonly ChangeRecord[]): Uint8Array<ArrayBuffer> {
  return deflateRawChunk(strToU8(JSON.stringify(records)), true);
}

/**
 * The records of a block packed by {@link packRecords}. Throws on bytes that are not such a block
 * (damaged storage): the caller's read fails whole rather than returning some other records.
 */
export function unpackRecords(bytes: Uint8Array): ChangeRecord[] {
  const records: unknown = JSON.parse(strFromU8(inflateSync(bytes)));
  if (!Array.isArray(records)) throw new Error('[exchange] a packed block of change records does not hold a list');
  return records as ChangeRecord[];
}

/**
 * The accepted changes in blocks of {@link PACKED_BLOCK_SIZE}, in their order, each with its
 * records packed: block k holds `accepted[k × size … (k + 1) × size)`. Packed one at a time as
 * they are taken, so the package worker can send each with its progress.
 */
export function* packedBlocks(accepted: readonly AttestedChange[], size = PACKED_BLOCK_SIZE): Generator<{ readonly items: AttestedChange[]; readonly packed: Uint8Array<ArrayBuffer> }> {
  for (let start = 0; start < accepted.length; start += size) {
    const items = accepted.slice(start, start + size);
    yield { items, packed: packRecords(items.map(({ change }) => change)) };
  }
}

/** The packed records of {@link packedBlocks}, block by block. */
export function packAccepted(accepted: readonly AttestedChange[], size = PACKED_BLOCK_SIZE): Uint8Array<ArrayBuffer>[] {
  return Array.from(packedBlocks(accepted, size), (block) => block.packed);
}
