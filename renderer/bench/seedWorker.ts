/**
 * Writes `count` demo scenarios into the app's database from a worker, as the import worker writes
 * an import (renderer/features/import/importWorker.ts): the open app learns of it only through
 * Dexie's cross-context notice, and then reads the rows again. (A write from the page itself would
 * also make the page's Dexie fit its own 100k mutations into its live-query cache, seconds of work
 * no import or exchange package makes it do.)
 */
import { generateDemoScenarios } from '../../shared/domain/demoData';
import { asRegionCode } from '../../shared/regions/regions';
import { AtlasDb } from '../db/atlasDb';
import { writeDemoRows } from '../db/demoRepository';
import { loadRegions } from '../regions/loadRegions';

/** The parts of DedicatedWorkerGlobalScope used here (the renderer's tsconfig has the DOM lib, not WebWorker). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<{ readonly count: number }>) => void) | null;
  postMessage(message: { readonly written: number } | { readonly error: string }): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = async function seed(event) {
  const regions = await loadRegions();
  const db = new AtlasDb();
  try {
    const rows = generateDemoScenarios(event.data.count, regions, { seed: 3, year: 2026 });
    const result = await writeDemoRows({ db, regions, actor: { unitCode: asRegionCode('510107'), role: 'county' }, now: () => Date.now(), newId: () => crypto.randomUUID() }, rows);
    scope.postMessage(result.ok ? { written: result.value.count } : { error: result.message });
  } finally {
    db.close();
  }
};
