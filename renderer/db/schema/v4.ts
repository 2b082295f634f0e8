/**
 * Version 4: exchange packages between county, city and province (issue 6).
 *
 * - `trustedKeys`: public keys of other units trusted on first import (revocable), by [unit+publicKey].
 * - `mergeEntries`: the merge state per record — merged field values, the clock stamp of each
 *   field, the owner, and changes waiting for their record's creation. Kept so an import merges
 *   100k changes against stamps read in one bulkGet instead of replaying the change log.
 * - `exchangeLog`: every change known to the exchange, numbered by arrival (`seq`), with the
 *   owner attestation a relayed change must travel with; `attestations` holds those by signature.
 * - `conflicts`: the conflict queue (base / local / incoming per field), open ones by `resolvedFlag`.
 * - `packageLog`: packages sent (with the last seq they covered) and received.
 *
 * No existing data changes shape: the new tables start empty, and the first export or import
 * brings the merge state up to date from the change log (renderer/db/exchangeRepository.ts).
 */
import type { SchemaVersion } from './schemaVersion';

/** Version 4 of the schema. */
export const schemaV4: SchemaVersion = {
  version: 4,
  stores: {
    trustedKeys: '[unit+publicKey], unit',
    mergeEntries: 'entityId',
    exchangeLog: 'changeId, &seq',
    attestations: 'signature',
    conflicts: 'id, entityId, resolvedFlag, createdAt',
    packageLog: 'id, direction, peerUnit, at',
  },
};
