/**
 * Rows of the exchange tables (schema v4, issue 6): trusted keys of other units, the merge state
 * with its per-field clock stamps, the exchange log (what is known, in arrival order, with the
 * owner's attestation of what arrived from elsewhere), attestations, the conflict queue and the
 * log of packages sent and received.
 */
import type { ChangeEntity, JsonValue } from '../../shared/domain/changeRecord';
import type { ConflictEntry } from '../../shared/exchange/merge';
import type { PackageKind } from '../../shared/exchange/package';
import type { ChangeRecord } from '../../shared/domain/changeRecord';
import type { Fillable } from './blobSized';
import type { ExchangeBatchRowV5 } from './schema/v5';
import type { MergePageRowV6 } from './schema/v6';
import type { ExchangeRecordsRowV11 } from './schema/v11';

/** A public key of another unit (or another installation of this one) the user chose to trust. */
export interface TrustedKeyRow {
  readonly unit: string;
  readonly publicKey: string;
  readonly fingerprint: string;
  /** Epoch ms. */
  readonly trustedAt: number;
}

/**
 * A field's clock stamp as stored: [hlc, unit, changeId, isCreation (0/1), base?]. Stamps are
 * stored once per record and fields point at them by index: a creation stamps ~30 fields with one
 * stamp, and the merge state of 100k records must stay small enough to read and write in one
 * import (it was 5 KB a record with an object per field; see the issue 6 bench).
 */
export type StoredStamp = readonly [hlc: string, unit: string, changeId: string, isCreation: 0 | 1, base?: JsonValue];

/**
 * One record of the merge state (shared/exchange/merge.ts MergeEntry). `record` (the merged field
 * values) is stored only while the register has no row for it (a change waiting for its record's
 * creation, or an entity the register does not show); otherwise the register's row is the record.
 */
export interface MergeEntryRow {
  readonly entityId: string;
  readonly entity: ChangeEntity;
  readonly owner: string | null;
  readonly stamps: readonly StoredStamp[];
  /**
   * Since schema v12: each field and the index of its stamp in `stamps`, two characters a field
   * (renderer/db/schema/v12.ts); read with its forEachFieldStamp.
   */
  readonly fieldCodes?: string;
  /** Since schema v12: fields not in v12's list, by name → index into `stamps`. */
  readonly extraFields?: Readonly<Record<string, number>>;
  /** Until schema v11: field → index into `stamps` (an entry keeps it until it is written again). */
  readonly fields?: Readonly<Record<string, number>>;
  readonly record?: Readonly<Record<string, JsonValue>>;
  readonly pending: readonly ChangeRecord[];
  /**
   * Exchange-log seqs of this record's received changes whose records are in `exchangeRecords`
   * (schema v8), oldest first: its history reads them there. Absent when there are none.
   */
  readonly log?: readonly number[];
}

/**
 * Schema v4's exchange log, one row per change; empty since v5 (see {@link ExchangeBatchRow}).
 * A change known to the exchange, numbered in the order it became known here (`seq`): "changes
 * since my last package to X" are those above the last seq sent to X, whatever their clocks say
 * (a relayed change arrives late with an old clock). `attestation` is the signature of the owner's
 * attestation it arrived with; null for this unit's own changes, signed when exported.
 */
export interface ExchangeLogRow {
  readonly changeId: string;
  readonly seq: number;
  readonly attestation: string | null;
}

/** The exchange log since schema v5: changes numbered in runs (renderer/db/schema/v5.ts); a big one filled (blobSized.ts). */
export type ExchangeBatchRow = ExchangeBatchRowV5 & Fillable;

/** The merge state since schema v6: entries in pages (renderer/db/schema/v6.ts); a big page filled (blobSized.ts). */
export type MergePageRow = MergePageRowV6 & Fillable;

/** Received change records since schema v8, by exchange-log batch, packed or not since v11 (renderer/db/schema/v11.ts); a big one filled. */
export type ExchangeRecordsRow = ExchangeRecordsRowV11 & Fillable;

/** An open or resolved entry of the conflict queue. */
export type ConflictRow = ConflictEntry & {
  readonly id: string;
  /** The package the incoming side came in. */
  readonly packageId: string;
  /** Epoch ms. */
  readonly createdAt: number;
  /** 0 while open, 1 once resolved (IndexedDB cannot index booleans). */
  readonly resolvedFlag: 0 | 1;
  readonly resolvedAt: number | null;
  /** How it was resolved: 'local' / 'incoming' / 'edited' / 'restored' / 'kept-deleted' / 'superseded'. */
  readonly resolution: string | null;
};

/** A package made or imported here. */
export interface PackageLogRow {
  /** `sent:<packageId>` or `received:<packageId>`. */
  readonly id: string;
  readonly packageId: string;
  readonly direction: 'sent' | 'received';
  readonly kind: PackageKind;
  /** The recipient (sent; '' for "anyone") or the source unit (received). */
  readonly peerUnit: string;
  /** Epoch ms of the export or import. */
  readonly at: number;
  readonly records: number;
  /** Sent: the highest exchange-log seq the package covers (for "since my last package"). */
  readonly lastSeq: number;
  /** Received: what the import did, for the log table. */
  readonly summary: Readonly<Record<string, number>> | null;
}
