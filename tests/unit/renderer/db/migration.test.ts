import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { generateDemoScenarios } from '../../../../shared/domain/demoData';
import { AtlasDb } from '../../../../renderer/db/atlasDb';
import { scenarioRowsWhere } from '../../../../renderer/db/scenarioPages';
import { CURRENT_SCHEMA_VERSION, SCHEMA_VERSIONS } from '../../../../renderer/db/schema';
import { schemaV1, type ScenarioRowV1 } from '../../../../renderer/db/schema/v1';
import { countLiveByRegion } from '../../../../renderer/db/scenarioRepository';
import { regions } from './dbTestKit';

const opened: Dexie[] = [];
afterEach(() => {
  for (const d of opened.splice(0)) d.close();
});

function v1Row(index: number, overrides: Partial<ScenarioRowV1> = {}): ScenarioRowV1 {
  const [scenario] = generateDemoScenarios(1, regions, { seed: index + 1, year: 2026 });
  if (!scenario) throw new Error('no demo scenario');
  return { ...scenario, catalogNumber: `510107-2026-${String(index + 1).padStart(4, '0')}`, regionCode: scenario.regionCode, isDemo: false, deletedFlag: 0, demoFlag: 0, ...overrides };
}

describe('schema versions', () => {
  it('are listed in order, each one higher than the last', () => {
    const versions = SCHEMA_VERSIONS.map((s) => s.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    expect(CURRENT_SCHEMA_VERSION).toBe(12);
  });
});

describe('migration v1 → v2', () => {
  it('adds searchText to every row, the region-count index and the savedViews table, keeping the data', async () => {
    const name = `atlas-migration-${Math.random().toString(36).slice(2)}`;
    // Seed a database exactly as version 1 shipped it.
    const old = new Dexie(name);
    opened.push(old);
    old.version(schemaV1.version).stores(schemaV1.stores);
    const rows = [
      v1Row(0, { title: '非侵入式脑机接口康复训练', regionCode: '510107' as ScenarioRowV1['regionCode'] }),
      v1Row(1, { regionCode: '510107' as ScenarioRowV1['regionCode'] }),
      v1Row(2, { deletedAt: 1, deletedFlag: 1, regionCode: '510104' as ScenarioRowV1['regionCode'] }),
    ];
    await old.table('scenarios').bulkAdd(rows);
    await old.table('changes').add({ id: 'c1', entity: 'scenario', entityId: rows[0]?.id, op: 'create', changes: {}, unitCode: '510107', actorRole: 'county', hlc: '000001772323200000-0000-510107', at: 1 });
    await old.table('meta').put({ key: 'hlc', value: '000001772323200000-0000-510107' });
    expect(old.verno).toBe(1);
    old.close();

    const db = new AtlasDb(name);
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    const migrated = await scenarioRowsWhere(db);
    expect(migrated).toHaveLength(3);
    for (const row of migrated) {
      const before = rows.find((r) => r.id === row.id);
      expect(row).toMatchObject(before ?? {});
      expect(typeof row.searchText).toBe('string');
      expect(row.searchText).toContain(row.catalogNumber);
    }
    // "脑机" finds the title with no word breaks.
    expect(migrated.filter((r) => r.searchText.includes('脑机')).map((r) => r.id)).toContain(rows[0]?.id);
    // The new compound index answers, and counts live rows only.
    expect(Object.fromEntries(await countLiveByRegion(db))).toEqual({ '510107': 2 });
    // The new table exists; the log and meta survived.
    expect(await db.savedViews.count()).toBe(0);
    expect(await db.changes.count()).toBe(1);
    expect((await db.meta.get('hlc'))?.value).toBe('000001772323200000-0000-510107');
  });

  it('opens an empty version-1 database too', async () => {
    const name = `atlas-migration-empty-${Math.random().toString(36).slice(2)}`;
    const old = new Dexie(name);
    opened.push(old);
    old.version(1).stores(schemaV1.stores);
    await old.open();
    old.close();
    const db = new AtlasDb(name);
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    expect(await scenarioRowsWhere(db)).toHaveLength(0);
  });
});
