/**
 * Version 1: the register's first tables.
 *
 * IndexedDB cannot index booleans or null (a row whose key is null is simply missing from the
 * index), so the flags the app queries by are stored twice: the domain field (`deletedAt`,
 * `isDemo`) and a 0/1 copy (`deletedFlag`, `demoFlag`) that only the database reads.
 */
import type { Scenario } from '../../../shared/domain/scenario';
import type { SchemaVersion } from './schemaVersion';

/** A scenario row as version 1 stored it (kept here so the migration test can write one). */
export type ScenarioRowV1 = Scenario & {
  /** 1 while `deletedAt` is set (soft-deleted), else 0. */
  readonly deletedFlag: 0 | 1;
  /** 1 when `isDemo`, else 0. */
  readonly demoFlag: 0 | 1;
};

/** Version 1 of the schema. */
export const schemaV1: SchemaVersion = {
  version: 1,
  stores: {
    scenarios: 'id, &catalogNumber, regionCode, status, field, ownerUnitCode, updatedAt, deletedFlag, demoFlag',
    // The change log: history by [entity+entityId], exchange by hlc, undo of an operation by batchId.
    changes: 'id, [entity+entityId], hlc, batchId, at',
    // Key/value: installation id, last HLC, catalog sequences per region and year.
    meta: 'key',
  },
};
