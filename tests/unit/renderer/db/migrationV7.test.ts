import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { declareSchemaVersions, SCHEMA_VERSIONS } from '../../../../renderer/db/schema';

const opened: Dexie[] = [];
afterEach(() => {
  for (const d of opened.splice(0)) d.close();
});

const scenario = (id: string, regionCode: string, deletedFlag: 0 | 1) => ({ id, catalogNumber: `SC-${id}`, regionCode, status: 'open', field: 'medical', ownerUnitCode: '510107', updatedAt: 1, deletedFlag, demoFlag: 0 });

/** A database at version 6 holding a few rows in the tables v7 changes, and a pilot and a partner. */
async function v6Database(): Promise<string> {
  const name = `atlas-migration-v7-${Math.random().toString(36).slice(2)}`;
  const old = new Dexie(name);
  opened.push(old);
  for (const schema of SCHEMA_VERSIONS.filter((version) => version.version <= 6)) old.version(schema.version).stores(schema.stores);
  await old.table('scenarios').bulkAdd([scenario('a', '510107', 0), scenario('b', '510107', 0), scenario('c', '510104', 0), scenario('d', '510104', 1)]);
  await old.table('changes').bulkAdd([{ id: 'c1', entity: 'scenario', entityId: 'a', hlc: '000001772323200000-0000-510107', batchId: null, at: 1 }]);
  await old.table('pilots').bulkAdd([{ id: 'p1', projectNumber: 'PJ-1', scenarioId: 'a', stage: 'in_progress', leadPartnerId: 'x', updatedAt: 1, deletedFlag: 0 }]);
  await old.table('partners').bulkAdd([{ id: 'x', creditCode: '91510100MA61234567', updatedAt: 1, deletedFlag: 0 }]);
  expect(old.verno).toBe(6);
  old.close();
  return name;
}

/** The index names IndexedDB itself holds for `store` (not Dexie's idea of them). */
async function storedIndexes(name: string, store: string): Promise<string[]> {
  const request = indexedDB.open(name);
  const idb = await new Promise<IDBDatabase>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  try {
    return [...idb.transaction(store).objectStore(store).indexNames].sort();
  } finally {
    idb.close();
  }
}

/** The database opened at version 7 (version 9 moves the scenarios into pages: migrationV9.test.ts). */
function atV7(name: string): Dexie {
  const db = new Dexie(name);
  declareSchemaVersions(db, 7);
  opened.push(db);
  return db;
}

describe('migration v6 → v7 (unread indexes dropped)', () => {
  it('drops the unread indexes from IndexedDB and keeps every row and every index a query reads', async () => {
    const name = await v6Database();
    const db = atV7(name);
    await db.open();
    expect(db.verno).toBe(7);
    db.close();
    expect(await storedIndexes(name, 'scenarios')).toEqual(['[deletedFlag+regionCode]', 'catalogNumber', 'deletedFlag', 'demoFlag', 'ownerUnitCode', 'status']);
    expect(await storedIndexes(name, 'changes')).toEqual(['[entity+entityId]', 'batchId', 'hlc']);
    expect(await storedIndexes(name, 'pilots')).toEqual(['deletedFlag', 'leadPartnerId', 'projectNumber', 'scenarioId', 'stage', 'updatedAt']);

    const reopened = atV7(name);
    const scenarios = reopened.table('scenarios');
    expect(await scenarios.count()).toBe(4);
    expect(await scenarios.get('c')).toEqual(scenario('c', '510104', 0));
    expect(await scenarios.where('[deletedFlag+regionCode]').between([0, ''], [0, '\uffff']).keys()).toEqual([[0, '510104'], [0, '510107'], [0, '510107']]);
    expect(await scenarios.where('deletedFlag').equals(1).count()).toBe(1);
    expect(await scenarios.where('catalogNumber').equals('SC-b').primaryKeys()).toEqual(['b']);
    expect(await reopened.table('changes').where('hlc').above('').count()).toBe(1);
    expect(await reopened.table('pilots').where('scenarioId').equals('a').count()).toBe(1);
    expect(await reopened.table('partners').where('creditCode').equals('91510100MA61234567').count()).toBe(1);
  });

  it('still refuses a second record with a catalog number already held (the unique index stays)', async () => {
    const scenarios = atV7(await v6Database()).table('scenarios');
    await scenarios.add(scenario('e', '510107', 0));
    await expect(scenarios.add({ ...scenario('f', '510107', 0), catalogNumber: 'SC-a' })).rejects.toThrow(/ConstraintError/);
    expect(await scenarios.count()).toBe(5);
  });
});
