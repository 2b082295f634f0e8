/** Chinese strings of the export menu (i18n namespace key `export`). */
export const exportZh = {
  button: '导出',
  xlsx: '导出 Excel（.xlsx）',
  csv: '导出 CSV（场景目录）',
  'csv-pilots': '导出 CSV（试点项目）',
  'csv-partners': '导出 CSV（伙伴单位）',
  'csv-stats': '导出 CSV（统计）',
  geojson: '导出 GeoJSON',
  /** File names per format (before unit and date). */
  stems: { xlsx: '场景目录', csv: '场景目录', 'csv-pilots': '试点项目', 'csv-partners': '伙伴单位', 'csv-stats': '场景统计', geojson: '场景目录' },
  empty: '当前视图没有可导出的场景',
  progress: '正在生成 {{format}}（{{count}} 条）… {{percent}}%',
  cancel: '取消',
  cancelled: '已取消导出',
  done: '已导出 {{count}} 条场景：{{file}}',
  failed: '导出失败：{{reason}}',
  busy: '正在导出，请稍候',
  saveCancelled: '已取消保存，未写入文件',
  /** File-type names in the save dialog. */
  filter: { xlsx: 'Excel 工作簿', csv: 'CSV（逗号分隔，UTF-8）', 'csv-pilots': 'CSV（逗号分隔，UTF-8）', 'csv-partners': 'CSV（逗号分隔，UTF-8）', 'csv-stats': 'CSV（逗号分隔，UTF-8）', geojson: 'GeoJSON 地理数据' },
} as const;

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** English strings of the export menu: the same keys as {@link exportZh}. */
export const exportEn: Widen<typeof exportZh> = {
  button: 'Export',
  xlsx: 'Export Excel (.xlsx)',
  csv: 'Export CSV (catalog)',
  'csv-pilots': 'Export CSV (pilot projects)',
  'csv-partners': 'Export CSV (partners)',
  'csv-stats': 'Export CSV (statistics)',
  geojson: 'Export GeoJSON',
  stems: { xlsx: 'scenario-catalog', csv: 'scenario-catalog', 'csv-pilots': 'pilot-projects', 'csv-partners': 'partners', 'csv-stats': 'scenario-statistics', geojson: 'scenario-catalog' },
  empty: 'There are no scenarios in the current view to export',
  progress: 'Building {{format}} ({{count}} rows)… {{percent}}%',
  cancel: 'Cancel',
  cancelled: 'Export cancelled',
  done: 'Exported {{count}} scenarios: {{file}}',
  failed: 'Export failed: {{reason}}',
  busy: 'An export is running; please wait',
  saveCancelled: 'Save cancelled; no file was written',
  filter: { xlsx: 'Excel workbook', csv: 'CSV (comma-separated, UTF-8)', 'csv-pilots': 'CSV (comma-separated, UTF-8)', 'csv-partners': 'CSV (comma-separated, UTF-8)', 'csv-stats': 'CSV (comma-separated, UTF-8)', geojson: 'GeoJSON geodata' },
};
