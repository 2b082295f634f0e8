import type { Scenario } from '../../../shared/domain/scenario';
import type { Partner } from '../../../shared/partners/partner';
import type { Pilot } from '../../../shared/partners/pilot';
import { partnerPlanRows } from '../../../shared/spreadsheet/partnerColumns';
import type { Region } from '../../../shared/regions/regions';
import { toGeoJsonText } from '../../../shared/spreadsheet/geojson';
import type { RegionNameLookup } from '../../../shared/spreadsheet/scenarioColumns';
import { writeScenarioCsv, writeScenarioXlsx, writeScenarioXlsxAsync, writeSideSheetCsv } from '../../../shared/spreadsheet/scenarioWorkbook';
import type { DeflatedChunk, FileParts } from '../../../shared/spreadsheet/zipWriter';
import { formatShanghaiDateTime } from '../../../shared/spreadsheet/sheet';

/** The export formats of the 导出 menu: the workbook, a CSV per sheet, GeoJSON. */
export type ExportFormat = 'xlsx' | 'csv' | 'csv-pilots' | 'csv-partners' | 'csv-stats' | 'geojson';

/** File extension and MIME type per format. */
export const EXPORT_FILE_TYPES: Readonly<Record<ExportFormat, { readonly extension: string; readonly mime: string }>> = {
  xlsx: { extension: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  csv: { extension: 'csv', mime: 'text/csv;charset=utf-8' },
  'csv-pilots': { extension: 'csv', mime: 'text/csv;charset=utf-8' },
  'csv-partners': { extension: 'csv', mime: 'text/csv;charset=utf-8' },
  'csv-stats': { extension: 'csv', mime: 'text/csv;charset=utf-8' },
  geojson: { extension: 'geojson', mime: 'application/geo+json' },
};

/** The region fields the writers need: small enough to post to a worker (no boundaries). */
export type RegionName = Pick<Region, 'code' | 'name' | 'level' | 'parent'>;

/** What the export worker (or the in-thread path) is asked to build. */
export interface ExportRequest {
  readonly format: ExportFormat;
  readonly rows: readonly Scenario[];
  readonly regions: readonly RegionName[];
  /** Live pilots and partners; the export keeps those of `rows` (partnerPlanRows). */
  readonly pilots: readonly Pilot[];
  readonly partners: readonly Partner[];
}

/** What the page posts to the export worker: the request, and for a workbook the port of its compression worker. */
export interface ExportWorkerMessage {
  readonly request: ExportRequest;
  readonly deflatePort: MessagePort | null;
}

/** What the export worker answers. */
export type ExportResponse =
  | { readonly type: 'progress'; readonly done: number; readonly total: number }
  | { readonly type: 'done'; readonly parts: FileParts }
  | { readonly type: 'error'; readonly message: string };

/** The region names of an index, for {@link ExportRequest}. */
export function regionNames(all: readonly Region[]): RegionName[] {
  return all.map(({ code, name, level, parent }) => ({ code, name, level, parent }));
}

function lookup(regions: readonly RegionName[]): RegionNameLookup {
  const byCode = new Map(regions.map((region) => [region.code as string, region]));
  return { get: (code) => byCode.get(code) };
}

/** Builds the file bytes of a request; the same code runs in the worker and, for small sets, in the page. */
export function buildExport(request: ExportRequest, onProgress: (done: number, total: number) => void): Uint8Array<ArrayBuffer> {
  const regions = lookup(request.regions);
  const plan = () => partnerPlanRows(request.rows, request.pilots, request.partners);
  const encode = (text: string) => new TextEncoder().encode(text);
  switch (request.format) {
    case 'xlsx':
      return writeScenarioXlsx(request.rows, regions, { onProgress, plan: plan() });
    case 'csv':
      return writeScenarioCsv(request.rows, regions, { onProgress, encode }) as Uint8Array<ArrayBuffer>;
    case 'csv-pilots':
      return writeSideSheetCsv('pilots', request.rows, regions, plan(), { onProgress, encode }) as Uint8Array<ArrayBuffer>;
    case 'csv-partners':
      return writeSideSheetCsv('partners', request.rows, regions, plan(), { onProgress, encode }) as Uint8Array<ArrayBuffer>;
    case 'csv-stats':
      return writeSideSheetCsv('stats', request.rows, regions, plan(), { onProgress, encode }) as Uint8Array<ArrayBuffer>;
    case 'geojson': {
      const bytes = new TextEncoder().encode(toGeoJsonText(request.rows, regions));
      onProgress(request.rows.length, request.rows.length);
      return bytes;
    }
  }
}

/**
 * {@link buildExport} with a workbook's compression handed to `deflater` (the compression worker,
 * shared/spreadsheet/deflatePort.ts) while the XML is written here; other formats as buildExport.
 * The file comes as its pieces (FileParts), which the save writes in turn.
 */
export function buildExportAsync(
  request: ExportRequest,
  onProgress: (done: number, total: number) => void,
  deflater: (chunk: Uint8Array, isFinal: boolean) => Promise<DeflatedChunk>,
): Promise<FileParts> {
  if (request.format !== 'xlsx') return Promise.resolve([buildExport(request, onProgress)]);
  const plan = partnerPlanRows(request.rows, request.pilots, request.partners);
  return writeScenarioXlsxAsync(request.rows, lookup(request.regions), { onProgress, plan, deflater });
}

/** `场景目录-510107-20261125.xlsx`: stem, unit code (when set), today's date in Asia/Shanghai. */
export function exportFileName(stem: string, unitCode: string | null, format: ExportFormat, now: number): string {
  const day = formatShanghaiDateTime(now).slice(0, 10).replace(/-/g, '');
  const safeStem = stem.replace(/[\\/:*?"<>|]/g, '_');
  return `${[safeStem, unitCode, day].filter(Boolean).join('-')}.${EXPORT_FILE_TYPES[format].extension}`;
}
