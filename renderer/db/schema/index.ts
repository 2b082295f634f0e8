import type Dexie from 'dexie';
import type { SchemaVersion } from './schemaVersion';
import { schemaV1 } from './v1';
import { schemaV2 } from './v2';
import { schemaV3 } from './v3';
import { schemaV4 } from './v4';
import { schemaV5 } from './v5';
import { schemaV6 } from './v6';
import { schemaV7 } from './v7';
import { schemaV8 } from './v8';
import { schemaV10, schemaV9 } from './v9';
import { schemaV11 } from './v11';
import { schemaV12 } from './v12';

export type { SchemaVersion } from './schemaVersion';

/** Every schema version, oldest first. Append new versions; never edit or reorder shipped ones. */
export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [schemaV1, schemaV2, schemaV3, schemaV4, schemaV5, schemaV6, schemaV7, schemaV8, schemaV9, schemaV10, schemaV11, schemaV12];

/** The version a freshly opened database has. */
export const CURRENT_SCHEMA_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]?.version ?? 0;

/**
 * Declares the schema versions on a Dexie instance, oldest first, up to and including `upTo`
 * (all by default): the app's database declares them all; a backup from an older version is
 * loaded into a temporary database declared up to its version, then upgraded by the same steps.
 */
export function declareSchemaVersions(dexie: Dexie, upTo: number = CURRENT_SCHEMA_VERSION): void {
  for (const schema of SCHEMA_VERSIONS) {
    if (schema.version > upTo) break;
    const version = dexie.version(schema.version).stores(schema.stores);
    if (schema.upgrade) version.upgrade(schema.upgrade);
  }
}
