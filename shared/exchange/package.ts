/**
 * The exchange package (交换包, issue 6 item 2): one JSON file carrying change records between
 * county, city and province (kind 'changes') or a published catalog (kind 'catalog').
 *
 * ```
 * { manifest: { format, formatVersion, kind, sourceUnit, sourceRole, sourcePublicKey, createdAt,
 *               clockRange: { from, to }, counts: { records, own, relayed }, recipientUnit? },
 *   attestations: Attestation[],   // owners' signatures over the SHA-256 of their changes
 *   records: SignedChange[],       // { change, signer, attestation: index into attestations }
 *   contentHash,                   // SHA-256 over the attestations and each record's change hash
 *                                  // (contentDigestText): every change is hashed once, not twice
 *   signature }                    // the source's Ed25519 signature of canonical { manifest, contentHash }
 * ```
 *
 * Why attestations instead of one signature per change: a relayed change must keep its owner's
 * signature, but Ed25519 in pure JS (the only kind shared/ may use) costs ~1 ms to sign and ~2 ms
 * to verify, so 100k per-change signatures would take minutes to import (the target is 3 s). An
 * owner instead signs the list of its changes' hashes, in chunks of {@link ATTESTATION_CHUNK}; a
 * relay carries the chunks that cover what it relays, unchanged, so each change is still
 * verifiably its owner's — at one hash per change and one signature per chunk.
 *
 * Every signed text starts with a context line, so a signature of one kind can never be replayed
 * as another. All hashing and signing is over canonicalJson (canonicalJson.ts).
 */
import { z } from 'zod';
import { CHANGE_ENTITIES, CHANGE_OPS, isCreation, type ChangeRecord, type JsonValue } from '../domain/changeRecord';
import { parseHlc } from '../domain/hlc';
import { fail, type DomainFailure, type LocalizedText } from '../domain/localizedText';
import { isUuid } from '../domain/uuid';
import type { RegionCode } from '../regions/regions';
import { ROLES, type Role } from '../settings/settings';
import { canonicalJson, MAX_JSON_DEPTH, sha256Hex } from './canonicalJson';
import { utf8Length, utf8ToString } from './encoding';
import { checkAuthorship, checkOwner, isLocalOnlyChange, isRelay, ownerOfCreation, ownershipRefusalText, type OwnershipRefusal } from './ownership';
import { CONTEXT_ATTESTATION, CONTEXT_PACKAGE, EXCHANGE_FORMAT, EXCHANGE_FORMAT_VERSION } from './signedContexts';
import { keyFingerprint, parsePublicKey, signText, verifyText, type PublicKeyText, type SignatureText, type UnitKeyPair } from './signing';

export { EXCHANGE_FORMAT, EXCHANGE_FORMAT_VERSION, SIGNED_TEXT_CONTEXTS } from './signedContexts';
/** Default largest package accepted (bytes); checked before anything is parsed. */
export const DEFAULT_MAX_PACKAGE_BYTES = 512 * 1024 * 1024;
/** Most records one package may carry. */
export const MAX_PACKAGE_RECORDS = 1_000_000;
/** Most changes one attestation covers; bounds what a relay of one change has to carry along. */
export const ATTESTATION_CHUNK = 1000;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** What a package carries: register changes, or a published catalog for companies. */
export type PackageKind = 'changes' | 'catalog';

/** The package's description, signed with its content hash. */
export interface PackageManifest {
  readonly format: typeof EXCHANGE_FORMAT;
  readonly formatVersion: typeof EXCHANGE_FORMAT_VERSION;
  readonly kind: PackageKind;
  readonly sourceUnit: RegionCode;
  readonly sourceRole: Role;
  readonly sourcePublicKey: PublicKeyText;
  /** Epoch ms. */
  readonly createdAt: number;
  /** Smallest and largest HLC of the records (null when empty). */
  readonly clockRange: { readonly from: string | null; readonly to: string | null };
  readonly counts: { readonly records: number; readonly own: number; readonly relayed: number };
  /** The unit the package was made for, if any. */
  readonly recipientUnit?: RegionCode;
}

/** An owner's signed statement that these changes (by SHA-256 of their canonical JSON) are its own. */
export interface Attestation {
  readonly signer: RegionCode;
  readonly publicKey: PublicKeyText;
  readonly changeHashes: readonly string[];
  readonly signature: SignatureText;
}

/** A change as carried in a package: its signer and the index of the attestation that signs it. */
export interface SignedChange {
  readonly change: ChangeRecord;
  readonly signer: RegionCode;
  readonly attestation: number;
}

/** A change with its owner's attestation: what the receiver stores so it can relay it later. */
export interface AttestedChange {
  readonly change: ChangeRecord;
  readonly attestation: Attestation;
}

/** One exchange package file. */
export interface ExchangePackage {
  readonly manifest: PackageManifest;
  readonly attestations: readonly Attestation[];
  readonly records: readonly SignedChange[];
  readonly contentHash: string;
  readonly signature: SignatureText;
}

/** Public keys trusted per unit (a unit may have several installations, each with its own key). */
export type TrustedKeys = ReadonlyMap<string, readonly string[]>;

// ---------------------------------------------------------------------------------------------
// Hashing and signing

/** SHA-256 (hex) of a change's canonical JSON: what attestations list. */
export function changeHash(change: ChangeRecord): string {
  return sha256Hex(canonicalJson(change));
}

function attestationText(attestation: Pick<Attestation, 'signer' | 'publicKey' | 'changeHashes'>): string {
  return CONTEXT_ATTESTATION + canonicalJson({ signer: attestation.signer, publicKey: attestation.publicKey, changeHashes: attestation.changeHashes });
}

function packageText(manifest: unknown, contentHash: string): string {
  return CONTEXT_PACKAGE + canonicalJson({ manifest, contentHash });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * What the content hash covers for one record: its change's SHA-256 (the same hash its owner's
 * attestation lists) with its signer and attestation index, or, for a record not of that shape, its
 * whole canonical JSON. The two forms have different keys, so neither can pass for the other; a
 * changed byte of a change changes its hash and so the content hash. Hashing each change once
 * (instead of once for the attestation and again inside the whole content) halves an import's
 * SHA-256 work, its largest cost (issue 6 bench).
 */
function recordDigest(raw: unknown, hash: string | null): string {
  if (hash !== null && isPlainObject(raw)) return `{"a":${canonicalJson(raw['attestation'])},"h":"${hash}","s":${canonicalJson(raw['signer'])}}`;
  return `{"raw":${canonicalJson(raw)}}`;
}

function contentHashOf(attestations: readonly unknown[], recordDigests: readonly string[]): string {
  return sha256Hex(`{"attestations":${canonicalJson(attestations)},"records":[${recordDigests.join(',')}]}`);
}

/** A well-formed record's change (an object of exactly change, signer, attestation), else null. */
function changeOfRecord(raw: unknown): unknown {
  return isPlainObject(raw) && Object.keys(raw).length === 3 && 'change' in raw && 'signer' in raw && 'attestation' in raw ? raw['change'] : null;
}

/**
 * The content hash of a package's attestations and records, as {@link createPackage} computes it
 * (exported for tests that play a hostile source re-signing an altered package).
 */
export function packageContentHash(attestations: readonly unknown[], records: readonly unknown[]): string {
  return contentHashOf(
    attestations,
    records.map((raw) => {
      const change = changeOfRecord(raw);
      return recordDigest(raw, change === null ? null : sha256Hex(canonicalJson(change)));
    }),
  );
}

/** Signs `changes` of one unit as attestations of at most {@link ATTESTATION_CHUNK} changes each. */
export function attestChanges(changes: readonly ChangeRecord[], signer: RegionCode, keyPair: UnitKeyPair): AttestedChange[] {
  const unsigned = unsignedAttestations(changes, signer, keyPair.publicKey, new Map());
  return signAttestations(unsigned, unsigned.map((item) => signText(item.text, keyPair.secretKey)));
}

interface UnsignedAttestation {
  readonly unsigned: Omit<Attestation, 'signature'>;
  readonly changes: readonly ChangeRecord[];
  /** What the owner signs. */
  readonly text: string;
}

/** Chunks `changes` into attestations to sign, noting each change's hash in `hashes` (by id). */
function unsignedAttestations(changes: readonly ChangeRecord[], signer: RegionCode, publicKey: PublicKeyText, hashes: Map<string, string>, onHashed?: (done: number) => void): UnsignedAttestation[] {
  const out: UnsignedAttestation[] = [];
  for (let start = 0; start < changes.length; start += ATTESTATION_CHUNK) {
    onHashed?.(start);
    const chunk = changes.slice(start, start + ATTESTATION_CHUNK);
    const changeHashes = chunk.map((change) => {
      const hash = changeHash(change);
      hashes.set(change.id, hash);
      return hash;
    });
    const unsigned = { signer, publicKey, changeHashes };
    out.push({ unsigned, changes: chunk, text: attestationText(unsigned) });
  }
  onHashed?.(changes.length);
  return out;
}

function signAttestations(unsigned: readonly UnsignedAttestation[], signatures: readonly string[]): AttestedChange[] {
  const out: AttestedChange[] = [];
  unsigned.forEach((item, index) => {
    const attestation: Attestation = { ...item.unsigned, signature: signatures[index] as SignatureText };
    for (const change of item.changes) out.push({ change, attestation });
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Building

/** The unit a package is made by: its signing key stays with whoever signs (main, in Electron). */
export interface PackageSource {
  readonly unit: RegionCode;
  readonly role: Role;
  readonly publicKey: PublicKeyText;
}

/** What {@link createPackage} needs. */
export interface PackageInput {
  readonly kind: PackageKind;
  readonly source: { readonly unit: RegionCode; readonly role: Role; readonly keyPair: UnitKeyPair };
  /** This unit's own changes; signed now. */
  readonly own: readonly ChangeRecord[];
  /** Other units' changes, with the attestations they arrived with (kind 'changes' only). */
  readonly relayed?: readonly AttestedChange[];
  /** Epoch ms. */
  readonly now: number;
  readonly recipientUnit?: RegionCode;
  /** More local-only changes to leave out (changes of demo rows); demo markers are always left out. */
  readonly isLocalOnly?: (change: ChangeRecord) => boolean;
}

/** What {@link createPackageWith} needs: as {@link PackageInput}, with a public key instead of a key pair. */
export type PackageDraftInput = Omit<PackageInput, 'source'> & { readonly source: PackageSource };

/** Signs texts with this installation's key, in order (platform `identity:sign` in the app). */
export type SignTexts = (texts: readonly string[]) => Promise<readonly string[]>;

/** The steps of building a package: hashing the changes, waiting for the signer, writing the file's text. */
export type BuildPhase = 'hash' | 'sign' | 'serialise';

/** Reports how far building a package has come (a worker forwards it to the page's progress bar). */
export type BuildProgress = (phase: BuildPhase, done: number, total: number) => void;

/**
 * Builds and signs a package. Local-only changes (demo data) are left out. Throws on input only
 * a bug can produce (an "own" change of another unit, a relayed change its attestation does not
 * cover, relays in a catalog).
 */
export function createPackage(input: PackageInput): ExchangePackage {
  const { keyPair, ...source } = input.source;
  const plan = planPackage({ ...input, source: { ...source, publicKey: keyPair.publicKey } });
  const assembled = plan.assemble(plan.attestationTexts.map((text) => signText(text, keyPair.secretKey)));
  return assembled.finish(signText(assembled.text, keyPair.secretKey));
}

/**
 * {@link createPackage} with the signing done elsewhere (the key never enters the renderer): two
 * calls of `sign`, one with the own changes' attestations (one per {@link ATTESTATION_CHUNK}
 * changes), one with the package text. A signature that does not verify is refused here, so a
 * broken signer never produces a package that every receiver would refuse.
 */
export async function createPackageWith(input: PackageDraftInput, sign: SignTexts, onProgress?: BuildProgress): Promise<ExchangePackage> {
  const plan = planPackage(input, onProgress);
  onProgress?.('sign', 0, 1);
  const attestationSignatures = plan.attestationTexts.length > 0 ? await sign(plan.attestationTexts) : [];
  plan.attestationTexts.forEach((text, index) => {
    if (!verifyText(text, attestationSignatures[index] ?? '', input.source.publicKey)) throw new Error('[exchange] the signer returned a signature that does not verify');
  });
  const assembled = plan.assemble(attestationSignatures);
  const [signature] = await sign([assembled.text]);
  if (signature === undefined || !verifyText(assembled.text, signature, input.source.publicKey)) throw new Error('[exchange] the signer returned a package signature that does not verify');
  onProgress?.('sign', 1, 1);
  return assembled.finish(signature as SignatureText);
}

/** A built package as a file's text, with what the sender logs and shows about it. */
export interface PackageFile {
  readonly text: string;
  /** The content hash (see {@link OpenedPackage.packageId}). */
  readonly packageId: string;
  readonly manifest: PackageManifest;
  readonly records: number;
}

/**
 * {@link createPackageWith} and {@link serializePackage} in one step: what an export runs, in the
 * page or in a worker (renderer/features/exchange/packageBuildWorker.ts) — the one function both use,
 * so both write the same bytes for the same input.
 */
export async function createPackageFile(input: PackageDraftInput, sign: SignTexts, onProgress?: BuildProgress): Promise<PackageFile> {
  const pkg = await createPackageWith(input, sign, onProgress);
  onProgress?.('serialise', 0, 1);
  const text = serializePackage(pkg);
  onProgress?.('serialise', 1, 1);
  return { text, packageId: pkg.contentHash, manifest: pkg.manifest, records: pkg.records.length };
}

interface PackagePlan {
  readonly attestationTexts: readonly string[];
  assemble(attestationSignatures: readonly string[]): { readonly text: string; finish(signature: string): ExchangePackage };
}

function planPackage(input: PackageDraftInput, onProgress?: BuildProgress): PackagePlan {
  const { source } = input;
  const keep = (change: ChangeRecord): boolean => !isLocalOnlyChange(change) && !(input.isLocalOnly?.(change) ?? false);
  const own = input.own.filter(keep);
  const relayed = (input.relayed ?? []).filter((item) => keep(item.change));
  for (const change of own) {
    if (change.unitCode !== source.unit) throw new RangeError(`[exchange] change ${change.id} is by ${change.unitCode}, not the source ${source.unit}`);
  }
  if (input.kind === 'catalog' && relayed.length > 0) throw new RangeError('[exchange] a catalog carries only the publisher’s own records');
  const hashes = new Map<string, string>();
  const covered = new Map<string, ReadonlySet<string>>();
  const total = own.length + relayed.length;
  for (const [index, item] of relayed.entries()) {
    if (index % ATTESTATION_CHUNK === 0) onProgress?.('hash', index, total);
    const hash = changeHash(item.change);
    let set = covered.get(item.attestation.signature);
    if (set === undefined) {
      set = new Set(item.attestation.changeHashes);
      covered.set(item.attestation.signature, set);
    }
    if (item.attestation.signer !== item.change.unitCode || !set.has(hash)) {
      throw new RangeError(`[exchange] relayed change ${item.change.id} is not covered by its attestation`);
    }
    hashes.set(item.change.id, hash);
  }
  const unsigned = unsignedAttestations(own, source.unit, source.publicKey, hashes, onProgress && ((done) => onProgress('hash', relayed.length + done, total)));
  return {
    attestationTexts: unsigned.map((item) => item.text),
    assemble(attestationSignatures) {
      const items = [...signAttestations(unsigned, attestationSignatures), ...relayed];
      // Deterministic order: by clock, then id; an id carried twice (own and relayed) is kept once.
      items.sort((a, b) => (a.change.hlc !== b.change.hlc ? (a.change.hlc < b.change.hlc ? -1 : 1) : a.change.id < b.change.id ? -1 : a.change.id > b.change.id ? 1 : 0));
      const seen = new Set<string>();
      const attestations: Attestation[] = [];
      const attestationIndex = new Map<string, number>();
      const records: SignedChange[] = [];
      for (const item of items) {
        if (seen.has(item.change.id)) continue;
        seen.add(item.change.id);
        let index = attestationIndex.get(item.attestation.signature);
        if (index === undefined) {
          index = attestations.length;
          attestations.push(item.attestation);
          attestationIndex.set(item.attestation.signature, index);
        }
        records.push({ change: item.change, signer: item.attestation.signer, attestation: index });
      }
      const relayedCount = records.filter((record) => isRelay(source.unit, record.signer)).length;
      const manifest: PackageManifest = {
        format: EXCHANGE_FORMAT,
        formatVersion: EXCHANGE_FORMAT_VERSION,
        kind: input.kind,
        sourceUnit: source.unit,
        sourceRole: source.role,
        sourcePublicKey: source.publicKey,
        createdAt: input.now,
        clockRange: { from: records[0]?.change.hlc ?? null, to: records[records.length - 1]?.change.hlc ?? null },
        counts: { records: records.length, own: records.length - relayedCount, relayed: relayedCount },
        ...(input.recipientUnit !== undefined ? { recipientUnit: input.recipientUnit } : {}),
      };
      const contentHash = contentHashOf(
        attestations,
        records.map((record) => recordDigest(record, hashes.get(record.change.id) as string)),
      );
      const text = packageText(manifest, contentHash);
      return {
        text,
        finish: (signature) => ({ manifest, attestations, records, contentHash, signature: signature as SignatureText }),
      };
    },
  };
}

/** The package as the file's text (compact JSON; readers re-canonicalise, so key order does not matter). */
export function serializePackage(pkg: ExchangePackage): string {
  return JSON.stringify(pkg);
}

// ---------------------------------------------------------------------------------------------
// Schemas (hostile input: strict objects, bounded sizes)

const unitCodeSchema = z
  .string()
  .regex(/^\d{6}$/)
  .transform((code) => code as RegionCode);
const hex64Schema = z.string().regex(/^[0-9a-f]{64}$/);
const hlcSchema = z.string().refine((value) => parseHlc(value).ok);
const jsonValue = z.custom<JsonValue>((value) => value !== undefined);
const fieldChangeSchema = z.object({ old: jsonValue, new: jsonValue }).strict();
const MAX_FIELDS = 200;

/** A change record as read from a file; unknown keys refused (they would break the hash check anyway). */
export const changeRecordSchema = z
  .object({
    id: z.string().refine(isUuid),
    entity: z.enum(CHANGE_ENTITIES as [string, ...string[]]),
    entityId: z.string().min(1).max(64),
    op: z.enum(CHANGE_OPS as [string, ...string[]]),
    changes: z.record(z.string().min(1).max(64), fieldChangeSchema).refine((changes) => Object.keys(changes).length <= MAX_FIELDS),
    unitCode: unitCodeSchema,
    actorRole: z.enum(ROLES),
    hlc: hlcSchema,
    at: z.number().int().min(0),
    note: z.string().max(2000).optional(),
    batchId: z.string().min(1).max(64).optional(),
  })
  .strict();

const signedChangeSchema = z.object({ change: changeRecordSchema, signer: unitCodeSchema, attestation: z.number().int().min(0) }).strict();

const attestationSchema = z
  .object({
    signer: unitCodeSchema,
    publicKey: z.string().refine((value) => parsePublicKey(value) !== null).transform((value) => value as PublicKeyText),
    changeHashes: z.array(hex64Schema).max(ATTESTATION_CHUNK),
    signature: z.string().max(88).transform((value) => value as SignatureText),
  })
  .strict();

const manifestSchema = z
  .object({
    format: z.literal(EXCHANGE_FORMAT),
    formatVersion: z.literal(EXCHANGE_FORMAT_VERSION),
    kind: z.enum(['changes', 'catalog']),
    sourceUnit: unitCodeSchema,
    sourceRole: z.enum(ROLES),
    sourcePublicKey: z.string().refine((value) => parsePublicKey(value) !== null),
    createdAt: z.number().int().min(0),
    clockRange: z.object({ from: hlcSchema.nullable(), to: hlcSchema.nullable() }).strict(),
    counts: z.object({ records: z.number().int().min(0), own: z.number().int().min(0), relayed: z.number().int().min(0) }).strict(),
    recipientUnit: unitCodeSchema.optional(),
  })
  .strict();

const envelopeSchema = z
  .object({
    manifest: z.unknown(),
    attestations: z.array(z.unknown()).max(MAX_PACKAGE_RECORDS),
    records: z.array(z.unknown()).max(MAX_PACKAGE_RECORDS),
    contentHash: hex64Schema,
    signature: z.string().max(88),
  })
  .strict();

// ---------------------------------------------------------------------------------------------
// Opening

/** Why a whole package is refused. */
export type PackageError =
  | 'too-large'
  | 'not-utf8'
  | 'invalid-json'
  | 'hostile-json'
  | 'not-a-package'
  | 'newer-format'
  | 'invalid-package'
  | 'hash-mismatch'
  | 'bad-signature'
  | 'unknown-key';

/** Why one record of an otherwise valid package is refused. */
export type RecordRefusal = OwnershipRefusal | 'invalid-record' | 'bad-attestation' | 'bad-record-signature' | 'duplicate-id' | 'not-publisher';

/** A refused record, for the import report's 拒绝 list. */
export interface RefusedRecord {
  readonly index: number;
  readonly changeId: string | null;
  readonly entityId: string | null;
  readonly signer: string | null;
  readonly reason: RecordRefusal;
  readonly text: LocalizedText;
}

/** A signing key the user has not trusted yet: show its fingerprint and ask (trust on first use). */
export interface UnknownKey {
  readonly unit: string;
  readonly publicKey: PublicKeyText;
  readonly fingerprint: string;
  /** The unit already has other trusted keys: a new installation, or someone impersonating it. */
  readonly isKeyChanged: boolean;
}

/** A verified package: what may be merged, and what was refused. */
export interface OpenedPackage {
  readonly manifest: PackageManifest;
  /** The content hash: identifies the package (e.g. to tell the user it was imported before). */
  readonly packageId: string;
  readonly accepted: readonly AttestedChange[];
  /**
   * The accepted changes' records packed in blocks (packedRecords.ts packAccepted), when the opener
   * packed them: the import stores these bytes in the exchange log instead of the records.
   */
  readonly packed?: readonly Uint8Array[];
  readonly refused: readonly RefusedRecord[];
  readonly report: {
    readonly records: number;
    readonly accepted: number;
    readonly refused: number;
    readonly relayed: number;
    /** Accepted records per signing unit. */
    readonly bySigner: Readonly<Record<string, number>>;
  };
}

/** A refused package; 'unknown-key' lists the keys to ask about. */
export type PackageFailure = DomainFailure<PackageError> & { readonly unknownKeys?: readonly UnknownKey[] };

/** Options of {@link openPackage}. */
export interface OpenPackageOptions {
  readonly trustedKeys: TrustedKeys;
  /** Largest accepted size in bytes (default {@link DEFAULT_MAX_PACKAGE_BYTES}). */
  readonly maxBytes?: number;
  /** The owner unit of a record this installation already holds (its ownerUnitCode). */
  readonly ownerOf?: (entityId: string) => string | null | undefined;
  /**
   * Called every {@link PROGRESS_EVERY} records while hashing ('hash') and checking ('check') them,
   * and once at the end of each (a worker forwards it to the page's progress bar).
   */
  readonly onProgress?: (phase: OpenPhase, done: number, total: number) => void;
}

/** The long phases of {@link openPackage}: hashing every change, then checking every record. */
export type OpenPhase = 'hash' | 'check';

/** Records between two progress reports of {@link openPackage}. */
export const PROGRESS_EVERY = 2000;

function reporter(options: OpenPackageOptions, phase: OpenPhase, total: number): (done: number) => void {
  const onProgress = options.onProgress;
  if (onProgress === undefined) return () => undefined;
  return (done) => {
    if (done % PROGRESS_EVERY === 0 || done === total) onProgress(phase, done, total);
  };
}

function scan(value: unknown, depth: number): 'too-deep' | 'forbidden-key' | null {
  if (depth > MAX_JSON_DEPTH) return 'too-deep';
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = scan(item, depth + 1);
      if (found) return found;
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) return 'forbidden-key';
      const found = scan((value as Record<string, unknown>)[key], depth + 1);
      if (found) return found;
    }
  }
  return null;
}

// Nesting is checked on the text before JSON.parse builds anything: cheap, and it keeps the
// recursive checks after it within MAX_JSON_DEPTH.
function maxNesting(text: string): number {
  let depth = 0;
  let max = 0;
  let isInString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (isInString) {
      if (c === 92 /* \ */) i += 1;
      else if (c === 34 /* " */) isInString = false;
    } else if (c === 34) isInString = true;
    else if (c === 123 || c === 91) {
      depth += 1;
      if (depth > max) max = depth;
    } else if (c === 125 || c === 93) depth -= 1;
  }
  return max;
}

function invalidPackage(detail: string): PackageFailure {
  return fail('invalid-package', { zh: `交换包内容不符合格式：${detail}`, en: `The exchange package does not match the format: ${detail}` });
}

function issuePath(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}` : 'unknown';
}

const RECORD_TEXTS: Readonly<Record<Exclude<RecordRefusal, OwnershipRefusal>, LocalizedText>> = {
  'invalid-record': { zh: '变更记录格式无效', en: 'The change record is malformed' },
  'bad-attestation': { zh: '签名单位的签名声明无效，该单位的记录均被拒绝', en: "The signer's attestation does not verify; its records are refused" },
  'bad-record-signature': { zh: '变更记录与原单位的签名不符（可能被篡改）', en: "The change does not match its owner's signature (it may have been altered)" },
  'duplicate-id': { zh: '同一变更记录在交换包中出现了两个不同版本', en: 'The package holds two different versions of one change' },
  'not-publisher': { zh: '目录包只能包含发布单位自己的记录', en: "A catalog package may only hold the publisher's own records" },
};

/**
 * Reads and verifies a package file, in this order, stopping at the first whole-package failure:
 * size (before parsing), UTF-8, JSON, nesting and prototype keys, format and version (a newer
 * version asks for an upgrade), schema, content hash, the source's signature. Then each record:
 * schema, its owner's attestation (signature and hash), authorship and ownership — failures are
 * collected as refusals, the rest accepted. Finally every key used must be trusted for its unit,
 * else 'unknown-key' lists them (after verification, so only a consistent package asks).
 * Nothing here changes any state: merge the accepted changes with mergeChanges.
 */
export function openPackage(input: string | Uint8Array, options: OpenPackageOptions): { readonly ok: true; readonly value: OpenedPackage } | PackageFailure {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_PACKAGE_BYTES;
  const size = typeof input === 'string' ? (input.length > maxBytes ? input.length : utf8Length(input)) : input.length;
  if (size > maxBytes) {
    const mb = (n: number): string => (n / 1024 / 1024).toFixed(1);
    return fail('too-large', {
      zh: `交换包过大（${mb(size)} MB，上限 ${mb(maxBytes)} MB），未读取`,
      en: `The exchange package is too large (${mb(size)} MB, limit ${mb(maxBytes)} MB); it was not read`,
    });
  }
  const text = typeof input === 'string' ? input : utf8ToString(input);
  if (text === null) return fail('not-utf8', { zh: '文件不是有效的 UTF-8 文本，不是交换包', en: 'The file is not valid UTF-8 text; it is not an exchange package' });
  if (maxNesting(text) > MAX_JSON_DEPTH) return fail('hostile-json', { zh: '交换包嵌套层级过深，已拒绝', en: 'The exchange package is nested too deeply; refused' });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return fail(
      'invalid-json',
      { zh: '文件不是完整的 JSON（可能被截断或损坏），请重新导出或复制', en: 'The file is not complete JSON (truncated or damaged); export or copy it again' },
      [error instanceof Error ? error.message : String(error)],
    );
  }
  const hostile = scan(parsed, 0);
  if (hostile !== null) return fail('hostile-json', { zh: '交换包含有不允许的字段名（如 __proto__），已拒绝', en: 'The exchange package has forbidden key names (such as __proto__); refused' });

  const manifestRaw = isPlainObject(parsed) && isPlainObject(parsed['manifest']) ? parsed['manifest'] : null;
  if (manifestRaw === null || manifestRaw['format'] !== EXCHANGE_FORMAT) {
    return fail('not-a-package', { zh: '该文件不是场景台账交换包', en: 'This file is not a Scenario Atlas exchange package' });
  }
  const version = manifestRaw['formatVersion'];
  if (typeof version === 'number' && Number.isInteger(version) && version > EXCHANGE_FORMAT_VERSION) {
    return fail('newer-format', {
      zh: `该交换包由更新版本的软件导出（格式版本 ${version}，本软件支持 ${EXCHANGE_FORMAT_VERSION}），请升级本软件后再导入`,
      en: `This package was exported by a newer version of the app (format ${version}; this app reads ${EXCHANGE_FORMAT_VERSION}); update the app and import again`,
    });
  }
  const envelope = envelopeSchema.safeParse(parsed);
  if (!envelope.success) return invalidPackage(issuePath(envelope.error));
  const manifestParsed = manifestSchema.safeParse(manifestRaw);
  if (!manifestParsed.success) return invalidPackage(`manifest.${issuePath(manifestParsed.error)}`);
  const manifest = manifestParsed.data as PackageManifest;
  const { attestations: attestationsRaw, records: recordsRaw, contentHash, signature } = envelope.data;

  // Content hash over the records as they are in the file (canonicalised): any edited byte of
  // content changes it.
  // Each change is hashed once here; the attestation check below reuses the hash.
  const hashed = reporter(options, 'hash', recordsRaw.length);
  const changeHashes = recordsRaw.map((raw, index) => {
    const change = changeOfRecord(raw);
    const hash = change === null ? null : sha256Hex(canonicalJson(change));
    hashed(index + 1);
    return hash;
  });
  const actualHash = contentHashOf(
    attestationsRaw,
    recordsRaw.map((raw, index) => recordDigest(raw, changeHashes[index] ?? null)),
  );
  if (actualHash !== contentHash) {
    return fail('hash-mismatch', { zh: '交换包内容与其校验值不符（文件被修改或损坏），已拒绝', en: 'The package content does not match its hash (altered or damaged); refused' });
  }
  if (!verifyText(packageText(manifestRaw, contentHash), signature, manifest.sourcePublicKey)) {
    return fail('bad-signature', { zh: `交换包的签名无效（不是 ${manifest.sourceUnit} 签发的原件），已拒绝`, en: `The package signature is invalid (not as signed by ${manifest.sourceUnit}); refused` });
  }
  if (manifest.counts.records !== recordsRaw.length) return invalidPackage('manifest.counts.records');

  // Attestations: verified once each; a bad one refuses its records, not the package.
  const attestations = attestationsRaw.map((raw) => {
    const checked = attestationSchema.safeParse(raw);
    if (!checked.success || !verifyText(attestationText(checked.data), checked.data.signature, checked.data.publicKey)) return null;
    return { attestation: checked.data as Attestation, hashes: new Set(checked.data.changeHashes) };
  });

  const refused: RefusedRecord[] = [];
  const candidates: { index: number; item: AttestedChange }[] = [];
  const byId = new Map<string, string>();
  const checked = reporter(options, 'check', recordsRaw.length);
  recordsRaw.forEach((raw, index) => {
    checked(index + 1);
    const reject = (reason: RecordRefusal, change: ChangeRecord | null, owner?: string): void => {
      const text = reason in RECORD_TEXTS ? RECORD_TEXTS[reason as keyof typeof RECORD_TEXTS] : ownershipRefusalText(reason as OwnershipRefusal, change ?? { unitCode: '' as RegionCode, entityId: '' }, owner);
      refused.push({ index, changeId: change?.id ?? null, entityId: change?.entityId ?? null, signer: change?.unitCode ?? null, reason, text });
    };
    const record = signedChangeSchema.safeParse(raw);
    if (!record.success) return reject('invalid-record', null);
    const change = record.data.change as ChangeRecord;
    const found = attestations[record.data.attestation];
    if (found === undefined || found === null || found.attestation.signer !== record.data.signer) return reject('bad-attestation', change);
    const hash = changeHashes[index] as string;
    if (!found.hashes.has(hash)) return reject('bad-record-signature', change);
    const authorship = checkAuthorship(change, record.data.signer);
    if (authorship !== null) return reject(authorship, change);
    if (manifest.kind === 'catalog' && record.data.signer !== manifest.sourceUnit) return reject('not-publisher', change);
    const previous = byId.get(change.id);
    if (previous !== undefined) {
      // The same change twice (e.g. own and relayed) is harmless; two versions of one id are not.
      if (previous !== hash) reject('duplicate-id', change);
      return;
    }
    byId.set(change.id, hash);
    candidates.push({ index, item: { change, attestation: found.attestation } });
  });

  // Ownership: owners known here (ownerOf) or created in this package; others wait in the merge.
  const createdBy = new Map<string, string>();
  for (const { item } of candidates) if (isCreation(item.change) && !createdBy.has(item.change.entityId)) createdBy.set(item.change.entityId, ownerOfCreation(item.change));
  const accepted: AttestedChange[] = [];
  for (const { index, item } of candidates) {
    const owner = options.ownerOf?.(item.change.entityId) ?? createdBy.get(item.change.entityId);
    const ownership = owner === undefined || owner === null ? null : checkOwner(item.change, owner);
    if (ownership !== null) {
      refused.push({ index, changeId: item.change.id, entityId: item.change.entityId, signer: item.change.unitCode, reason: ownership, text: ownershipRefusalText(ownership, item.change, owner ?? undefined) });
      continue;
    }
    accepted.push(item);
  }

  // Trust: the source's key and every key that signs an accepted record.
  const keys = new Map<string, { unit: string; publicKey: PublicKeyText }>();
  keys.set(`${manifest.sourceUnit} ${manifest.sourcePublicKey}`, { unit: manifest.sourceUnit, publicKey: manifest.sourcePublicKey });
  for (const { attestation } of accepted) keys.set(`${attestation.signer} ${attestation.publicKey}`, { unit: attestation.signer, publicKey: attestation.publicKey });
  const unknownKeys: UnknownKey[] = [];
  for (const { unit, publicKey } of keys.values()) {
    const trusted = options.trustedKeys.get(unit) ?? [];
    if (!trusted.includes(publicKey)) unknownKeys.push({ unit, publicKey, fingerprint: keyFingerprint(publicKey), isKeyChanged: trusted.length > 0 });
  }
  if (unknownKeys.length > 0) {
    const list = unknownKeys.map((key) => `${key.unit} ${key.fingerprint}`);
    const failure = fail(
      'unknown-key',
      {
        zh: `交换包使用了尚未信任的签名密钥：${list.join('；')}。请与对方核对指纹后再信任`,
        en: `The package uses signing keys you have not trusted yet: ${list.join('; ')}. Check the fingerprints with the sender before trusting them`,
      },
      list,
    );
    return { ...failure, unknownKeys };
  }

  const bySigner: Record<string, number> = {};
  for (const { change } of accepted) bySigner[change.unitCode] = (bySigner[change.unitCode] ?? 0) + 1;
  refused.sort((a, b) => a.index - b.index);
  return {
    ok: true,
    value: {
      manifest,
      packageId: contentHash,
      accepted,
      refused,
      report: {
        records: recordsRaw.length,
        accepted: accepted.length,
        refused: refused.length,
        relayed: accepted.filter(({ change }) => isRelay(manifest.sourceUnit, change.unitCode)).length,
        bySigner,
      },
    },
  };
}
