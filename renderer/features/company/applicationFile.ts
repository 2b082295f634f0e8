import { APPLICATION_FILE_EXTENSION } from '../../../shared/partners/application';
import { formatShanghaiDateTime } from '../../../shared/spreadsheet/sheet';

/** `合作意向-510107-2026-0001-20261125.application.json`: stem, catalog number, today (Asia/Shanghai). */
export function applicationFileName(stem: string, catalogNumber: string, now: number): string {
  const day = formatShanghaiDateTime(now).slice(0, 10).replace(/-/g, '');
  const safe = (text: string) => text.replace(/[\\/:*?"<>|\s]/g, '_');
  return `${safe(stem)}-${safe(catalogNumber)}-${day}${APPLICATION_FILE_EXTENSION}`;
}
