/**
 * The import template (issue 5): an .xlsx whose 场景目录 sheet has DOMAIN's Chinese labels as its
 * header, a drop-down list (data validation) on every enumerated column, and a 填写说明 sheet that
 * says what goes where. Built with ExcelJS's normal API — a template is one header row, so the
 * memory that rules ExcelJS out for exports does not matter here — and loaded only when asked for.
 */
import ExcelJS from 'exceljs';
import { MAX_PARTNER_SLOTS, SCENARIO_TEXT_LIMITS } from '../../../shared/domain/scenario';
import { SUSPENDABLE_STATUSES } from '../../../shared/domain/scenarioStatus';
import { APPLICATION_FIELDS, OPENING_LEVELS, SCENARIO_FIELD_LABELS, SCENARIO_STATUSES, TECH_DIRECTIONS, type VocabularyEntry } from '../../../shared/domain/vocabulary';
import { LIST_SEPARATOR } from '../../../shared/spreadsheet/scenarioColumns';
import { MAX_IMPORT_FILE_BYTES } from '../../../shared/spreadsheet/importFile';

/** Sheet names of the template. */
export const TEMPLATE_SHEETS = { data: '场景目录', help: '填写说明', lists: '选项' } as const;

/** Rows that get the drop-down lists (Excel stores one range per column, so this costs nothing per row). */
export const TEMPLATE_ROWS = 2000;

type Need = '必填' | '选填';

/** One template column: its header (a DOMAIN label), whether it is required, what to write, and its list if enumerated. */
interface TemplateColumn {
  readonly header: string;
  readonly need: Need;
  readonly note: string;
  readonly width: number;
  readonly list?: readonly VocabularyEntry<string>[];
  /** A list cell that may hold several entries joined with 、 (Excel warns, but lets it stand). */
  readonly isMulti?: boolean;
  readonly numFmt?: string;
}

const L = SCENARIO_FIELD_LABELS;
const SUSPENDABLE = SCENARIO_STATUSES.filter((status) => (SUSPENDABLE_STATUSES as readonly string[]).includes(status.key));

/** The template's columns, in the order a person fills a catalog entry. */
export const TEMPLATE_COLUMNS: readonly TemplateColumn[] = [
  { header: L.catalogNumber.zh, need: '选填', note: '新场景留空，导入时自动编号；填写已有编号（如 510107-2026-0001）则更新该场景或跳过（导入时选择）。', width: 18, numFmt: '@' },
  { header: L.title.zh, need: '必填', note: `不超过 ${SCENARIO_TEXT_LIMITS.title} 字。`, width: 36 },
  { header: L.field.zh, need: '必填', note: '从下拉列表选择。', width: 18, list: APPLICATION_FIELDS },
  { header: L.techDirections.zh, need: '必填', note: `从下拉列表选择；有多个时用“${LIST_SEPARATOR}”分隔，如“非侵入式脑机接口${LIST_SEPARATOR}闭环神经调控”。`, width: 30, list: TECH_DIRECTIONS, isMulti: true },
  { header: L.openingLevel.zh, need: '选填', note: '省级 / 市级 / 县级；留空时按所属地区的级别确定。须与所属地区一致。', width: 10, list: OPENING_LEVELS },
  { header: L.regionCode.zh, need: '必填', note: '六位地区代码（如 510107）或地区名称（如 武侯区、成都市武侯区）；重名的地区请填代码。省级场景填 510000 或 四川省。', width: 16, numFmt: '@' },
  { header: L.ownerUnit.zh, need: '必填', note: `提供场景的医院、企业、机关或场所，不超过 ${SCENARIO_TEXT_LIMITS.ownerUnit} 字。`, width: 28 },
  { header: '纬度', need: '选填', note: 'WGS-84 十进制度数（如 30.6428）；与经度同时填写，留空则暂用所属地区中心点。', width: 11 },
  { header: '经度', need: '选填', note: 'WGS-84 十进制度数（如 104.0431）。', width: 11 },
  { header: L.address.zh, need: '选填', note: `不超过 ${SCENARIO_TEXT_LIMITS.address} 字。`, width: 36 },
  { header: L.description.zh, need: '选填', note: '场景是什么、能提供什么。', width: 40 },
  { header: L.requirements.zh, need: '选填', note: '寻求什么技术或解决方案。', width: 40 },
  { header: L.resourcesOffered.zh, need: '选填', note: '床位、场地、数据、设备、人员、资金等。', width: 30 },
  { header: L.partnerSlots.zh, need: '选填', note: `0 至 ${MAX_PARTNER_SLOTS} 的整数，留空为 0。`, width: 10 },
  { header: L.openFrom.zh, need: '选填', note: '日期，如 2026-03-01（也可写 2026/3/1 或 2026年3月1日）。', width: 14, numFmt: 'yyyy-mm-dd' },
  { header: L.openUntil.zh, need: '选填', note: '日期，不早于开始日期。', width: 14, numFmt: 'yyyy-mm-dd' },
  { header: L.contactName.zh, need: '选填', note: '', width: 10 },
  { header: L.contactPhone.zh, need: '选填', note: '手机号（13812345678）、带区号的固定电话（028-85551234）或 400/800 号码。', width: 16, numFmt: '@' },
  { header: L.contactEmail.zh, need: '选填', note: '如 name@example.com。', width: 24 },
  { header: L.status.zh, need: '选填', note: '新场景的状态，留空为“草稿”；已有场景的状态不通过导入修改。', width: 10, list: SCENARIO_STATUSES },
  { header: L.suspendedFrom.zh, need: '选填', note: '仅当状态为“暂停”时填写：已开放、已对接或试点中。', width: 12, list: SUSPENDABLE },
  { header: L.batch.zh, need: '选填', note: `发布该场景的名单或批次，不超过 ${SCENARIO_TEXT_LIMITS.batch} 字。`, width: 14 },
];

const GENERAL_NOTES: readonly string[] = [
  '1. 在“场景目录”工作表中从第 2 行起每行填写一个场景，不要修改第 1 行的列名；列的顺序可以调整，不需要的选填列可以删除。',
  '2. 列名也可以用英文（与导出文件的英文表头相同）。无法识别的列会在导入预览中列出并被忽略。',
  '3. 导入前会逐行检查并显示所有错误与提醒；有错误的行不会导入，其余行在确认后一次性写入台账，可整体撤销。',
  '4. 场景编号已存在时，可选择用文件内容更新该场景（只更新本单位登记的场景），或跳过保留台账内容。',
  '5. 只能导入本单位及下辖地区的场景。导入的场景归本单位所有。',
  `6. 也可以导入 CSV 文件（UTF-8 或 Excel 默认的 GBK 编码）。单个文件不超过 ${Math.round(MAX_IMPORT_FILE_BYTES / 1024 / 1024)} MB。`,
  '7. 本系统导出的 Excel 文件可以直接导入（例如在其他电脑上恢复或合并台账）。',
];

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const REQUIRED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFCE4D6' } };

function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** Builds the template workbook. */
export function buildTemplateWorkbook(): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Scenario Atlas';
  const data = workbook.addWorksheet(TEMPLATE_SHEETS.data, { views: [{ state: 'frozen', ySplit: 1 }] });
  const help = workbook.addWorksheet(TEMPLATE_SHEETS.help);
  const lists = workbook.addWorksheet(TEMPLATE_SHEETS.lists, { state: 'hidden' });

  data.columns = TEMPLATE_COLUMNS.map((column) => ({ header: column.header, width: column.width, ...(column.numFmt ? { style: { numFmt: column.numFmt } } : {}) }));
  const header = data.getRow(1);
  header.font = { bold: true };
  TEMPLATE_COLUMNS.forEach((column, index) => {
    const cell = header.getCell(index + 1);
    cell.fill = column.need === '必填' ? REQUIRED_FILL : HEADER_FILL;
    cell.note = `${column.need}。${column.note}`;
    cell.numFmt = 'General';
  });

  // Lists live on a hidden sheet: an inline list is capped at 255 characters (技术方向 is longer).
  let listColumn = 0;
  TEMPLATE_COLUMNS.forEach((column, index) => {
    if (!column.list) return;
    const letter = columnLetter(listColumn);
    lists.getCell(`${letter}1`).value = column.header;
    column.list.forEach((entry, row) => {
      lists.getCell(`${letter}${row + 2}`).value = entry.zh;
    });
    const source = `${TEMPLATE_SHEETS.lists}!$${letter}$2:$${letter}$${column.list.length + 1}`;
    const target = columnLetter(index);
    // ExcelJS's typings lack Worksheet.dataValidations (there since 4.0; it writes one range per column).
    (data as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }).dataValidations.add(`${target}2:${target}${TEMPLATE_ROWS + 1}`, {
      type: 'list',
      allowBlank: true,
      formulae: [source],
      showInputMessage: true,
      promptTitle: column.header,
      prompt: column.isMulti ? `从列表选择；多个用“${LIST_SEPARATOR}”分隔` : '从列表选择',
      showErrorMessage: true,
      // A multi-value cell is not one list entry: warn, but let the person keep it.
      errorStyle: column.isMulti ? 'warning' : 'stop',
      errorTitle: column.header,
      error: column.isMulti ? `请从列表选择，多个用“${LIST_SEPARATOR}”分隔` : '请从下拉列表中选择',
    });
    listColumn += 1;
  });

  help.columns = [
    { header: '列名', width: 18 },
    { header: '是否必填', width: 10 },
    { header: '说明', width: 80 },
    { header: '可选值', width: 60 },
  ];
  help.getRow(1).font = { bold: true };
  help.getRow(1).fill = HEADER_FILL;
  for (const column of TEMPLATE_COLUMNS) {
    const row = help.addRow([column.header, column.need, column.note, column.list ? column.list.map((entry) => entry.zh).join('、') : '']);
    row.alignment = { wrapText: true, vertical: 'top' };
  }
  help.addRow([]);
  const title = help.addRow(['导入须知']);
  title.font = { bold: true };
  for (const note of GENERAL_NOTES) {
    const row = help.addRow([note]);
    help.mergeCells(row.number, 1, row.number, 4);
    row.alignment = { wrapText: true, vertical: 'top' };
    row.height = 32;
  }
  return workbook;
}

/** The template as .xlsx bytes. */
export async function writeTemplate(): Promise<Uint8Array<ArrayBuffer>> {
  const buffer = await buildTemplateWorkbook().xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
