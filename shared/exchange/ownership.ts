/**
 * Ownership in the exchange (DOMAIN.md: "a record's owner stays its owner"; issue 6 item 3).
 *
 * - A record's owner is the unit whose change created it; a creation must name that unit as the
 *   record's `ownerUnitCode` (when the entity has one). No later change may touch `id` or
 *   `ownerUnitCode`.
 * - Every change is made and signed by its owner: change.unitCode = signer = owner, and the node
 *   of its clock stamp belongs to that unit (else a unit could borrow another's node name to win
 *   ties).
 * - A package may carry changes signed by units other than its source only as relays, each still
 *   signed by its owner (a city relays its counties' changes to the province; the province
 *   receives all). The signature, not the route, proves authorship, so no route is forbidden.
 * - Demo markers (entityId 'demo-data') and import markers ('exchange-import') are local-only and never travel.
 */
import { DEMO_MARKER_ENTITY_ID, isCreation, type ChangeRecord } from '../domain/changeRecord';
import { parseHlc } from '../domain/hlc';
import type { LocalizedText } from '../domain/localizedText';

/**
 * Entity id of the marker change record an exchange import writes (one per import, with a fresh
 * local clock): the register's in-memory store reloads on it, because imported changes carry
 * their owners' older clocks. Local to the installation, like the demo markers.
 */
export const EXCHANGE_MARKER_ENTITY_ID = 'exchange-import';

/** Change-record entity ids that are local to one installation (renderer/db/writePath.ts DEMO_ENTITY_ID). */
export const LOCAL_ONLY_ENTITY_IDS: readonly string[] = [DEMO_MARKER_ENTITY_ID, EXCHANGE_MARKER_ENTITY_ID];

/** Fields only a creation may set. */
export const IDENTITY_FIELDS: readonly string[] = ['id', 'ownerUnitCode'];

// Field names from files are untrusted: these would reach Object.prototype.
const FORBIDDEN_FIELDS = new Set(['__proto__', 'constructor', 'prototype']);

/** Why a change is refused on ownership grounds. */
export type OwnershipRefusal =
  | 'local-only'
  | 'invalid-field'
  | 'signer-mismatch'
  | 'clock-node-mismatch'
  | 'creation-owner-mismatch'
  | 'identity-field'
  | 'not-owner';

/** Is this change local to its installation (never exported, refused on import)? */
export function isLocalOnlyChange(change: Pick<ChangeRecord, 'entityId'>): boolean {
  return LOCAL_ONLY_ENTITY_IDS.includes(change.entityId);
}

/** The unit a creation makes the owner: its `ownerUnitCode` if it sets one, else its author. */
export function ownerOfCreation(change: ChangeRecord): string {
  const owner = Object.hasOwn(change.changes, 'ownerUnitCode') ? change.changes['ownerUnitCode']?.new : undefined;
  return typeof owner === 'string' ? owner : change.unitCode;
}

/** The unit part of a clock node (`510107.k3f9a2` → `510107`), or null for an invalid stamp. */
export function clockUnit(hlc: string): string | null {
  const parsed = parseHlc(hlc);
  return parsed.ok ? (parsed.value.node.split('.')[0] as string) : null;
}

/**
 * Checks what a change can show by itself: not local-only, sane field names, signed by its own
 * author (`signer`, when known), stamped by its author's clock, and — for a creation — owned by
 * its author; a non-creation must not touch the identity fields. Null when it passes.
 */
export function checkAuthorship(change: ChangeRecord, signer: string | null = null): OwnershipRefusal | null {
  if (isLocalOnlyChange(change)) return 'local-only';
  const fields = Object.keys(change.changes);
  if (fields.some((field) => FORBIDDEN_FIELDS.has(field))) return 'invalid-field';
  if (signer !== null && signer !== change.unitCode) return 'signer-mismatch';
  if (clockUnit(change.hlc) !== change.unitCode) return 'clock-node-mismatch';
  if (isCreation(change)) {
    if (ownerOfCreation(change) !== change.unitCode) return 'creation-owner-mismatch';
  } else if (fields.some((field) => IDENTITY_FIELDS.includes(field))) {
    return 'identity-field';
  }
  return null;
}

/** May this change apply to a record owned by `owner`? Only the owner changes its records. */
export function checkOwner(change: ChangeRecord, owner: string): OwnershipRefusal | null {
  return change.unitCode === owner ? null : 'not-owner';
}

/** Is this change carried as a relay (signed by someone other than the package's source)? */
export function isRelay(sourceUnit: string, signer: string): boolean {
  return signer !== sourceUnit;
}

/** What to tell a person about an ownership refusal. */
export function ownershipRefusalText(code: OwnershipRefusal, change: Pick<ChangeRecord, 'unitCode' | 'entityId'>, owner?: string): LocalizedText {
  switch (code) {
    case 'local-only':
      return { zh: '演示数据只属于本机，不能交换', en: 'Demo data is local to one installation and is never exchanged' };
    case 'invalid-field':
      return { zh: '变更记录含有无效字段名', en: 'The change has an invalid field name' };
    case 'signer-mismatch':
      return { zh: `变更记录注明由 ${change.unitCode} 修改，但签名单位不同`, en: `The change says it was made by ${change.unitCode} but is signed by another unit` };
    case 'clock-node-mismatch':
      return { zh: `变更记录的时间戳不属于 ${change.unitCode}`, en: `The change's timestamp was not issued by ${change.unitCode}` };
    case 'creation-owner-mismatch':
      return { zh: `${change.unitCode} 新建的记录把开放单位写成了其他单位`, en: `${change.unitCode} created a record naming another unit as its owner` };
    case 'identity-field':
      return { zh: '变更记录试图修改记录标识或所属单位', en: "The change tries to alter the record's id or owner unit" };
    case 'not-owner':
      return {
        zh: `${change.unitCode} 修改了不属于它的记录（属于 ${owner ?? '其他单位'}），已拒绝`,
        en: `${change.unitCode} changed a record it does not own (owned by ${owner ?? 'another unit'}); refused`,
      };
  }
}
