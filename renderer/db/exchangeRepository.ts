/**
 * Exchange packages in the database (issue 6): bringing the merge state up to date with the change
 * log, exporting a package, previewing and applying an import in ONE transaction, trusted keys,
 * the conflict queue and catalog publishing. The format, verification and merge rules are pure
 * code in shared/exchange/*; this file reads and writes their inputs and results.
 *
 * The merge state (`mergePages`, see renderer/db/mergePages.ts) follows the change log by a cursor (meta `exchange:cursor`, an
 * HLC): local writes through writePath.ts get clocks later than everything seen before (the import
 * moves the clock past what it received), so "changes above the cursor not yet logged" is exactly
 * what the merge state has not seen. It is brought up to date at the start of every export and
 * import, inside their transactions, so the write path itself needs no exchange bookkeeping.
 */
import { deepEqual, type ChangeEntity, type ChangeRecord, type ChangeRecordId } from '../../shared/domain/changeRecord';
import { parseHlc } from '../../shared/domain/hlc';
import { fail, type DomainFailure, type LocalizedText } from '../../shared/domain/localizedText';
import type { Scenario } from '../../shared/domain/scenario';
import { catalogChanges, catalogContent, type RefusedEntry } from '../../shared/exchange/catalog';
import { isMaterializedEntity, recordFromMerged } from '../../shared/exchange/materialize';
import { createMerger, DELETED_FIELD, type FieldStamp, type MergeEntry, type MergeResult, type MergeSummary } from '../../shared/exchange/merge';
import { EXCHANGE_MARKER_ENTITY_ID, isLocalOnlyChange } from '../../shared/exchange/ownership';
import {
  createPackageFile,
  openPackage,
  type Attestation,
  type AttestedChange,
  type OpenedPackage,
  type PackageDraftInput,
  type PackageKind,
  type PackageManifest,
  type SignTexts,
  type TrustedKeys,
  type UnknownKey,
} from '../../shared/exchange/package';
import { packAccepted, PACKED_BLOCK_SIZE } from '../../shared/exchange/packedRecords';
import { keyFingerprint, parsePublicKey, type PublicKeyText } from '../../shared/exchange/signing';
import type { RegionCode } from '../../shared/regions/regions';
import { toScenario, toScenarioRow, type AtlasDb, type ScenarioRow } from './atlasDb';
import { fillFor } from './blobSized';
import { bulkGetInChunks, ExchangeCancelled, inChunks, partOf, pauseInTransaction, throwIfCancelled, WriteProgress, type ExchangeProgress } from './exchangeProgress';
import { keepUniqueRows, previousOf, readRegisterRows, recordOfRow, titleOf, toRegisterRow, writeRegisterRows, type RegisterRow } from './exchangeRegister';
import { toExchangeBatches } from './schema/v5';
import { rowRecords } from './schema/v11';
import { FieldStampsBuilder, forEachFieldStamp } from './schema/v12';
import { byPageOf } from './schema/v6';
import type { ConflictRow, ExchangeBatchRow, ExchangeRecordsRow, MergeEntryRow, PackageLogRow, StoredStamp, TrustedKeyRow } from './exchangeRows';
import { MERGE_PAGES_PER_WRITE, mergePagesWith, readMergePages, type MergePagesRead } from './mergePages';
import { CatalogAllocator, issueHlcStamps, localHlcNode, observeRemoteHlc } from './metaStore';
import { applyConflictChoice, type ConflictChoice } from './conflictResolution';
import { storageFailure, WriteRefused, type WriteFailure } from './writeFailure';
import type { WriteContext } from './writePath';
import { catalogHolders, putScenarioRows, registerTables, scenarioRowsWhere, type ScenarioPagesRead } from './scenarioPages';

/** This installation's signing identity as the exchange needs it (the secret key stays with the platform). */
export interface ExchangeIdentity {
  readonly publicKey: PublicKeyText;
  readonly sign: SignTexts;
}

/** A write context plus the identity that signs packages. */
export type ExchangeContext = WriteContext & { readonly identity: ExchangeIdentity };

/** Meta keys of the exchange; stored data, never rename. */
export const EXCHANGE_META_KEYS = {
  cursor: 'exchange:cursor',
  seq: 'exchange:seq',
} as const;

/** File name ending of exchange and catalog packages. */
export const PACKAGE_FILE_EXTENSION = '.atlas-exchange.json';

/**
 * Performance marks an import's apply sets (the latest time only), for `npm run bench` to split
 * merge_100k_changes_ms: the writes begin (planning done), and the register's rows are written
 * (their pages put; the exchange's own state follows).
 */
export const MERGE_MARKS = { writes: 'atlas:merge-writes', registerQueued: 'atlas:merge-register-queued' } as const;

function markOnce(name: string): void {
  performance.clearMarks(name);
  performance.mark(name);
}

/** Why an exchange operation is refused (besides the package's own errors). */
export type ExchangeError =
  | 'read-only-role'
  | 'not-a-catalog'
  | 'nothing-to-export'
  | 'wrong-kind'
  | 'clock-drift'
  | 'catalog-older'
  | 'not-owner'
  | 'conflict-resolved'
  | 'not-found'
  | 'storage-full'
  | 'write-failed'
  | 'cancelled';

/** An exchange failure: a package error, an exchange refusal, or a write refusal from the write path. */
export type ExchangeFailure = DomainFailure<ExchangeError> | WriteFailure;

/** A value or an exchange failure. */
export type ExchangeResult<T> = { readonly ok: true; readonly value: T } | ExchangeFailure;

/** The tables an exchange transaction covers (catchUp runs inside one of these). */
export function exchangeTables(db: AtlasDb) {
  return [...registerTables(db), db.pilots, db.partners, db.changes, db.mergePages, db.exchangeBatches, db.exchangeRecords, db.attestations, db.conflicts, db.packageLog];
}

// Durability stays the app's 'strict' (AtlasDb) here too, though a backup is written before every
// import: with ATLAS_BENCH_EXCHANGE_DURABILITY=relaxed the 10k merge was no faster (26.6 s relaxed
// vs 21.9 s strict, on a loaded machine). A merge is one transaction, so 'strict' costs one flush
// at its commit; the time goes to the per-put() cost of IndexedDB (bench idb_put_*_rows_ms).
async function inExchangeTransaction<T>(db: AtlasDb, body: () => Promise<T>): Promise<ExchangeResult<T>> {
  try {
    return { ok: true, value: await db.transaction('rw', exchangeTables(db), body) };
  } catch (error) {
    if (error instanceof WriteRefused) return error.failure;
    if (error instanceof ExchangeCancelled) return fail('cancelled', { zh: '已取消，未做任何修改', en: 'Cancelled; nothing was changed' });
    console.error('[exchange] transaction failed; nothing was written', error);
    return storageFailure(error);
  }
}

function refuseWith(error: ExchangeError, text: LocalizedText): never {
  throw new WriteRefused(fail(error, text) as unknown as WriteFailure);
}

/** The merge entry of a stored row; `stored` is the register's row when the entry stores no record. */
function toEntry(row: MergeEntryRow, stored: RegisterRow | undefined): MergeEntry {
  const fieldStamps: Record<string, FieldStamp> = {};
  const decoded = row.stamps.map(([hlc, unit, changeId, isCreation, base]): FieldStamp => ({
    hlc,
    unit,
    changeId,
    ...(base !== undefined ? { base } : {}),
    ...(isCreation === 1 ? { isCreation: true as const } : {}),
  }));
  forEachFieldStamp(row, (field, index) => {
    fieldStamps[field] = decoded[index] as FieldStamp;
  });
  const record = row.record ?? (stored ? recordOfRow(stored) : {});
  return { entity: row.entity, owner: row.owner, record, fieldStamps, pending: row.pending };
}

/** Does the register keep this entry's record as a row (so the entry need not store it)? */
function isMaterialized(entry: MergeEntry): boolean {
  return isMaterializedEntity(entry.entity) && entry.owner !== null;
}

function toEntryRow(entityId: string, entry: MergeEntry): MergeEntryRow {
  const stamps: StoredStamp[] = [];
  // One change gives every field it wrote the same stamp, but its `base` (the old value) differs
  // per field: a change's stamp without a base is found by its id alone (most fields: ~30 per
  // record, 100k records in a merge of 100k), those with one by comparing bases.
  const plain = new Map<string, number>();
  const based = new Map<string, number[]>();
  const fields = new FieldStampsBuilder();
  const fieldStamps = entry.fieldStamps;
  for (const field in fieldStamps) {
    const stamp = fieldStamps[field] as FieldStamp;
    const isCreation = stamp.isCreation ? 1 : 0;
    let index: number | undefined;
    if (stamp.base === undefined || stamp.base === null) {
      index = plain.get(stamp.changeId);
      if (index === undefined) {
        index = stamps.length;
        stamps.push([stamp.hlc, stamp.unit, stamp.changeId, isCreation]);
        plain.set(stamp.changeId, index);
      }
    } else {
      const candidates = based.get(stamp.changeId) ?? [];
      index = candidates.find((i) => deepEqual((stamps[i] as StoredStamp)[4], stamp.base));
      if (index === undefined) {
        index = stamps.length;
        stamps.push([stamp.hlc, stamp.unit, stamp.changeId, isCreation, stamp.base]);
        candidates.push(index);
        based.set(stamp.changeId, candidates);
      }
    }
    fields.add(field, index);
  }
  return { entityId, entity: entry.entity, owner: entry.owner, stamps, ...fields.done(), pending: entry.pending, ...(isMaterialized(entry) ? {} : { record: entry.record }) };
}

/**
 * Puts the merge entries of the records in `entryPages` (ids by page, from byPageOf) as `state`
 * holds them, a request's pages at a time: each request's entries are built while the one before is
 * written, where the page otherwise waited on the database (~0.35 s at 100k records; building every
 * entry first took ~0.4 s; merge_100k 2.93–3.09 → 2.79–2.82 s). `read`: the pages read for `state`
 * (every page of these records, read or empty), so none is read again between the writes.
 * `received`: seqs to add to the entries' logs (mergePagesWith).
 */
async function putMergeEntries(db: AtlasDb, writer: WriteProgress, entryPages: ReadonlyMap<number, readonly string[]>, state: ReadonlyMap<string, MergeEntry>, read: MergePagesRead, received?: ReadonlyMap<string, readonly number[]>): Promise<void> {
  const numbers = [...entryPages.keys()];
  for (let start = 0; start < numbers.length; start += MERGE_PAGES_PER_WRITE) {
    const entries = numbers.slice(start, start + MERGE_PAGES_PER_WRITE).flatMap((page) => (entryPages.get(page) ?? []).map((id) => toEntryRow(id, state.get(id) as MergeEntry)));
    await writer.put(db.mergePages, await mergePagesWith(db, entries, received, read), MERGE_PAGES_PER_WRITE);
  }
}

/**
 * The merge state of the records these changes touch, and the register rows read on the way (by
 * id). A record's table is its stored entry's entity (a change claiming another entity is refused
 * by the merge), else the first change's.
 */
async function readMergeState(db: AtlasDb, changes: readonly Pick<ChangeRecord, 'entity' | 'entityId'>[]): Promise<{ state: Map<string, MergeEntry>; rows: Map<string, RegisterRow>; scenarioPages: ScenarioPagesRead; mergePages: MergePagesRead }> {
  const entityOf = new Map<string, ChangeEntity>();
  for (const change of changes) if (!entityOf.has(change.entityId)) entityOf.set(change.entityId, change.entity);
  const unique = [...entityOf.keys()];
  const { entries, pages: mergePages } = await readMergePages(db, unique);
  for (const entry of entries.values()) entityOf.set(entry.entityId, entry.entity);
  const { rows, scenarioPages } = await readRegisterRows(db, entityOf);
  const state = new Map<string, MergeEntry>();
  // In slices: decoding 100k entries (and copying their rows' fields) was one task of the page.
  await inChunks(db, [...entries.values()], {}, 'plan', (chunk) => {
    for (const entry of chunk) state.set(entry.entityId, toEntry(entry, rows.get(entry.entityId)));
  });
  return { state, rows, scenarioPages, mergePages };
}

function isDemoRow(stored: RegisterRow | undefined): boolean {
  return stored?.entity === 'scenario' && stored.row.isDemo;
}

async function nextSeq(db: AtlasDb): Promise<number> {
  const stored = await db.meta.get(EXCHANGE_META_KEYS.seq);
  return typeof stored?.value === 'number' ? stored.value : 0;
}

/**
 * One change of the exchange log: its number, the owner attestation it arrived with (null for own),
 * and its record when it was received since schema v8 (else the record is in `changes`).
 */
interface LoggedChange {
  readonly changeId: string;
  readonly seq: number;
  readonly attestation: string | null;
  readonly record?: ChangeRecord;
}

/**
 * `exchangeRecords` rows per bulkGet: a row holds up to a thousand change records, and Dexie clones
 * a request's result in one task of the page.
 */
const RECORD_ROWS_PER_READ = 2;

/** `exchangeRecords` rows per bulkPut: Dexie serialises a request's rows in one task too. */
const RECORD_ROWS_PER_WRITE = 1;

/** Attestations per bulkPut: one signs up to a thousand changes (a hash each, ~70 KB). */
const ATTESTATIONS_PER_WRITE = 5;

/** The changes logged after `fromSeq`, in order (read from the batches that reach past it). */
async function readExchangeLog(db: AtlasDb, fromSeq: number): Promise<LoggedChange[]> {
  const batches = await db.exchangeBatches.where('lastSeq').above(fromSeq).sortBy('firstSeq');
  const received = await bulkGetInChunks(db.exchangeRecords, batches.map((batch) => batch.firstSeq), undefined, RECORD_ROWS_PER_READ);
  const out: LoggedChange[] = [];
  batches.forEach((batch, batchIndex) => {
    const row = received[batchIndex];
    const records = row === undefined ? undefined : rowRecords(row);
    batch.changeIds.forEach((changeId, index) => {
      const seq = batch.firstSeq + index;
      const at = batch.attestations[index] ?? -1;
      const record = records?.[index];
      if (seq > fromSeq) out.push({ changeId, seq, attestation: at < 0 ? null : (batch.signatures[at] ?? null), ...(record ? { record } : {}) });
    });
  });
  return out;
}

/** The records of logged changes, in order: received ones as logged, the others from `changes`. */
async function recordsOfLog(db: AtlasDb, logged: readonly LoggedChange[], afterChunk?: (done: number) => Promise<void>): Promise<(ChangeRecord | undefined)[]> {
  const local = logged.filter((row) => row.record === undefined);
  const found = await bulkGetInChunks<ChangeRecord>(db.changes, local.map((row) => row.changeId), afterChunk);
  const byId = new Map(local.map((row, index) => [row.changeId, found[index]]));
  return logged.map((row) => row.record ?? byId.get(row.changeId));
}

/** Which of these change ids the exchange log holds (one pass over its batches' ids, no records read). */
async function loggedIds(db: AtlasDb, ids: readonly string[]): Promise<Set<string>> {
  const wanted = new Set(ids);
  const found = new Set<string>();
  if (wanted.size === 0) return found;
  await db.exchangeBatches.each((batch) => {
    for (const id of batch.changeIds) if (wanted.has(id)) found.add(id);
  });
  return found;
}

/**
 * The `exchangeRecords` rows of received changes logged in `batches` (toExchangeBatches of the same
 * changes, in order). A batch whose changes are exactly a block the package worker packed, in its
 * order (every batch of a package whose changes are all new here), is stored as that block
 * (schema v11); any other batch as its records.
 */
function receivedRows(batches: readonly ExchangeBatchRow[], changes: readonly ChangeRecord[], pkg: OpenedPackage): ExchangeRecordsRow[] {
  const first = batches[0]?.firstSeq ?? 0;
  const blocks = pkg.packed ?? [];
  const indexOf = new Map<ChangeRecord, number>();
  if (blocks.length > 0) pkg.accepted.forEach(({ change }, index) => indexOf.set(change, index));
  return batches.map((batch): ExchangeRecordsRow => {
    const records = changes.slice(batch.firstSeq - first, batch.lastSeq - first + 1);
    const at = indexOf.get(records[0] as ChangeRecord) ?? -1;
    const block = at % PACKED_BLOCK_SIZE === 0 ? blocks[at / PACKED_BLOCK_SIZE] : undefined;
    const isBlock = block !== undefined && records.length === Math.min(PACKED_BLOCK_SIZE, pkg.accepted.length - at) && records.every((change, index) => pkg.accepted[at + index]?.change === change);
    return isBlock ? { firstSeq: batch.firstSeq, count: records.length, packed: block, ...fillFor(block.length) } : { firstSeq: batch.firstSeq, records };
  });
}

/**
 * The batches that log these changes after the last seq, and the new last seq; the caller writes
 * both. A big batch (a thousand received changes) is filled past the blob threshold (blobSized.ts).
 */
async function exchangeLogAppend(db: AtlasDb, items: readonly { readonly changeId: string; readonly attestation: string | null }[]): Promise<{ batches: ExchangeBatchRow[]; seq: number }> {
  const last = await nextSeq(db);
  const batches = toExchangeBatches(last + 1, items).map((batch) => {
    let bytes = batch.attestations.length;
    for (const text of batch.changeIds) bytes += text.length;
    for (const text of batch.signatures) bytes += text.length;
    return { ...batch, ...fillFor(bytes) };
  });
  return { batches, seq: last + items.length };
}

// ---------------------------------------------------------------------------------------------
// Catch-up: the merge state follows the change log

/**
 * Merges the change log's entries the exchange has not seen (local writes, undo, spreadsheet
 * imports) into the merge state and numbers them in the exchange log. Changes of demo rows and
 * markers are local-only and skipped. Runs inside the caller's transaction.
 */
export async function catchUp(db: AtlasDb): Promise<number> {
  const cursorRow = await db.meta.get(EXCHANGE_META_KEYS.cursor);
  const cursor = typeof cursorRow?.value === 'string' ? cursorRow.value : '';
  // The keys first (one small read), then the records in chunks: the first catch-up of an
  // installation reads every change logged so far, and one toArray of 10k froze the page for
  // seconds (Dexie clones a whole result in one task).
  const keys = await db.changes.where('hlc').above(cursor).primaryKeys();
  if (keys.length === 0) return 0;
  const candidates: ChangeRecord[] = [];
  for (const change of await bulkGetInChunks(db.changes, keys)) if (change !== undefined) candidates.push(change);
  // Nothing above the cursor is logged yet: an import moves the cursor to its marker, whose clock
  // is later than every change it received (and than everything logged before it).
  const fresh = candidates.filter((change) => !isLocalOnlyChange(change));
  let maxHlc = cursor;
  for (const change of candidates) if (change.hlc > maxHlc) maxHlc = change.hlc;
  if (fresh.length > 0) {
    const { state, rows, mergePages } = await readMergeState(db, fresh);
    const real = fresh.filter((change) => !isDemoRow(rows.get(change.entityId))).sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
    // The register's rows already hold these local writes; the merge only needs their stamps.
    // Merged, turned into rows and written in chunks, so the page keeps painting (no progress bar:
    // it runs inside the step that called it).
    const merger = createMerger(state);
    await inChunks(db, real, {}, 'plan', (chunk) => merger.add(chunk));
    const merged = merger.finish();
    const entryPages = byPageOf(new Set(real.map((change) => change.entityId)), (id) => id);
    const writes = new WriteProgress({}, entryPages.size);
    await putMergeEntries(db, writes, entryPages, merged.state, mergePages);
    await writes.finish();
    const { batches, seq } = await exchangeLogAppend(db, real.map((change) => ({ changeId: change.id, attestation: null })));
    await db.exchangeBatches.bulkAdd(batches);
    await db.meta.put({ key: EXCHANGE_META_KEYS.seq, value: seq });
  }
  await db.meta.put({ key: EXCHANGE_META_KEYS.cursor, value: maxHlc });
  return fresh.length;
}

// ---------------------------------------------------------------------------------------------
// Export

/** What to put in a package. */
export type ExportMode = 'since-last' | 'all-own';

/** A made package, ready to be saved as a file. */
export interface ExportedPackage {
  readonly fileName: string;
  /** The file's UTF-8 bytes. */
  readonly bytes: Uint8Array;
  readonly packageId: string;
  readonly manifest: PackageManifest;
}

/** A built package file: its bytes and what the sender logs about it. */
export interface BuiltPackage {
  readonly bytes: Uint8Array;
  readonly packageId: string;
  readonly manifest: PackageManifest;
  readonly records: number;
}

/**
 * Builds and signs a package file as shared createPackageFile does (plain data in: the input
 * crosses to a worker); the page passes one that runs it in a worker with progress and cancel
 * (features/exchange/buildPackageInWorker.ts).
 */
export type PackageBuilder = (input: Omit<PackageDraftInput, 'isLocalOnly'>, sign: SignTexts, progress: ExchangeProgress) => Promise<BuiltPackage>;

/** createPackageFile on the calling thread: tests, and anywhere without workers. */
export const buildPackageHere: PackageBuilder = async (input, sign, progress) => {
  const file = await createPackageFile(input, sign, (phase, done, total) => progress.onProgress?.(phase, done, total));
  throwIfCancelled(progress);
  return { bytes: new TextEncoder().encode(file.text), packageId: file.packageId, manifest: file.manifest, records: file.records };
};

/** Options of the exports: how the package is built (default {@link buildPackageHere}), progress and cancel. */
export interface ExportOptions {
  readonly build?: PackageBuilder;
  readonly progress?: ExchangeProgress;
}

/** Builds with `options.build`; a cancel or a failing signer is a failure value, not a throw. */
async function buildPackage(input: Omit<PackageDraftInput, 'isLocalOnly'>, ctx: ExchangeContext, options: ExportOptions, what: LocalizedText): Promise<ExchangeResult<BuiltPackage>> {
  try {
    return { ok: true, value: await (options.build ?? buildPackageHere)(input, ctx.identity.sign, options.progress ?? {}) };
  } catch (error) {
    if (error instanceof ExchangeCancelled) return fail('cancelled', { zh: '已取消，未生成文件', en: 'Cancelled; no file was made' });
    console.error('[exchange] building the package failed', error);
    return fail('write-failed', what);
  }
}


function stampForFile(epochMs: number): string {
  const date = new Date(epochMs);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}${two(date.getMonth() + 1)}${two(date.getDate())}-${two(date.getHours())}${two(date.getMinutes())}${two(date.getSeconds())}`;
}

/** The file name of a package: kind, source, recipient and time, readable in a file list. */
export function packageFileName(kind: PackageKind, source: string, recipient: string | undefined, at: number): string {
  const who = recipient ? `${source}-至-${recipient}` : source;
  return `${kind === 'catalog' ? '场景目录' : '交换包'}-${who}-${stampForFile(at)}${PACKAGE_FILE_EXTENSION}`;
}

/**
 * Makes a changes package for `recipientUnit`: every change logged since the last package to it
 * ('since-last', own and relayed), or every change of this unit ('all-own'). Own changes are
 * signed now by the identity; relayed ones carry their owners' attestations unchanged. The sent
 * log records the package so the next 'since-last' starts after it.
 */
export async function exportChangesPackage(
  ctx: ExchangeContext,
  options: { readonly recipientUnit: RegionCode; readonly mode: ExportMode },
  how: ExportOptions = {},
): Promise<ExchangeResult<ExportedPackage>> {
  const { db, actor } = ctx;
  const progress = how.progress ?? {};
  if (actor.role === 'company') {
    return fail('read-only-role', { zh: '企业/科研机构不发送交换包，只导入场景目录', en: 'Company installations do not send exchange packages; they import catalogs' });
  }
  const gathered = await inExchangeTransaction(db, async () => {
    await catchUp(db);
    let fromSeq = 0;
    if (options.mode === 'since-last') {
      const sent = await db.packageLog.where('peerUnit').equals(options.recipientUnit).filter((row) => row.direction === 'sent' && row.kind === 'changes').toArray();
      fromSeq = sent.reduce((max, row) => Math.max(max, row.lastSeq), 0);
    }
    const logRows = await readExchangeLog(db, fromSeq);
    // In chunks, reporting 'gather' and stopping on cancel between them (the transaction rolls back).
    const changes = await recordsOfLog(db, logRows, (done) => pauseInTransaction(db, progress, 'gather', done, logRows.length));
    const attestationIds = [...new Set(logRows.map((row) => row.attestation).filter((id): id is string => id !== null))];
    const attestations = new Map<string, Attestation>((await db.attestations.bulkGet(attestationIds)).filter((row): row is Attestation => row !== undefined).map((row) => [row.signature, row]));
    const own: ChangeRecord[] = [];
    const relayed: AttestedChange[] = [];
    let lastSeq = fromSeq;
    logRows.forEach((row, index) => {
      lastSeq = Math.max(lastSeq, row.seq);
      const change = changes[index];
      if (!change) return;
      if (change.unitCode === actor.unitCode) own.push(change);
      else if (options.mode === 'since-last' && row.attestation !== null) {
        const attestation = attestations.get(row.attestation);
        if (attestation) relayed.push({ change, attestation });
      }
    });
    return { own, relayed, lastSeq };
  });
  if (!gathered.ok) return gathered;
  const { own, relayed, lastSeq } = gathered.value;
  if (own.length + relayed.length === 0) {
    return fail('nothing-to-export', {
      zh: options.mode === 'since-last' ? '自上次发送给该单位以来没有新的变更，无需导出' : '本单位还没有可导出的记录',
      en: options.mode === 'since-last' ? 'Nothing has changed since the last package to this unit' : 'Your unit has no records to export yet',
    });
  }
  const now = ctx.now();
  const built = await buildPackage(
    { kind: 'changes', source: { unit: actor.unitCode, role: actor.role, publicKey: ctx.identity.publicKey }, own, relayed, now, recipientUnit: options.recipientUnit },
    ctx,
    how,
    { zh: '交换包签名失败，未生成文件。请重试；如仍失败请重新启动软件', en: 'Signing the package failed; no file was made. Try again, or restart the app' },
  );
  if (!built.ok) return built;
  const pkg = built.value;
  const logged = await inExchangeTransaction(db, () =>
    db.packageLog.put({
      id: `sent:${pkg.packageId}`,
      packageId: pkg.packageId,
      direction: 'sent',
      kind: 'changes',
      peerUnit: options.recipientUnit,
      at: now,
      records: pkg.records,
      lastSeq,
      summary: null,
    }),
  );
  if (!logged.ok) return logged;
  return { ok: true, value: { fileName: packageFileName('changes', actor.unitCode, options.recipientUnit, now), bytes: pkg.bytes, packageId: pkg.packageId, manifest: pkg.manifest } };
}

/**
 * Publishes the catalog (目录发布): every open scenario of this register, public fields only,
 * signed by this unit (province or city).
 */
export async function exportCatalogPackage(ctx: ExchangeContext, how: ExportOptions = {}): Promise<ExchangeResult<ExportedPackage>> {
  const { db, actor } = ctx;
  if (actor.role !== 'province' && actor.role !== 'city') {
    return fail('read-only-role', { zh: '只有省级和市（州）主管部门发布场景目录', en: 'Only province and city offices publish the catalog' });
  }
  const now = ctx.now();
  const prepared = await inExchangeTransaction(db, async () => {
    const rows = await scenarioRowsWhere(db, (row) => row.status === 'open');
    const node = await localHlcNode(db, actor.unitCode, ctx.newId);
    const [hlc] = await issueHlcStamps(db, node, now, 1);
    return catalogChanges(rows.map(toScenario), { unit: actor.unitCode, role: actor.role, hlc: hlc as string, at: now });
  });
  if (!prepared.ok) return prepared;
  if (prepared.value.length === 0) return fail('nothing-to-export', { zh: '登记表中没有“已开放”的场景，目录为空，未导出', en: 'No scenario is open; the catalog would be empty and was not exported' });
  const built = await buildPackage({ kind: 'catalog', source: { unit: actor.unitCode, role: actor.role, publicKey: ctx.identity.publicKey }, own: prepared.value, now }, ctx, how, {
    zh: '目录包签名失败，未生成文件。请重试',
    en: 'Signing the catalog failed; no file was made. Try again',
  });
  if (!built.ok) return built;
  const pkg = built.value;
  const logged = await inExchangeTransaction(db, () =>
    db.packageLog.put({ id: `sent:${pkg.packageId}`, packageId: pkg.packageId, direction: 'sent', kind: 'catalog', peerUnit: '', at: now, records: pkg.records, lastSeq: 0, summary: null }),
  );
  if (!logged.ok) return logged;
  return { ok: true, value: { fileName: packageFileName('catalog', actor.unitCode, undefined, now), bytes: pkg.bytes, packageId: pkg.packageId, manifest: pkg.manifest } };
}

// ---------------------------------------------------------------------------------------------
// Trusted keys

/** The trusted keys as openPackage wants them: unit → keys. */
export async function loadTrustedKeys(db: AtlasDb): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  for (const row of await db.trustedKeys.toArray()) map.set(row.unit, [...(map.get(row.unit) ?? []), row.publicKey]);
  return map;
}

/** Trusts keys the user confirmed (after comparing fingerprints). */
export async function trustKeys(db: AtlasDb, keys: readonly Pick<UnknownKey, 'unit' | 'publicKey'>[], now: number): Promise<void> {
  const rows: TrustedKeyRow[] = [];
  for (const key of keys) {
    const publicKey = parsePublicKey(key.publicKey);
    if (publicKey === null || !/^\d{6}$/.test(key.unit)) throw new RangeError(`[exchange] not a key to trust: ${key.unit}`);
    rows.push({ unit: key.unit, publicKey, fingerprint: keyFingerprint(publicKey), trustedAt: now });
  }
  await db.trustedKeys.bulkPut(rows);
}

/** Stops trusting a key: packages signed with it ask again. */
export async function revokeKey(db: AtlasDb, unit: string, publicKey: string): Promise<void> {
  await db.trustedKeys.delete([unit, publicKey]);
}

// ---------------------------------------------------------------------------------------------
// Import

/** One line of the preview's 拒绝 list. */
export interface RefusalLine {
  readonly entityId: string | null;
  readonly signer: string | null;
  readonly text: LocalizedText;
}

/** What an import would do, shown before anything is written. */
export interface ImportPreview {
  readonly kind: PackageKind;
  readonly manifest: PackageManifest;
  readonly packageId: string;
  /** The same package was imported here before (re-importing it changes nothing). */
  readonly isImportedBefore: boolean;
  readonly summary: MergeSummary;
  readonly refusals: readonly RefusalLine[];
  /** Titles of records that would be new / changed (first few, for the preview). */
  readonly samples: readonly string[];
  /** For {@link applyImport}: the verified package. */
  readonly opened: OpenedPackage;
  /** The merge the preview planned, reused by applyImport when nothing was written in between. */
  readonly plan?: PlannedMerge;
}

/** A planned merge and the state it was planned against (opaque outside this file). */
export interface PlannedMerge {
  readonly token: string;
  readonly planned: Planned;
}

/** What the merge state depends on: the clock, the exchange-log seq and the catch-up cursor. */
async function stateToken(db: AtlasDb): Promise<string> {
  const rows = await db.meta.bulkGet(['hlc', EXCHANGE_META_KEYS.seq, EXCHANGE_META_KEYS.cursor]);
  return JSON.stringify(rows.map((row) => row?.value ?? null));
}

/** The outcome of opening a file: a preview, keys to confirm, or a refusal. */
export type OpenResult =
  | { readonly status: 'preview'; readonly preview: ImportPreview }
  | { readonly status: 'needs-trust'; readonly keys: readonly UnknownKey[]; readonly text: LocalizedText }
  | { readonly status: 'refused'; readonly failure: ExchangeFailure | DomainFailure<string> };

/** The outcome of planning a merge (see planMerge). */
export interface Planned {
  readonly merged: MergeResult;
  /** Register rows to write (scenarios, pilots, partners). */
  readonly rows: RegisterRow[];
  /** Catalog numbers of `rows` this register did not hold before. */
  readonly newCatalogNumbers: string[];
  /** The scenario pages read for the plan: the write starts from them (scenarioPages.ts ScenarioWriter). */
  readonly scenarioPages: ScenarioPagesRead;
  /** The merge pages read for the plan: the new entries go into them (mergePages.ts mergePagesWith). */
  readonly mergePages: MergePagesRead;
  /** Ids of the changes that waited in the merge state (logged when they arrived) before this merge. */
  readonly heldPending: ReadonlySet<string>;
  /** Entity ids whose changes are refused after the merge (invalid record, catalog number taken). */
  readonly refusedEntities: Map<string, LocalizedText>;
  readonly summary: MergeSummary;
  readonly refusals: RefusalLine[];
}

/**
 * Merges the package's changes against the merge state and turns the touched records into register
 * rows, checking each (a record that fails is refused with its changes, the rest go on). Reads
 * only; runs inside the caller's transaction.
 */
async function planMerge(ctx: WriteContext, opened: OpenedPackage, progress: ExchangeProgress): Promise<Planned> {
  const { db } = ctx;
  const incoming = opened.accepted.map(({ change }) => change);
  const { state: before, rows: storedRows, scenarioPages, mergePages } = await readMergeState(db, incoming);
  // The merge and the records are built in chunks (createMerger gives what one mergeChanges call would).
  const merger = createMerger(before);
  await inChunks(db, incoming, partOf(progress, 0, 2), 'plan', (chunk) => merger.add(chunk));
  const merged = merger.finish();
  const touched = [...new Set(merged.applied.map((change) => change.entityId))];
  const latestAt = new Map<string, number>();
  for (const change of merged.applied) latestAt.set(change.entityId, Math.max(latestAt.get(change.entityId) ?? 0, change.at));
  const refusedEntities = new Map<string, LocalizedText>();
  const rows: RegisterRow[] = [];
  const build = (entityId: string): void => {
    const entry = merged.state.get(entityId);
    if (!entry || entry.owner === null || !isMaterializedEntity(entry.entity)) return;
    const stored = storedRows.get(entityId);
    const previous = stored?.entity === entry.entity ? previousOf(stored) : null;
    const built = recordFromMerged(entry.entity, entityId, entry.record, Math.max(latestAt.get(entityId) ?? 0, stored?.row.updatedAt ?? 0), previous, ctx.regions);
    if (!built.ok) refusedEntities.set(entityId, built.text);
    else rows.push(toRegisterRow(built.value));
  };
  await inChunks(db, touched, partOf(progress, 1, 2), 'plan', (chunk) => chunk.forEach(build));
  // Catalog numbers, project numbers and credit codes are unique in the register: a received record
  // may not take one held by another record.
  const kept = await keepUniqueRows(db, rows, storedRows, refusedEntities);
  const refusals: RefusalLine[] = [
    ...opened.refused.map((item) => ({ entityId: item.entityId, signer: item.signer, text: item.text })),
    ...merged.refused.map((item) => ({ entityId: item.change.entityId, signer: item.change.unitCode, text: item.text })),
    ...[...refusedEntities].map(([entityId, text]) => ({ entityId, signer: merged.state.get(entityId)?.owner ?? null, text })),
  ];
  let { created, updated, deleted, restored } = merged.summary;
  for (const entityId of refusedEntities.keys()) {
    const was = before.get(entityId);
    const now = merged.state.get(entityId);
    if (!was || was.owner === null) created -= 1;
    else if (now && was.record[DELETED_FIELD] == null && now.record[DELETED_FIELD] != null) deleted -= 1;
    else if (now && was.record[DELETED_FIELD] != null && now.record[DELETED_FIELD] == null) restored -= 1;
    else updated -= 1;
  }
  // Only conflicts left open count: one a newer write in the same package settles (the owner's
  // resolution travelling with both edits) is recorded as settled, not shown as work to do.
  const conflicts = merged.conflicts.filter((conflict) => !refusedEntities.has(conflict.entityId) && !isSettled(merged, conflict)).length;
  const summary: MergeSummary = { ...merged.summary, created, updated, deleted, restored, conflicts, refused: refusals.length };
  const newCatalogNumbers = kept.flatMap((candidate) => {
    const held = storedRows.get(candidate.row.id);
    return candidate.entity === 'scenario' && (held?.entity !== 'scenario' || held.row.catalogNumber !== candidate.row.catalogNumber) ? [candidate.row.catalogNumber] : [];
  });
  const heldPending = new Set<string>();
  for (const entry of before.values()) for (const held of entry.pending) heldPending.add(held.id);
  return { merged, rows: kept, newCatalogNumbers, scenarioPages, mergePages, heldPending, refusedEntities, summary, refusals };
}

/** Has a write newer than both sides of a conflict settled it? (Both sides it showed are history.) */
function isSettled(merged: MergeResult, row: Pick<ConflictRow, 'entityId' | 'field' | 'localHlc' | 'incomingHlc'>): boolean {
  const stamp = merged.state.get(row.entityId)?.fieldStamps[row.field];
  return stamp !== undefined && stamp.hlc > row.localHlc && stamp.hlc > row.incomingHlc;
}

function isChangesRole(role: string): boolean {
  return role === 'county' || role === 'city' || role === 'province';
}

/** What {@link openPackage} returns. */
export type OpenPackageResult = ReturnType<typeof openPackage>;

/**
 * Reads and verifies package bytes as {@link openPackage} does; the page passes one that runs it in
 * a worker with progress and cancel (features/exchange/openPackageInWorker.ts).
 */
export type PackageOpener = (bytes: Uint8Array, trustedKeys: TrustedKeys, progress: ExchangeProgress) => Promise<OpenPackageResult>;

/** openPackage on the calling thread: tests, and anywhere without workers. */
export const openPackageHere: PackageOpener = async (bytes, trustedKeys, progress) => {
  const opened = openPackage(bytes, { trustedKeys, onProgress: (phase, done, total) => progress.onProgress?.(phase, done, total) });
  throwIfCancelled(progress);
  // As the worker does: a changes package's records packed for the exchange log.
  if (!opened.ok || opened.value.manifest.kind !== 'changes') return opened;
  return { ok: true as const, value: { ...opened.value, packed: packAccepted(opened.value.accepted) } };
};

/** Options of {@link openImport}. */
export interface OpenImportOptions {
  /** How the bytes are verified (default {@link openPackageHere}). */
  readonly open?: PackageOpener;
  readonly progress?: ExchangeProgress;
}

/**
 * Opens a package file: verifies it (shared openPackage, through `options.open`), asks to trust
 * unknown keys, and shows what the import would do. Brings the merge state up to date first (a
 * small write, rolled back on cancel), else reads. A cancel returns a 'cancelled' refusal.
 */
export async function openImport(ctx: WriteContext, bytes: Uint8Array, options: OpenImportOptions = {}): Promise<OpenResult> {
  const { db } = ctx;
  const progress = options.progress ?? {};
  let opened: OpenPackageResult;
  try {
    opened = await (options.open ?? openPackageHere)(bytes, await loadTrustedKeys(db), progress);
  } catch (error) {
    if (error instanceof ExchangeCancelled) return { status: 'refused', failure: fail('cancelled', { zh: '已取消，未做任何修改', en: 'Cancelled; nothing was changed' }) };
    throw error;
  }
  if (!opened.ok) {
    if (opened.error === 'unknown-key' && opened.unknownKeys) return { status: 'needs-trust', keys: opened.unknownKeys, text: opened.text };
    return { status: 'refused', failure: opened };
  }
  const pkg = opened.value;
  const before = await db.packageLog.get(`received:${pkg.packageId}`);
  if (pkg.manifest.kind === 'catalog') {
    if (ctx.actor.role !== 'company') {
      return { status: 'refused', failure: fail('wrong-kind', { zh: '这是场景目录包，供企业/科研机构导入；主管部门之间请使用交换包', en: 'This is a catalog package for company installations; offices exchange change packages' }) };
    }
    const content = catalogContent(pkg, ctx.regions);
    if (!content.ok) return { status: 'refused', failure: content };
    const held = await scenarioRowsWhere(db, (row) => row.ownerUnitCode === content.value.publisher);
    const ids = new Set(content.value.scenarios.map((s) => s.id));
    const heldIds = new Set(held.filter((row) => row.deletedAt === null).map((row) => row.id));
    const summary: MergeSummary = {
      created: content.value.scenarios.filter((s) => !heldIds.has(s.id)).length,
      updated: content.value.scenarios.filter((s) => heldIds.has(s.id)).length,
      deleted: [...heldIds].filter((id) => !ids.has(id)).length,
      restored: 0,
      conflicts: 0,
      refused: content.value.refused.length,
      unchanged: 0,
      pending: 0,
    };
    return {
      status: 'preview',
      preview: {
        kind: 'catalog',
        manifest: pkg.manifest,
        packageId: pkg.packageId,
        isImportedBefore: before !== undefined,
        summary,
        refusals: content.value.refused.map((item: RefusedEntry) => ({ entityId: item.entityId, signer: pkg.manifest.sourceUnit, text: item.text })),
        samples: content.value.scenarios.slice(0, 5).map((s) => s.title),
        opened: pkg,
      },
    };
  }
  if (!isChangesRole(ctx.actor.role)) {
    return { status: 'refused', failure: fail('wrong-kind', { zh: '企业/科研机构只能导入场景目录包，不能导入主管部门之间的交换包', en: 'Company installations import catalog packages only, not exchange packages between offices' }) };
  }
  const planned = await inExchangeTransaction(db, async () => {
    await catchUp(db);
    return { planned: await planMerge(ctx, pkg, progress), token: await stateToken(db) };
  });
  if (!planned.ok) return { status: 'refused', failure: planned };
  const { summary, refusals, rows } = planned.value.planned;
  return {
    status: 'preview',
    preview: { kind: 'changes', manifest: pkg.manifest, packageId: pkg.packageId, isImportedBefore: before !== undefined, summary, refusals, samples: rows.slice(0, 5).map(titleOf), opened: pkg, plan: planned.value },
  };
}

/** What an applied import did. */
export interface ImportOutcome {
  readonly summary: MergeSummary;
  readonly refusals: readonly RefusalLine[];
}

function newestClock(changes: readonly ChangeRecord[]): string | null {
  let max: string | null = null;
  for (const change of changes) if (max === null || change.hlc > max) max = change.hlc;
  return max;
}

/**
 * Applies a previewed package in ONE transaction: the merge is redone against the state as it is
 * now (a local edit may have happened since the preview), then records, change log, merge state,
 * exchange log, attestations, conflicts, clock and the received log are written — all or nothing.
 * Applying the same package again writes nothing but the log line: the merge is idempotent.
 */
export async function applyImport(ctx: WriteContext, preview: ImportPreview, progress: ExchangeProgress = {}): Promise<ExchangeResult<ImportOutcome>> {
  if (preview.kind === 'catalog') return applyCatalog(ctx, preview);
  const { db } = ctx;
  const pkg = preview.opened;
  const now = ctx.now();
  return inExchangeTransaction(db, async () => {
    await catchUp(db);
    // The preview's plan still holds if nothing was written since (no local edit, no other import).
    const plan = preview.plan && preview.plan.token === (await stateToken(db)) ? preview.plan.planned : await planMerge(ctx, pkg, progress);
    const { merged, refusedEntities } = plan;
    // The clock moves past what arrived, so later local edits order after it (and the catch-up cursor holds).
    const node = await localHlcNode(db, ctx.actor.unitCode, ctx.newId);
    const newest = newestClock(pkg.accepted.map(({ change }) => change));
    if (newest !== null) {
      const remote = parseHlc(newest);
      if (remote.ok && !(await observeRemoteHlc(db, node, remote.value, now))) {
        refuseWith('clock-drift', {
          zh: `交换包中的时间戳比本机时间快一天以上（${newest.slice(0, 18)}），请检查对方或本机的系统时间后再导入`,
          en: 'The package has timestamps more than a day ahead of this computer; check both system clocks and import again',
        });
      }
    }
    // Pending changes (their record's creation has not arrived) are logged now, with the attestation
    // they came with, so they can be relayed and applied later without it.
    // An applied change moved a stamp, so it was not known here (a known one is 'unchanged') unless
    // it waited in the merge state for its record's creation: only those, the unchanged and the
    // pending ones are looked up in the exchange log (none, in a first import).
    const isKept = (change: ChangeRecord): boolean => !refusedEntities.has(change.entityId);
    const isNew = (change: ChangeRecord): boolean => isKept(change) && !plan.heldPending.has(change.id);
    const maybeKnown = [...merged.applied.filter((change) => isKept(change) && plan.heldPending.has(change.id)), ...merged.unchanged, ...merged.pending].filter(isKept);
    // After the catch-up, every change known here is in the exchange log (received ones since
    // schema v8 are only there, not in `changes`).
    const logged = await loggedIds(db, maybeKnown.map((change) => change.id));
    const newChanges = [...merged.applied.filter(isNew), ...maybeKnown.filter((change) => !logged.has(change.id))];
    const attestationOf = new Map(pkg.accepted.map(({ change, attestation }) => [change.id, attestation]));
    const { batches, seq } = await exchangeLogAppend(db, newChanges.map((change) => ({ changeId: change.id, attestation: (attestationOf.get(change.id) as Attestation).signature })));
    // The received records go into the exchange log with their seqs, not into `changes` (schema v8);
    // each record's merge entry lists its seqs, for its history.
    const received = receivedRows(batches, newChanges, pkg);
    const receivedSeqs = new Map<string, number[]>();
    newChanges.forEach((change, index) => {
      const seqs = receivedSeqs.get(change.entityId);
      const seqOf = seq - newChanges.length + 1 + index;
      if (seqs) seqs.push(seqOf);
      else receivedSeqs.set(change.entityId, [seqOf]);
    });
    const usedAttestations = new Map<string, Attestation>();
    for (const change of newChanges) {
      const attestation = attestationOf.get(change.id) as Attestation;
      usedAttestations.set(attestation.signature, attestation);
    }
    // Records whose merge state moved (an unchanged change leaves its record's state as it was),
    // and those with a received change to list in their entry's log.
    const entityIds = new Set([...merged.applied, ...merged.pending, ...newChanges].map((change) => change.entityId));
    // Their entries are built with the writes below, a request's pages at a time.
    const entryPages = byPageOf([...entityIds].filter((id) => !refusedEntities.has(id)), (id) => id);
    // Catalog numbers new to this register are reserved, so the allocator never hands them out.
    const allocator = new CatalogAllocator(db);
    await allocator.prepare([], plan.newCatalogNumbers);
    for (const number of plan.newCatalogNumbers) allocator.reserve(number);
    // A conflict a newer write has settled (e.g. the owner's resolution arriving, in this package or
    // later) closes itself.
    const conflictRows: ConflictRow[] = merged.conflicts
      .filter((conflict) => !refusedEntities.has(conflict.entityId))
      .map((conflict) => {
        const settled = isSettled(merged, conflict);
        return { ...conflict, id: ctx.newId(), packageId: pkg.packageId, createdAt: now, resolvedFlag: settled ? 1 : 0, resolvedAt: settled ? now : null, resolution: settled ? 'superseded' : null };
      });
    const open = await db.conflicts.where('resolvedFlag').equals(0).filter((row) => entityIds.has(row.entityId)).toArray();
    const superseded = open.filter((row) => isSettled(merged, row));
    // A package already fully known (re-imported) writes nothing but its log line.
    const isNoop = plan.rows.length === 0 && newChanges.length === 0 && entryPages.size === 0 && conflictRows.length === 0 && superseded.length === 0;
    const summary = { ...plan.summary, unchanged: merged.unchanged.length };
    if (isNoop) {
      await db.packageLog.put(receivedRow(pkg, now, summary));
      return { summary, refusals: plan.refusals };
    }
    const [markerHlc] = await issueHlcStamps(db, node, now, 1);
    const marker: ChangeRecord = {
      id: ctx.newId() as ChangeRecordId,
      entity: 'scenario',
      entityId: EXCHANGE_MARKER_ENTITY_ID,
      op: 'import',
      changes: { count: { old: 0, new: newChanges.length } },
      unitCode: ctx.actor.unitCode,
      actorRole: ctx.actor.role,
      hlc: markerHlc as string,
      at: now,
      note: `导入交换包（来自 ${pkg.manifest.sourceUnit}）`,
    };
    const attestations = [...usedAttestations.values()];
    const writer = new WriteProgress(progress, plan.rows.length + 1 + entryPages.size + batches.length + received.length + attestations.length);
    markOnce(MERGE_MARKS.writes);
    // The plan's pages are this state's: a plan is reused only when nothing was written since.
    await writeRegisterRows(db, plan.rows, writer, plan.scenarioPages);
    markOnce(MERGE_MARKS.registerQueued);
    await writer.put(db.changes, [marker]);
    // As the register's pages, the plan's merge pages are this state's.
    await putMergeEntries(db, writer, entryPages, merged.state, plan.mergePages, receivedSeqs);
    await writer.put(db.exchangeBatches, batches);
    await writer.put(db.exchangeRecords, received, RECORD_ROWS_PER_WRITE);
    // In the same pipeline: put after finish(), they were serialised while the database sat idle
    // and then waited for (~60–90 ms at 100k changes).
    await writer.put(db.attestations, attestations, ATTESTATIONS_PER_WRITE);
    await writer.finish();
    if (conflictRows.length > 0) await db.conflicts.bulkAdd(conflictRows);
    if (superseded.length > 0) await db.conflicts.bulkPut(superseded.map((row) => ({ ...row, resolvedFlag: 1 as const, resolvedAt: now, resolution: 'superseded' })));
    await db.meta.bulkPut([
      { key: EXCHANGE_META_KEYS.seq, value: seq },
      // Everything up to the marker is in the merge state now.
      { key: EXCHANGE_META_KEYS.cursor, value: markerHlc as string },
    ]);
    await allocator.flush();
    await db.packageLog.put(receivedRow(pkg, now, summary));
    return { summary, refusals: plan.refusals };
  });
}

function receivedRow(pkg: OpenedPackage, now: number, summary: MergeSummary): PackageLogRow {
  return {
    id: `received:${pkg.packageId}`,
    packageId: pkg.packageId,
    direction: 'received',
    kind: pkg.manifest.kind,
    peerUnit: pkg.manifest.sourceUnit,
    at: now,
    records: pkg.report.records,
    lastSeq: 0,
    summary: { ...summary },
  };
}

/**
 * A company imports a catalog: the publisher's previous catalog is replaced (entries no longer
 * published are withdrawn, i.e. soft-deleted), in one transaction; an older catalog is refused.
 */
async function applyCatalog(ctx: WriteContext, preview: ImportPreview): Promise<ExchangeResult<ImportOutcome>> {
  const { db } = ctx;
  const content = catalogContent(preview.opened, ctx.regions);
  if (!content.ok) return content;
  const now = ctx.now();
  const { publisher, publishedAt, scenarios } = content.value;
  return inExchangeTransaction(db, async () => {
    const lastKey = `exchange:catalog:${publisher}`;
    const last = await db.meta.get(lastKey);
    if (typeof last?.value === 'number' && last.value > publishedAt) {
      refuseWith('catalog-older', {
        zh: `该目录（${new Date(publishedAt).toLocaleString('zh-CN')}）比已导入的目录旧，未导入`,
        en: `This catalog (${new Date(publishedAt).toISOString()}) is older than the one already imported; not imported`,
      });
    }
    const held = await scenarioRowsWhere(db, (row) => row.ownerUnitCode === publisher);
    const heldById = new Map(held.map((row) => [row.id, row]));
    const ids = new Set(scenarios.map((s) => s.id));
    const holder = await catalogHolders(db, scenarios.map((s) => s.catalogNumber));
    const rows: ScenarioRow[] = [];
    const refusals: RefusalLine[] = content.value.refused.map((item) => ({ entityId: item.entityId, signer: publisher, text: item.text }));
    let created = 0;
    let updated = 0;
    let unchanged = 0;
    for (const scenario of scenarios) {
      const other = holder.get(scenario.catalogNumber);
      if (other !== undefined && other !== scenario.id) {
        refusals.push({ entityId: scenario.id, signer: publisher, text: { zh: `场景编号 ${scenario.catalogNumber} 已被另一条记录使用`, en: `Catalog number ${scenario.catalogNumber} is held by another record` } });
        continue;
      }
      const previous = heldById.get(scenario.id);
      const next: Scenario = { ...scenario, createdAt: previous?.createdAt ?? scenario.createdAt, version: (previous?.version ?? 0) + 1 };
      if (previous && previous.deletedAt === null && sameCatalogEntry(toScenario(previous), next)) {
        unchanged += 1;
        continue;
      }
      if (previous && previous.deletedAt === null) updated += 1;
      else created += 1;
      rows.push(toScenarioRow(next));
    }
    const withdrawn = held.filter((row) => row.deletedAt === null && !ids.has(row.id)).map((row) => toScenarioRow({ ...toScenario(row), deletedAt: now, updatedAt: now, version: row.version + 1 }));
    const node = await localHlcNode(db, ctx.actor.unitCode, ctx.newId);
    const [markerHlc] = await issueHlcStamps(db, node, now, 1);
    await putScenarioRows(db, [...rows, ...withdrawn]);
    await db.changes.add({
      id: ctx.newId() as ChangeRecordId,
      entity: 'scenario',
      entityId: EXCHANGE_MARKER_ENTITY_ID,
      op: 'import',
      changes: { count: { old: 0, new: rows.length + withdrawn.length } },
      unitCode: ctx.actor.unitCode,
      actorRole: ctx.actor.role,
      hlc: markerHlc as string,
      at: now,
      note: `导入场景目录（${publisher} 发布）`,
    });
    await db.meta.put({ key: lastKey, value: publishedAt });
    const summary: MergeSummary = { created, updated, deleted: withdrawn.length, restored: 0, conflicts: 0, refused: refusals.length, unchanged, pending: 0 };
    await db.packageLog.put(receivedRow(preview.opened, now, summary));
    return { summary, refusals };
  });
}

function sameCatalogEntry(a: Scenario, b: Scenario): boolean {
  const { version: _va, updatedAt: _ua, createdAt: _ca, ...restA } = a;
  const { version: _vb, updatedAt: _ub, createdAt: _cb, ...restB } = b;
  return JSON.stringify(restA, Object.keys(restA).sort()) === JSON.stringify(restB, Object.keys(restB).sort());
}

// ---------------------------------------------------------------------------------------------
// Conflict queue

/** Marks a conflict resolved; inside the caller's transaction or alone. */
export async function markConflictResolved(db: AtlasDb, id: string, resolution: string, now: number): Promise<void> {
  await db.conflicts.update(id, { resolvedFlag: 1, resolvedAt: now, resolution });
}

export type { ConflictChoice } from './conflictResolution';



/**
 * Resolves a conflict as the record's owner. A value different from what the merged register holds
 * is written through the write path (an edit, or a status change for 状态), so the resolution is a
 * change record with a newer clock that travels with the next package and wins everywhere; keeping
 * the value already in force writes nothing but closes the entry (every replica already converges
 * on it). The write and the closing happen in one transaction.
 */
export async function resolveConflictEntry(ctx: WriteContext, conflictId: string, choice: ConflictChoice): Promise<ExchangeResult<{ readonly isWritten: boolean }>> {
  const { db } = ctx;
  const now = ctx.now();
  try {
    const value = await db.transaction('rw', [...exchangeTables(db), db.applications, db.stars], async () => {
      const conflict = await db.conflicts.get(conflictId);
      if (!conflict) refuseWith('not-found', { zh: '找不到该冲突，可能已处理', en: 'The conflict was not found; it may have been resolved' });
      if (conflict.resolvedFlag === 1) refuseWith('conflict-resolved', { zh: '该冲突已处理', en: 'This conflict is already resolved' });
      if (conflict.owner !== ctx.actor.unitCode) {
        refuseWith('not-owner', { zh: `该记录属于 ${conflict.owner}，只能由该单位处理冲突`, en: `This record belongs to ${conflict.owner}; only that unit can resolve the conflict` });
      }
      await catchUp(db);
      const { result, resolution } = await applyConflictChoice(ctx, conflict, choice);
      // A refused write leaves the entry open; throwing aborts the (empty) transaction.
      if (result !== null && !result.ok) throw new WriteRefused(result);
      await markConflictResolved(db, conflictId, resolution, now);
      return { isWritten: result !== null };
    });
    return { ok: true, value };
  } catch (error) {
    if (error instanceof WriteRefused) return error.failure;
    console.error('[exchange] resolving the conflict failed; nothing was written', error);
    return storageFailure(error);
  }
}
