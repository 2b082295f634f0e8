import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { AtlasDb, toScenarioRow } from '../../../../renderer/db/atlasDb';
import { catalogHolders, getScenarioRows, readScenarioCounts, scenarioRowsWhere } from '../../../../renderer/db/scenarioPages';
import { countLiveByRegion, countScenarios } from '../../../../renderer/db/scenarioRepository';
import { declareSchemaVersions } from '../../../../renderer/db/schema';
import { scenarioPageOf } from '../../../../renderer/db/schema/v9';
import { generateDemoScenarios } from '../../../../shared/domain/demoData';
import { regions } from './dbTestKit';

const opened: Dexie[] = [];
afterEach(() => {
  for (const d of opened.splice(0)) d.close();
});

/** 40 scenarios as version 8 stored them, a few deleted and a few demo. */
const rows = generateDemoScenarios(40, regions, { seed: 9, year: 2026 }).map((scenario, index) =>
  toScenarioRow({ ...scenario, isDemo: index % 5 === 0, deletedAt: index % 7 === 0 ? 1_772_323_200_000 : null }),
);

async function v8Database(): Promise<string> {
  const name = `atlas-migration-v9-${Math.random().toString(36).slice(2)}`;
  const old = new Dexie(name);
  opened.push(old);
  declareSchemaVersions(old, 8);
  await old.table('scenarios').bulkAdd(rows);
  old.close();
  return name;
}

async function storeNames(name: string): Promise<string[]> {
  const request = indexedDB.open(name);
  const idb = await new Promise<IDBDatabase>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  try {
    return [...idb.objectStoreNames];
  } finally {
    idb.close();
  }
}

describe('migration v8 → v9/v10 (the register in pages)', () => {
  it('moves every row onto the page of its id, unchanged, and deletes the per-row table', async () => {
    const name = await v8Database();
    const db = new AtlasDb(name);
    opened.push(db);
    await db.open();
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
    expect((await scenarioRowsWhere(db)).sort(byId)).toEqual([...rows].sort(byId));
    for (const page of await db.scenarioPages.toArray()) for (const row of page.rows) expect(scenarioPageOf(row.id)).toBe(page.page);
    expect(await getScenarioRows(db, [rows[3]!.id, 'nobody'])).toEqual([rows[3], undefined]);
    db.close();
    expect(await storeNames(name)).not.toContain('scenarios');
    expect(await storeNames(name)).toEqual(expect.arrayContaining(['scenarioPages', 'catalogPages']));
  });

  it('builds the catalog numbers’ pages and the counts the indexes answered', async () => {
    const db = new AtlasDb(await v8Database());
    opened.push(db);
    const live = rows.filter((row) => row.deletedFlag === 0);
    expect(await catalogHolders(db, rows.map((row) => row.catalogNumber))).toEqual(new Map(rows.map((row) => [row.catalogNumber, row.id])));
    expect(await countScenarios(db)).toEqual({ live: live.length, deleted: rows.length - live.length, demo: rows.filter((row) => row.demoFlag === 1).length });
    const byRegion = new Map<string, number>();
    for (const row of live) byRegion.set(row.regionCode, (byRegion.get(row.regionCode) ?? 0) + 1);
    expect(await countLiveByRegion(db)).toEqual(byRegion);
    expect((await readScenarioCounts(db)).live).toBeGreaterThan(0);
  });

  it('opens an empty version-8 database with zero counts', async () => {
    const name = `atlas-migration-v9-empty-${Math.random().toString(36).slice(2)}`;
    const old = new Dexie(name);
    opened.push(old);
    declareSchemaVersions(old, 8);
    await old.open();
    old.close();
    const db = new AtlasDb(name);
    opened.push(db);
    expect(await countScenarios(db)).toEqual({ live: 0, deleted: 0, demo: 0 });
    expect(await db.scenarioPages.count()).toBe(0);
  });
});
