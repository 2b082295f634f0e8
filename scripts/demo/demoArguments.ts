/**
 * Arguments of `npm run demo` (scripts/demo/demoData.ts): how many demo scenarios, which seed and
 * year, whose they are, and the file to write. Kept apart from the script so the rules are tested.
 */
import { MAX_DEMO_COUNT } from '../../shared/domain/demoData';

/** Output formats: the export workbook, or its 场景目录 sheet as CSV (UTF-8 with BOM). */
export type DemoFormat = 'xlsx' | 'csv';

/** Checked arguments. */
export interface DemoArguments {
  readonly count: number;
  readonly seed: number;
  readonly year: number;
  /** Region code of the unit that will import the file (it owns the records), or null for each region's own. */
  readonly owner: string | null;
  readonly format: DemoFormat;
  readonly out: string;
}

/** The raw option values (node:util parseArgs output). */
export interface RawDemoOptions {
  readonly count?: string | undefined;
  readonly seed?: string | undefined;
  readonly year?: string | undefined;
  readonly owner?: string | undefined;
  readonly format?: string | undefined;
  readonly out?: string | undefined;
}

/** Usage text printed for --help and after a bad argument. */
export const DEMO_USAGE = `用法 / usage: npm run demo -- [--count 2000] [--seed 1] [--year 2026] [--owner 510107] [--format xlsx|csv] [--out 演示场景.xlsx]

  --count   场景条数 / number of scenarios (1–${MAX_DEMO_COUNT.toLocaleString('en')}), default 2000
  --seed    随机种子：相同种子生成相同数据 / same seed, same records, default 1
  --year    编号年份 / catalog-number year, default this year
  --owner   导入单位的行政区划代码：记录归其所有 / region code of the importing unit, which will own the records;
            without it each record belongs to the unit of its own region (a merged provincial register)
  --format  xlsx (导出工作簿格式) or csv (场景目录, UTF-8 BOM), default from --out or xlsx
  --out     输出文件 / output file, default 演示场景-<count>.<format>

Import the file in 场景台账 → 导入; the records are marked 演示数据 and “移除演示数据” removes them in one step.`;

function integer(value: string | undefined, fallback: number, name: string, min: number, max: number): number | string {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value.trim())) return `--${name} 须为整数 / must be a whole number: ${value}`;
  const number = Number(value);
  if (number < min || number > max) return `--${name} 须在 ${min}–${max} 之间 / must be ${min}–${max}: ${value}`;
  return number;
}

/** Checks the options; returns the arguments or a message naming the bad one. */
export function parseDemoArguments(
  raw: RawDemoOptions,
  context: { readonly thisYear: number; readonly hasRegion: (code: string) => boolean },
): { readonly ok: true; readonly value: DemoArguments } | { readonly ok: false; readonly message: string } {
  const count = integer(raw.count, 2000, 'count', 1, MAX_DEMO_COUNT);
  if (typeof count === 'string') return { ok: false, message: count };
  const seed = integer(raw.seed, 1, 'seed', 0, 2 ** 32 - 1);
  if (typeof seed === 'string') return { ok: false, message: seed };
  const year = integer(raw.year, context.thisYear, 'year', 2000, 2100);
  if (typeof year === 'string') return { ok: false, message: year };
  const owner = raw.owner?.trim() ?? null;
  if (owner !== null && !context.hasRegion(owner)) {
    return { ok: false, message: `--owner 不是四川省的行政区划代码 / not a Sichuan region code: ${owner}` };
  }
  const extension = raw.out?.toLowerCase().match(/\.(xlsx|csv)$/)?.[1];
  const format = raw.format ?? extension ?? 'xlsx';
  if (format !== 'xlsx' && format !== 'csv') {
    return { ok: false, message: `--format 只能是 xlsx 或 csv / must be xlsx or csv: ${format}` };
  }
  if (extension !== undefined && extension !== format) {
    return { ok: false, message: `--out 的扩展名与 --format 不一致 / extension does not match the format: ${raw.out ?? ''}` };
  }
  const out = raw.out?.trim() || `演示场景-${count}.${format}`;
  return { ok: true, value: { count, seed, year, owner, format, out } };
}
