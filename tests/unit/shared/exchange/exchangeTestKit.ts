import type { ChangeOp, ChangeRecord, ChangeRecordId, FieldChanges, JsonValue } from '../../../../shared/domain/changeRecord';
import { formatHlc } from '../../../../shared/domain/hlc';
import { uuidV4From } from '../../../../shared/domain/uuid';
import type { RegionCode } from '../../../../shared/regions/regions';
import type { Role } from '../../../../shared/settings/settings';
import { generateKeyPair, type UnitKeyPair } from '../../../../shared/exchange/signing';

/** 2025-11-24, a plausible "now" for stamps. */
export const T0 = 1_764_000_000_000;

/** A deterministic byte source (xorshift32) standing in for crypto.getRandomValues. */
export function seededBytes(seed: number): (length: number) => Uint8Array {
  let state = seed >>> 0 || 1;
  return (length) => {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i += 1) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      out[i] = state & 255;
    }
    return out;
  };
}

const keyCache = new Map<string, UnitKeyPair>();

/** The key pair of one installation, stable across tests (seeded by its name). */
export function keysOf(installation: string): UnitKeyPair {
  let keys = keyCache.get(installation);
  if (!keys) {
    let seed = 7;
    for (const ch of installation) seed = (seed * 31 + ch.charCodeAt(0)) >>> 0;
    keys = generateKeyPair(seededBytes(seed));
    keyCache.set(installation, keys);
  }
  return keys;
}

let idCounter = 0x1234;
/** A fresh v4 UUID, deterministic per test file run. */
export function nextId(): string {
  return uuidV4From(() => {
    idCounter = (Math.imul(idCounter, 1_103_515_245) + 12_345) >>> 0;
    return idCounter;
  });
}

/** The role of a unit in the Chengdu fixture. */
export function roleOf(unit: string): Role {
  if (unit === '510000') return 'province';
  if (unit.endsWith('00')) return 'city';
  return 'county';
}

/** Options of {@link makeChange}. */
export interface ChangeSpec {
  readonly unit: string;
  readonly entityId: string;
  readonly op: ChangeOp;
  readonly changes: FieldChanges;
  /** Wall ms offset from T0 (default 0) and counter (default 0). */
  readonly wall?: number;
  readonly counter?: number;
  /** Clock node (default the unit). */
  readonly node?: string;
  readonly id?: string;
}

/** A change record as the write path makes it. */
export function makeChange(spec: ChangeSpec): ChangeRecord {
  const at = T0 + (spec.wall ?? 0);
  return {
    id: (spec.id ?? nextId()) as ChangeRecordId,
    entity: 'scenario',
    entityId: spec.entityId,
    op: spec.op,
    changes: spec.changes,
    unitCode: spec.unit as RegionCode,
    actorRole: roleOf(spec.unit),
    hlc: formatHlc({ wallMs: at, counter: spec.counter ?? 0, node: spec.node ?? spec.unit }),
    at,
  };
}

/** A creation of a small scenario-like record owned by `unit`. */
export function creation(unit: string, entityId: string, fields: Readonly<Record<string, JsonValue>> = {}, wall = 0, node?: string): ChangeRecord {
  const values: Record<string, JsonValue> = { id: entityId, ownerUnitCode: unit, title: '初始', partnerSlots: 1, status: 'draft', suspendedFrom: null, deletedAt: null, ...fields };
  const changes: Record<string, { old: JsonValue; new: JsonValue }> = {};
  for (const [field, value] of Object.entries(values)) changes[field] = { old: null, new: value };
  return makeChange({ unit, entityId, op: 'create', changes, wall, ...(node ? { node } : {}) });
}

/** An update of one field. */
export function edit(unit: string, entityId: string, field: string, from: JsonValue, to: JsonValue, wall: number, node?: string): ChangeRecord {
  return makeChange({ unit, entityId, op: field === 'deletedAt' ? (to === null ? 'restore' : 'delete') : 'update', changes: { [field]: { old: from, new: to } }, wall, ...(node ? { node } : {}) });
}

/** Trusted keys: every unit with the keys of the given installations. */
export function trustOf(installations: readonly string[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const installation of installations) {
    const unit = installation.split('.')[0] as string;
    map.set(unit, [...(map.get(unit) ?? []), keysOf(installation).publicKey]);
  }
  return map;
}
