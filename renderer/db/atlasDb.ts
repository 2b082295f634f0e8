/**
 * The one database of the renderer (IndexedDB through Dexie). Repositories and the write path own
 * every query and write; components never import this file (STYLE.md "Data").
 */
import { Dexie, type DexieOptions, type Table } from 'dexie';
import type { ChangeRecord } from '../../shared/domain/changeRecord';
import type { Scenario } from '../../shared/domain/scenario';
import { buildSearchText } from '../../shared/domain/scenarioFilter';
import { SCHEMA_VERSIONS } from './schema';

/** The database name of the app; tests and bench profiles pass their own. */
export const DEFAULT_DB_NAME = 'scenario-atlas';

/**
 * A scenario as stored: the domain record plus columns only the database reads. IndexedDB cannot
 * index booleans or null, so the flags queried by index are 0/1 copies of `deletedAt`/`isDemo`.
 */
export type ScenarioRow = Scenario & {
  /** 1 while soft-deleted (`deletedAt` set), else 0. */
  readonly deletedFlag: 0 | 1;
  /** 1 for demo data (`isDemo`), else 0. */
  readonly demoFlag: 0 | 1;
  /** shared buildSearchText of the record: free-text search is a substring test on it. */
  readonly searchText: string;
};

/** One key/value of the `meta` table (installation id, last HLC, catalog sequences). */
export interface MetaRow {
  readonly key: string;
  readonly value: unknown;
}

/** A named view of the register: a filter as its URL query string (filterToQueryString). */
export interface SavedView {
  readonly id: string;
  readonly name: string;
  readonly query: string;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** The stored row of a scenario. */
export function toScenarioRow(scenario: Scenario): ScenarioRow {
  return {
    ...scenario,
    deletedFlag: scenario.deletedAt === null ? 0 : 1,
    demoFlag: scenario.isDemo ? 1 : 0,
    searchText: buildSearchText(scenario),
  };
}

/** The domain record of a stored row (without the database-only columns), for diffs and the UI. */
export function toScenario(row: ScenarioRow): Scenario {
  // Destructuring drops the database-only columns so they never reach a diff or the change log.
  const { deletedFlag: _deletedFlag, demoFlag: _demoFlag, searchText: _searchText, ...scenario } = row;
  return scenario;
}

/** The typed Dexie database of the app. */
export class AtlasDb extends Dexie {
  declare readonly scenarios: Table<ScenarioRow, string>;
  declare readonly changes: Table<ChangeRecord, string>;
  declare readonly meta: Table<MetaRow, string>;
  declare readonly savedViews: Table<SavedView, string>;

  constructor(name: string = DEFAULT_DB_NAME, options: DexieOptions = {}) {
    // 'strict' durability: Chromium otherwise reports a transaction complete before the data is
    // flushed to disk ('relaxed' is its default since Chrome 83), so a power cut right after
    // "已保存" could lose the write. A register of record is worth the extra fsync per write.
    super(name, { chromeTransactionDurability: 'strict', ...options });
    for (const schema of SCHEMA_VERSIONS) {
      const version = this.version(schema.version).stores(schema.stores);
      if (schema.upgrade) version.upgrade(schema.upgrade);
    }
  }
}
