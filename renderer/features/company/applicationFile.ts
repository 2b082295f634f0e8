import { APPLICATION_FILE_EXTENSION } from '../../../shared/partners/application';
import { formatShanghaiDateTime } from '../../../shared/spreadsheet/sheet';

/** `合作意向-510107-2026-0001-20261125.application.json`: stem, catalog number, today (Asia/Shanghai). */
export function applicationFileName(stem: string, catalogNumber: string, now: number): string {
  const day = formatShanghaiDateTime(now).slice(0, 10).replace(/-/g, '');
  const safe = (text: string) => text.replace(/[\\/:*?"<>|\s]/g, '_');
  return `${safe(stem)}-${safe(catalogNumber)}-${day}${APPLICATION_FILE_EXTENSION}`;
}

/** Offers text as a browser download through a temporary <a download>. */
export function downloadText(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke after the click has been handled; revoking at once cancels the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
