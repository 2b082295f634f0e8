/**
 * `npm run demo`: writes generated demo scenarios (shared/domain/demoData.ts, the same generator as
 * the app's “加载演示数据” button and the benchmarks) to a spreadsheet that the register imports.
 * The records carry 演示数据 = 是, so the app keeps them marked and removes them in one step.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateDemoScenarios } from '../../shared/domain/demoData';
import { asRegionCode, createRegionIndex, parseRegionAsset } from '../../shared/regions/regions';
import { writeScenarioCsv, writeScenarioXlsx } from '../../shared/spreadsheet/scenarioWorkbook';
import { DEMO_USAGE, parseDemoArguments } from './demoArguments';

function main(): number {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        count: { type: 'string' },
        seed: { type: 'string' },
        year: { type: 'string' },
        owner: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${DEMO_USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(DEMO_USAGE);
    return 0;
  }
  const asset = parseRegionAsset(JSON.parse(readFileSync('assets/regions/sichuan-regions.json', 'utf8')));
  if (!asset.ok) {
    console.error(`[demo] region asset: ${asset.message}`);
    return 1;
  }
  const regions = createRegionIndex(asset.value);
  const parsed = parseDemoArguments(values, { thisYear: new Date().getFullYear(), hasRegion: (code) => regions.has(code) });
  if (!parsed.ok) {
    console.error(`${parsed.message}\n\n${DEMO_USAGE}`);
    return 2;
  }
  const { count, seed, year, owner, format, out } = parsed.value;
  const started = performance.now();
  const scenarios = generateDemoScenarios(count, regions, {
    seed,
    year,
    ...(owner === null ? {} : { ownerUnitCode: asRegionCode(owner) }),
  });
  const bytes = format === 'xlsx' ? writeScenarioXlsx(scenarios, regions) : writeScenarioCsv(scenarios, regions);
  // Written aside and renamed, so an interrupted run never leaves half a file under the real name.
  const target = resolve(out);
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, bytes);
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    console.error(`[demo] 无法写入 / cannot write ${target}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`已生成 ${count} 条演示场景 / wrote ${count} demo scenarios (seed ${seed}, ${format}, ${seconds} s): ${target}`);
  console.log('在“场景台账 → 导入”中选择该文件；这些记录标为演示数据，可用“移除演示数据”一次移除。');
  return 0;
}

process.exitCode = main();
