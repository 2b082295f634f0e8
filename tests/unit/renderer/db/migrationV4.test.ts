import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { generateDemoScenarios } from '../../../../shared/domain/demoData';
import { buildSearchText } from '../../../../shared/domain/scenarioFilter';
import { AtlasDb } from '../../../../renderer/db/atlasDb';
import { scenarioRowsWhere } from '../../../../renderer/db/scenarioPages';
import { schemaV1 } from '../../../../renderer/db/schema/v1';
import { schemaV2 } from '../../../../renderer/db/schema/v2';
import { schemaV3 } from '../../../../renderer/db/schema/v3';
import { regions } from './dbTestKit';

const opened: Dexie[] = [];
afterEach(() => {
  for (const d of opened.splice(0)) d.close();
});

describe('migration v3 → v4 (exchange tables)', () => {
  it('keeps every v3 table and adds empty exchange tables with their indexes', async () => {
    const name = `atlas-migration-v4-${Math.random().toString(36).slice(2)}`;
    const old = new Dexie(name);
    opened.push(old);
    old.version(schemaV1.version).stores(schemaV1.stores);
    old.version(schemaV2.version).stores(schemaV2.stores);
    old.version(schemaV3.version).stores(schemaV3.stores);
    const [scenario] = generateDemoScenarios(1, regions, { seed: 9, year: 2026 });
    if (!scenario) throw new Error('no demo scenario');
    const row = { ...scenario, isDemo: false, deletedFlag: 0, demoFlag: 0, searchText: buildSearchText(scenario) };
    await old.table('scenarios').add(row);
    await old.table('changes').add({ id: 'c1', entity: 'scenario', entityId: scenario.id, op: 'create', changes: {}, unitCode: '510107', actorRole: 'county', hlc: '000001772323200000-0000-510107', at: 1 });
    await old.table('stars').add({ scenarioId: scenario.id, starredAt: 1 });
    expect(old.verno).toBe(3);
    old.close();

    const db = new AtlasDb(name);
    opened.push(db);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(4);
    expect(await scenarioRowsWhere(db)).toEqual([row]);
    expect(await db.changes.count()).toBe(1);
    expect(await db.stars.count()).toBe(1);
    for (const table of [db.trustedKeys, db.mergeEntries, db.exchangeLog, db.attestations, db.conflicts, db.packageLog]) expect(await table.count()).toBe(0);
    const indexes = Object.fromEntries(db.tables.map((t) => [t.name, [t.schema.primKey.name, ...t.schema.indexes.map((i) => i.name).sort()]]));
    expect(indexes['trustedKeys']).toEqual(['[unit+publicKey]', 'unit']);
    expect(indexes['exchangeLog']).toEqual(['changeId', 'seq']);
    expect(indexes['conflicts']).toEqual(['id', 'createdAt', 'entityId', 'resolvedFlag']);
    expect(indexes['packageLog']).toEqual(['id', 'at', 'direction', 'peerUnit']);
  });

  it('enforces one exchange-log entry per seq', async () => {
    const db = new AtlasDb(`atlas-v4-seq-${Math.random().toString(36).slice(2)}`);
    opened.push(db);
    await db.exchangeLog.add({ changeId: 'a', seq: 1, attestation: null });
    await expect(db.exchangeLog.add({ changeId: 'b', seq: 1, attestation: null })).rejects.toThrow();
  });
});
