/**
 * The bench's seeding of a database: `count` demo scenarios written as the 武侯区 county office
 * (writeDemoRows, one transaction). {@link seedAppDb} fills the app's own database, from the page
 * (benchApi.seedAppDb) or from a worker (seedWorker.ts); {@link seedDb} any open one (backupBench.ts).
 * Both resolve to the records written.
 */
import { generateDemoScenarios } from '../../shared/domain/demoData';
import { asRegionCode, type RegionIndex } from '../../shared/regions/regions';
import { AtlasDb } from '../db/atlasDb';
import { writeDemoRows } from '../db/demoRepository';

/**
 * Writes `count` demo scenarios (generated from `seed`) into `db`. The generated rows are garbage
 * once written: a caller that measures afterwards does not keep 100k of them alive on its page.
 */
export async function seedDb(db: AtlasDb, regions: RegionIndex, count: number, seed: number): Promise<number> {
  const rows = generateDemoScenarios(count, regions, { seed, year: 2026 });
  const result = await writeDemoRows({ db, regions, actor: { unitCode: asRegionCode('510107'), role: 'county' }, now: () => Date.now(), newId: () => crypto.randomUUID() }, rows);
  if (!result.ok) throw new Error(result.message);
  return result.value.count;
}

export async function seedAppDb(regions: RegionIndex, count: number): Promise<number> {
  const db = new AtlasDb();
  try {
    return await seedDb(db, regions, count, 3);
  } finally {
    db.close();
  }
}
