import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { generateDemoScenarios } from '../../../../shared/domain/demoData';
import { buildSearchText } from '../../../../shared/domain/scenarioFilter';
import { completeCreditCode } from '../../../../shared/partners/creditCode';
import { AtlasDb, toPartnerRow, toPilotRow, type PartnerRow } from '../../../../renderer/db/atlasDb';
import { scenarioRowsWhere } from '../../../../renderer/db/scenarioPages';
import { schemaV1 } from '../../../../renderer/db/schema/v1';
import { schemaV2 } from '../../../../renderer/db/schema/v2';
import { CURRENT_SCHEMA_VERSION } from '../../../../renderer/db/schema';
import { asPartnerId, type Partner } from '../../../../shared/partners/partner';
import { asPilotId, type Pilot } from '../../../../shared/partners/pilot';
import { asRegionCode } from '../../../../shared/regions/regions';
import { regions } from './dbTestKit';

const opened: Dexie[] = [];
afterEach(() => {
  for (const d of opened.splice(0)) d.close();
});

const CODE = completeCreditCode('9151010720260001');
if (CODE === null) throw new Error('test credit code');

function partner(id: string, creditCode: string): Partner {
  return {
    id: asPartnerId(id),
    name: '成都脑机科技有限公司',
    type: 'enterprise',
    creditCode: creditCode as Partner['creditCode'],
    regionCode: asRegionCode('510107'),
    contactName: '',
    contactPhone: '',
    contactEmail: '',
    ownerUnitCode: asRegionCode('510107'),
    createdAt: 1,
    updatedAt: 1,
    version: 1,
    deletedAt: null,
  };
}

describe('migration v2 → v3', () => {
  it('keeps scenarios, log and meta and adds empty partners, pilots, applications and stars', async () => {
    const name = `atlas-migration-v3-${Math.random().toString(36).slice(2)}`;
    // Seed a database exactly as version 2 shipped it (v1 stores, then v2's).
    const old = new Dexie(name);
    opened.push(old);
    old.version(schemaV1.version).stores(schemaV1.stores);
    old.version(schemaV2.version).stores(schemaV2.stores);
    const [scenario] = generateDemoScenarios(1, regions, { seed: 7, year: 2026 });
    if (!scenario) throw new Error('no demo scenario');
    const row = { ...scenario, isDemo: false, deletedFlag: 0, demoFlag: 0, searchText: buildSearchText(scenario) };
    await old.table('scenarios').add(row);
    await old.table('savedViews').add({ id: 'v1', name: '医疗', query: 'field=medical', createdAt: 1, updatedAt: 1 });
    await old.table('meta').put({ key: 'hlc', value: '000001772323200000-0000-510107' });
    expect(old.verno).toBe(2);
    old.close();

    const db = new AtlasDb(name);
    opened.push(db);
    await db.open();
    // Opens at the current version (v4 and later add tables only; they have their own tests).
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    expect(await scenarioRowsWhere(db)).toEqual([row]);
    expect(await db.savedViews.count()).toBe(1);
    expect((await db.meta.get('hlc'))?.value).toBe('000001772323200000-0000-510107');
    expect(await db.partners.count()).toBe(0);
    expect(await db.pilots.count()).toBe(0);
    expect(await db.applications.count()).toBe(0);
    expect(await db.stars.count()).toBe(0);
    const tables = Object.fromEntries(db.tables.map((t) => [t.name, t.schema.indexes.map((i) => i.name).sort()]));
    expect(tables['partners']).toEqual(['creditCode', 'deletedFlag', 'updatedAt']);
    expect(tables['pilots']).toEqual(['deletedFlag', 'leadPartnerId', 'projectNumber', 'scenarioId', 'stage', 'updatedAt']);
    expect(tables['applications']).toEqual(['scenarioId', 'updatedAt']);
    expect(db.table('stars').schema.primKey.name).toBe('scenarioId');
  });

  it('refuses a second partner row with the same credit code (the unique index)', async () => {
    const db = new AtlasDb(`atlas-v3-unique-${Math.random().toString(36).slice(2)}`);
    opened.push(db);
    await db.partners.add(toPartnerRow(partner('00000000-0000-4000-8000-000000000001', CODE)));
    const second: PartnerRow = toPartnerRow(partner('00000000-0000-4000-8000-000000000002', CODE));
    await expect(db.partners.add(second)).rejects.toThrow();
    expect(await db.partners.count()).toBe(1);
  });

  it('stores a pilot with its lead partner copied for the index', async () => {
    const db = new AtlasDb(`atlas-v3-pilot-${Math.random().toString(36).slice(2)}`);
    opened.push(db);
    const lead = asPartnerId('00000000-0000-4000-8000-000000000001');
    const pilot: Pilot = {
      id: asPilotId('00000000-0000-4000-8000-0000000000a1'),
      projectNumber: 'P-510107-2026-0001',
      title: '康复训练试点',
      summary: '',
      scenarioId: '00000000-0000-4000-8000-0000000000b1' as Pilot['scenarioId'],
      partners: [
        { partnerId: asPartnerId('00000000-0000-4000-8000-000000000009'), isLead: false },
        { partnerId: lead, isLead: true },
      ],
      techDirection: 'non_invasive_bci',
      stage: 'applied',
      plannedStart: null,
      plannedEnd: null,
      actualStart: null,
      actualEnd: null,
      investment: null,
      milestones: [],
      indicators: [],
      regulatory: null,
      ipOutcomes: [],
      ownerUnitCode: asRegionCode('510107'),
      createdAt: 1,
      updatedAt: 1,
      version: 1,
      deletedAt: null,
    };
    await db.pilots.add(toPilotRow(pilot));
    expect(await db.pilots.where('leadPartnerId').equals(lead).primaryKeys()).toEqual([pilot.id]);
    expect(await db.pilots.where({ stage: 'applied' }).count()).toBe(1);
    expect(toPilotRow({ ...pilot, partners: [] }).leadPartnerId).toBe('');
  });
});
