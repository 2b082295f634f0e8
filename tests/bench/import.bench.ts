/**
 * Import speed (issue 5): `xlsx_import_100k_ms` is the time to read a 100k-row register XLSX (our
 * own export of 100k demo scenarios, all columns) and plan its import — every row mapped, turned
 * into a scenario and validated with the shared rules, exactly what the import worker runs
 * (shared/spreadsheet/importSpreadsheet.ts). Target ≤ 10 s. The read and the plan are also
 * reported apart, and CPU time beside wall time (the machine is shared).
 */
import { readFileSync } from 'node:fs';
import { generateDemoScenarios } from '../../shared/domain/demoData';
import { asRegionCode, createRegionIndex, parseRegionAsset, type RegionCode, type RegionIndex } from '../../shared/regions/regions';
import { readImportFile } from '../../shared/spreadsheet/importFile';
import { planImport, type ImportContext } from '../../shared/spreadsheet/scenarioImport';
import { writeScenarioXlsx } from '../../shared/spreadsheet/scenarioWorkbook';
import { median, report } from './report';

const COUNT = 100_000;
const RUNS = 3;

function loadRegions(): RegionIndex {
  const parsed = parseRegionAsset(JSON.parse(readFileSync('assets/regions/sichuan-regions.json', 'utf8')));
  if (!parsed.ok) throw new Error(`[bench] region asset invalid: ${parsed.message}`);
  return createRegionIndex(parsed.value);
}

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/**
 * Our own export of 100k demo scenarios, owned by the province so one unit (the province office)
 * may import every row. In a function of its own so the 100k generated records are garbage before
 * the timing starts: the import worker never holds them, and the measured import should not pay
 * for collecting around them.
 */
function registerWorkbook(regions: RegionIndex, province: RegionCode): Uint8Array {
  return writeScenarioXlsx(generateDemoScenarios(COUNT, regions, { seed: 5, year: 2026, ownerUnitCode: province }), regions);
}

/** Prints the import figures of issue 5. */
export function benchImport(): void {
  const regions = loadRegions();
  const province = asRegionCode('510000');
  const bytes = registerWorkbook(regions, province);
  let n = 0;
  const ctx: ImportContext = {
    regions,
    unitCode: province,
    existingByNumber: new Map(),
    existingIds: new Set(),
    now: Date.UTC(2026, 5, 1),
    newId: () => `00000000-0000-4000-8000-${(n += 1).toString(16).padStart(12, '0')}`,
  };
  const total: number[] = [];
  const cpu: number[] = [];
  const read: number[] = [];
  const plan: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const grid = readImportFile('bench.xlsx', bytes);
    const t1 = performance.now();
    if (!grid.ok) throw new Error(`[bench] import refused: ${grid.message}`);
    const planned = planImport(grid.value, ctx);
    const t2 = performance.now();
    if (!planned.ok) throw new Error(`[bench] plan refused: ${planned.message}`);
    if (planned.value.counts.new !== COUNT) throw new Error(`[bench] expected ${COUNT} new rows, got ${JSON.stringify(planned.value.counts)}`);
    total.push(t2 - t0);
    read.push(t1 - t0);
    plan.push(t2 - t1);
    cpu.push(cpuMsSince(cpu0));
  }
  report('xlsx_import_100k_ms', median(total), 'ms');
  report('xlsx_import_100k_cpu_ms', median(cpu), 'ms');
  report('xlsx_import_100k_read_ms', median(read), 'ms');
  report('xlsx_import_100k_validate_ms', median(plan), 'ms');
  report('xlsx_import_100k_file_mb', bytes.length / 1e6, 'MB');
}
