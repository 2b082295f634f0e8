/**
 * The one database of the renderer (IndexedDB through Dexie). Repositories and the write path own
 * every query and write; components never import this file (STYLE.md "Data").
 */
import { Dexie, type DexieOptions, type Table } from 'dexie';
import type { ChangeRecord } from '../../shared/domain/changeRecord';
import type { Scenario, ScenarioId } from '../../shared/domain/scenario';
import type { ApplicationDraftField } from '../../shared/partners/application';
import type { Partner } from '../../shared/partners/partner';
import type { Pilot } from '../../shared/partners/pilot';
import { buildSearchText } from '../../shared/domain/scenarioFilter';
import { declareSchemaVersions } from './schema';
import type { Attestation } from '../../shared/exchange/package';
import type { CatalogPageRowV9, ScenarioPageRowV9 } from './schema/v9';
import type { ConflictRow, ExchangeBatchRow, ExchangeLogRow, ExchangeRecordsRow, MergeEntryRow, MergePageRow, PackageLogRow, TrustedKeyRow } from './exchangeRows';

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

/** A partner organisation (伙伴单位) as stored; `creditCode` is unique (schema v3). */
export type PartnerRow = Partner & {
  /** 1 while soft-deleted (`deletedAt` set), else 0. */
  readonly deletedFlag: 0 | 1;
};

/** A pilot project (试点项目) as stored. */
export type PilotRow = Pilot & {
  /** 1 while soft-deleted (`deletedAt` set), else 0. */
  readonly deletedFlag: 0 | 1;
  /** The lead partner's id, '' when the pilot has none yet: finds a partner's pilots by index. */
  readonly leadPartnerId: string;
};

/**
 * A company application draft (合作意向) saved locally in company mode: the form as typed (not
 * yet validated; shared/partners/application.ts checks it when the file is made).
 */
export type ApplicationRow = Readonly<Record<ApplicationDraftField, string>> & {
  readonly id: string;
  readonly scenarioId: ScenarioId;
  /** Epoch ms. */
  readonly createdAt: number;
  /** Epoch ms. */
  readonly updatedAt: number;
  /** Epoch ms of the last export as a file, null before the first. */
  readonly exportedAt: number | null;
};

/** A scenario starred in company mode. */
export interface StarRow {
  readonly scenarioId: ScenarioId;
  /** Epoch ms. */
  readonly starredAt: number;
}

/** The stored row of a partner. */
export function toPartnerRow(partner: Partner): PartnerRow {
  return { ...partner, deletedFlag: partner.deletedAt === null ? 0 : 1 };
}

/** The domain record of a stored partner row. */
export function toPartner(row: PartnerRow): Partner {
  const { deletedFlag: _deletedFlag, ...partner } = row;
  return partner;
}

/** The stored row of a pilot. */
export function toPilotRow(pilot: Pilot): PilotRow {
  return {
    ...pilot,
    deletedFlag: pilot.deletedAt === null ? 0 : 1,
    leadPartnerId: pilot.partners.find((p) => p.isLead)?.partnerId ?? '',
  };
}

/** The domain record of a stored pilot row (without the database-only columns). */
export function toPilot(row: PilotRow): Pilot {
  const { deletedFlag: _deletedFlag, leadPartnerId: _leadPartnerId, ...pilot } = row;
  return pilot;
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
  /** The register's scenarios in pages (schema v9); read and written through renderer/db/scenarioPages.ts only. */
  declare readonly scenarioPages: Table<ScenarioPageRowV9, number>;
  /** Who holds each 场景编号 (schema v9), kept by renderer/db/scenarioPages.ts. */
  declare readonly catalogPages: Table<CatalogPageRowV9, number>;
  declare readonly changes: Table<ChangeRecord, string>;
  declare readonly meta: Table<MetaRow, string>;
  declare readonly savedViews: Table<SavedView, string>;
  declare readonly partners: Table<PartnerRow, string>;
  declare readonly pilots: Table<PilotRow, string>;
  declare readonly applications: Table<ApplicationRow, string>;
  declare readonly stars: Table<StarRow, string>;
  // Exchange (schema v4, issue 6): see renderer/db/exchangeRows.ts.
  declare readonly trustedKeys: Table<TrustedKeyRow, [string, string]>;
  /** Schema v4's merge state, one row per record; empty since v6, which pages it in `mergePages`. */
  declare readonly mergeEntries: Table<MergeEntryRow, string>;
  declare readonly mergePages: Table<MergePageRow, number>;
  /** Schema v4's per-change exchange log; empty since v5, which batches it in `exchangeBatches`. */
  declare readonly exchangeLog: Table<ExchangeLogRow, string>;
  declare readonly exchangeBatches: Table<ExchangeBatchRow, number>;
  /** Received change records by exchange-log batch (schema v8); local ones stay in `changes`. */
  declare readonly exchangeRecords: Table<ExchangeRecordsRow, number>;
  declare readonly attestations: Table<Attestation, string>;
  declare readonly conflicts: Table<ConflictRow, string>;
  declare readonly packageLog: Table<PackageLogRow, string>;

  constructor(name: string = DEFAULT_DB_NAME, options: DexieOptions = {}) {
    // 'strict' durability: Chromium otherwise reports a transaction complete before the data is
    // flushed to disk ('relaxed' is its default since Chrome 83), so a power cut right after
    // "已保存" could lose the write. A register of record is worth the extra fsync per write.
    super(name, { chromeTransactionDurability: 'strict', ...options });
    declareSchemaVersions(this);
  }
}
