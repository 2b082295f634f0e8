/**
 * Version 2: fast Chinese search and per-region counts.
 *
 * - Every scenario row gets `searchText` (shared buildSearchText: NFKC, lower case, fields joined),
 *   so free-text search over 100k records is a plain substring test with nothing built per keystroke.
 *   Not indexed: a substring ("脑机" inside "非侵入式脑机接口") cannot use an IndexedDB index.
 * - `[deletedFlag+regionCode]` lets the choropleth count live records per region from the index
 *   alone (a key cursor, no row is read).
 * - `savedViews`: the named filter views of the register (issue 3 item 5).
 *
 * If buildSearchText ever changes how it folds text, add a version that recomputes `searchText`;
 * do not edit this one.
 */
import type { Transaction } from 'dexie';
import { buildSearchText } from '../../../shared/domain/scenarioFilter';
import type { SchemaVersion } from './schemaVersion';
import type { ScenarioRowV1 } from './v1';

async function addSearchText(tx: Transaction): Promise<void> {
  await tx
    .table<ScenarioRowV1 & { searchText?: string }, string>('scenarios')
    .toCollection()
    .modify((row) => {
      row.searchText = buildSearchText(row);
    });
}

/** Version 2 of the schema. */
export const schemaV2: SchemaVersion = {
  version: 2,
  stores: {
    scenarios: 'id, &catalogNumber, regionCode, status, field, ownerUnitCode, updatedAt, deletedFlag, demoFlag, [deletedFlag+regionCode]',
    savedViews: 'id, &name, updatedAt',
  },
  upgrade: addSearchText,
};
