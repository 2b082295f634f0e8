/**
 * Builds the page import bench's file (our own XLSX export of `count` demo scenarios owned by the
 * province) off the page: building it on the page left ≈ 130 MB of garbage whose collection then
 * landed in the measured check as a long task the app never has (its file comes from disk).
 */
import { generateDemoScenarios } from '../../shared/domain/demoData';
import { asRegionCode } from '../../shared/regions/regions';
import { writeScenarioXlsx } from '../../shared/spreadsheet/scenarioWorkbook';
import { loadRegions } from '../regions/loadRegions';

/** The parts of DedicatedWorkerGlobalScope used here (the renderer's tsconfig has the DOM lib, not WebWorker). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<{ readonly count: number }>) => void) | null;
  postMessage(message: Uint8Array, transfer: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = async function buildWorkbook(event) {
  const regions = await loadRegions();
  const scenarios = generateDemoScenarios(event.data.count, regions, { seed: 5, year: 2026, ownerUnitCode: asRegionCode('510000') });
  const bytes = writeScenarioXlsx(scenarios, regions);
  scope.postMessage(bytes, [bytes.buffer]);
};
