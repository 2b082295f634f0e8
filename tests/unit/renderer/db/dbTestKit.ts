// Shared set-up of the database tests: fake IndexedDB, the real region data, a deterministic context.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { asRegionCode, createRegionIndex, parseRegionAsset, type RegionIndex } from '../../../../shared/regions/regions';
import type { Role } from '../../../../shared/settings/settings';
import { generateDemoScenarios } from '../../../../shared/domain/demoData';
import type { Scenario } from '../../../../shared/domain/scenario';
import { AtlasDb } from '../../../../renderer/db/atlasDb';
import { afterEach } from 'vitest';
import type { WriteContext, WriteResult } from '../../../../renderer/db/writePath';

const ASSET_PATH = fileURLToPath(new URL('../../../../assets/regions/sichuan-regions.json', import.meta.url));

function loadRegions(): RegionIndex {
  const parsed = parseRegionAsset(JSON.parse(readFileSync(ASSET_PATH, 'utf8')));
  if (!parsed.ok) throw new Error(`[dbTestKit] ${parsed.message}`);
  return createRegionIndex(parsed.value);
}

/** The shipped region index (parsed once). */
export const regions: RegionIndex = loadRegions();

let dbCount = 0;
/** A database with a name no other test uses. */
export function freshDb(): AtlasDb {
  dbCount += 1;
  return new AtlasDb(`atlas-test-${String(dbCount)}-${Math.random().toString(36).slice(2)}`);
}

/** 2026-03-01T00:00:00Z; the clock of the tests starts here. */
export const T0 = Date.UTC(2026, 2, 1);
/** The catalog-number year of records created at {@link T0}. */
export const YEAR = new Date(T0).getFullYear();

/**
 * `count` whole records of 武侯区 owned by it, placed at its centre and to be numbered (场景编号 ''):
 * what an import by the Wuhou county office writes.
 */
export function wuhouScenarios(count: number, seed: number): Scenario[] {
  const wuhou = asRegionCode('510107');
  const center = regions.get(wuhou)?.center ?? [104, 30.6];
  return generateDemoScenarios(count, regions, { seed, year: YEAR, ownerUnitCode: wuhou }).map((row) => ({
    ...row,
    regionCode: wuhou,
    openingLevel: 'county' as const,
    location: { lng: center[0], lat: center[1] },
    isPlaced: true,
    isDemo: false,
    catalogNumber: '',
  }));
}

/** Deterministic v4-shaped UUIDs from a counter. */
export function idMaker(prefix = 0): () => string {
  let n = 0;
  return () => {
    n += 1;
    return `${String(prefix).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
  };
}

/** A write context for a unit; `clock.now` moves only when the test moves it (`clock.t`). */
export function makeContext(
  db: AtlasDb,
  unitCode = '510107',
  role: Role = 'county',
  options: { readonly clock?: { t: number }; readonly idPrefix?: number } = {},
): WriteContext & { readonly clock: { t: number } } {
  const clock = options.clock ?? { t: T0 };
  return { db, regions, actor: { unitCode: asRegionCode(unitCode), role }, now: () => clock.t, newId: idMaker(options.idPrefix ?? Number(unitCode)), clock };
}

const WUHOU = regions.get('510107');
if (!WUHOU) throw new Error('[dbTestKit] 武侯区 missing from the region data');

/** A valid form input for a 武侯区 county-level scenario. */
export function wuhouInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: '华西医院非侵入式脑机接口康复训练病区',
    field: 'medical',
    techDirections: ['non_invasive_bci'],
    openingLevel: 'county',
    regionCode: '510107',
    ownerUnit: '四川大学华西医院',
    location: { lng: WUHOU?.center[0], lat: WUHOU?.center[1] },
    isPlaced: true,
    address: '成都市武侯区国学巷37号',
    description: '康复医学科病区，开放床位用于脑机接口康复训练试点。',
    requirements: '寻求非侵入式脑机接口康复训练系统。',
    resourcesOffered: '床位 20 张',
    partnerSlots: 2,
    openFrom: '2026-03-01',
    openUntil: '2027-02-28',
    contactName: '张老师',
    contactPhone: '028-85551234',
    contactEmail: 'bci@example.com',
    batch: null,
    ...overrides,
  };
}

/**
 * A factory of fresh databases for one test file, each closed after its test. Call at the top
 * level of the file (it registers an afterEach).
 */
export function freshDbsPerTest(): () => AtlasDb {
  const opened: AtlasDb[] = [];
  afterEach(() => {
    for (const db of opened.splice(0)) db.close();
  });
  return function db(): AtlasDb {
    const fresh = freshDb();
    opened.push(fresh);
    return fresh;
  };
}

/** The value of a write that must succeed; fails the test with the write's message otherwise. */
export function okValue<T>(result: WriteResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error}: ${result.message}`);
  return result.value;
}
