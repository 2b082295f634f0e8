import { generateDemoScenarios } from '../../../../shared/domain/demoData';
import type { Scenario } from '../../../../shared/domain/scenario';
import type { RegionIndex } from '../../../../shared/regions/regions';
import { loadRealRegions } from '../domain/regionsFixture';

/** The shipped region index; the export tests need real names for all three levels. */
export function realRegions(): RegionIndex {
  const regions = loadRealRegions();
  if (!regions) throw new Error('[test] assets/regions/sichuan-regions.json is missing: run `npm run regions`');
  return regions;
}

/** The formula-injection payload every exported format must neutralise. */
export const DDE_PAYLOAD = "=cmd|' /C calc'!A0";

/** Hostile text cells: what each must look like after export (formula-safe, XML-clean). */
export const HOSTILE_TITLES: readonly (readonly [input: string, exported: string])[] = [
  [DDE_PAYLOAD, `'${DDE_PAYLOAD}`],
  ['+SUM(1,2)', "'+SUM(1,2)"],
  ['@cmd', "'@cmd"],
  ['-2+3', "'-2+3"],
  ['\t=1+1', "'\t=1+1"],
  ['<script>&amp;</script> "quoted", comma', '<script>&amp;</script> "quoted", comma'],
  ['控制\u0001字符\u001F与\uFFFE', '控制字符与'],
  ['孤立代理\uD800项', '孤立代理项'],
  ['emoji 🧠 ok', 'emoji 🧠 ok'],
  ['  两端空格  ', '  两端空格  '],
  ['多行\r\n文本\n第三行', '多行\r\n文本\n第三行'],
];

/** ~200 demo scenarios with hostile titles and phones mixed in, deterministic. */
export function exportScenarios(regions: RegionIndex, count = 200): Scenario[] {
  const rows = generateDemoScenarios(count, regions, { seed: 42, year: 2026 });
  return rows.map((row, i) => {
    const hostile = HOSTILE_TITLES[i];
    if (hostile) return { ...row, title: hostile[0], description: hostile[0] };
    if (i === 20) return { ...row, contactPhone: '+86 138 1234 5678' };
    if (i === 21) return { ...row, contactPhone: '028-85422114', requirements: '_x0041_ 字面量' };
    return row;
  });
}
