/**
 * Version 7: indexes no query reads are dropped (issue 6, merge speed).
 *
 * IndexedDB updates every index of a table on every put, and an exchange import of 100k changes
 * puts 100k scenario rows and 100k change records (the two tables that grow with the register).
 * These indexes, declared in versions 1–2, are read by no query of the app:
 *
 * - scenarios: `regionCode` (region counts read `[deletedFlag+regionCode]`), `field`, `updatedAt`;
 * - changes: `at` (the log is read by `hlc`, `batchId` and `[entity+entityId]`).
 *
 * Pilots and partners, tables of hundreds of rows, keep theirs.
 *
 * Measured with bench browser:exchange at 10k (session 8): merge_10k_changes_ms 8,865 → 8,386 and the
 * reference put 5,731 → 5,472 ms, about 5 %: most of a row's cost is the put itself, not its indexes.
 *
 * Dexie deletes the indexes a new spec leaves out when the database upgrades; no data changes shape.
 * A query that needs one of them again adds it back in a new version.
 */
import type { SchemaVersion } from './schemaVersion';

/** Version 7 of the schema. */
export const schemaV7: SchemaVersion = {
  version: 7,
  stores: {
    scenarios: 'id, &catalogNumber, status, ownerUnitCode, deletedFlag, demoFlag, [deletedFlag+regionCode]',
    changes: 'id, [entity+entityId], hlc, batchId',
  },
};
