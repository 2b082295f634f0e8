/**
 * The bench's seeding of the app's own database: `count` demo scenarios written as the 武侯区
 * county office (writeDemoRows, one transaction), from the page (benchApi.seedAppDb) or from a
 * worker (seedWorker.ts). Resolves to the records written.
 */
import { generateDemoScenarios } from '../../shared/domain/demoData';
import { asRegionCode, type RegionIndex } from '../../shared/regions/regions';
import { AtlasDb } from '../db/atlasDb';
import { writeDemoRows } from '../db/demoRepository';

export async function seedAppDb(regions: RegionIndex, count: number): Promise<number> {
  const db = new AtlasDb();
  try {
    const rows = generateDemoScenarios(count, regions, { seed: 3, year: 2026 });
    const result = await writeDemoRows({ db, regions, actor: { unitCode: asRegionCode('510107'), role: 'county' }, now: () => Date.now(), newId: () => crypto.randomUUID() }, rows);
    if (!result.ok) throw new Error(result.message);
    return result.value.count;
  } finally {
    db.close();
  }
}
