import { App as AntApp } from 'antd';
import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Scenario } from '../../../shared/domain/scenario';
import { failureMessage } from '../../../shared/domain/localizedText';
import { usePlatform, useRegions, useSettings } from '../../app/contexts';
import { usePartnerPlanReader } from '../../db/usePartnerPlanReader';
import { buildExport, EXPORT_FILE_TYPES, exportFileName, regionNames, type ExportFormat, type ExportRequest, type ExportResponse, type ExportWorkerMessage } from './exportFile';
import type { FileParts } from '../../../shared/spreadsheet/zipWriter';

/** Up to this many rows the file is built in the page (a worker's start-up costs more than the work). */
export const IN_PAGE_EXPORT_LIMIT = 2000;

const MESSAGE_KEY = 'scenario-export';

/**
 * Builds one file in the export worker — for a workbook with a compression worker beside it,
 * joined by a MessageChannel (the page starts both: a nested worker is not needed); resolves to
 * null when cancelled.
 */
function buildInWorker(
  request: ExportRequest,
  onProgress: (fraction: number) => void,
  register: (cancel: () => void) => void,
): Promise<FileParts | null> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./exportWorker.ts', import.meta.url), { type: 'module' });
    const deflateWorker = request.format === 'xlsx' ? new Worker(new URL('./deflateWorker.ts', import.meta.url), { type: 'module' }) : null;
    const stop = () => {
      worker.terminate();
      deflateWorker?.terminate();
    };
    register(function cancelExport() {
      stop();
      resolve(null);
    });
    worker.onmessage = (event: MessageEvent<ExportResponse>) => {
      const answer = event.data;
      if (answer.type === 'progress') onProgress(answer.total === 0 ? 1 : answer.done / answer.total);
      else {
        stop();
        if (answer.type === 'done') resolve(answer.parts);
        else reject(new Error(answer.message));
      }
    };
    const onWorkerError = (event: ErrorEvent) => {
      stop();
      reject(new Error(event.message || 'worker error'));
    };
    worker.onerror = onWorkerError;
    if (deflateWorker) {
      deflateWorker.onerror = onWorkerError;
      const channel = new MessageChannel();
      deflateWorker.postMessage({ port: channel.port2 }, [channel.port2]);
      worker.postMessage({ request, deflatePort: channel.port1 } satisfies ExportWorkerMessage, [channel.port1]);
    } else worker.postMessage({ request, deflatePort: null } satisfies ExportWorkerMessage);
  });
}

/**
 * Export of a list of scenarios: builds the file (in a worker for large lists) with progress and
 * cancel, then saves it through the platform: Electron's save dialog with an atomic write, or a
 * download in the browser.
 */
export function useScenarioExport(rows: readonly Scenario[]) {
  const { t, i18n } = useTranslation();
  const { message } = AntApp.useApp();
  const regions = useRegions();
  const platform = usePlatform();
  const readPartnerPlan = usePartnerPlanReader();
  const { settings } = useSettings();
  const cancelRef = useRef<(() => void) | null>(null);

  useEffect(function cancelOnUnmount() {
    return function cancelRunningExport() {
      cancelRef.current?.();
    };
  }, []);

  const exportAs = useCallback(
    async (format: ExportFormat) => {
      if (cancelRef.current) {
        void message.warning(t('export.busy'));
        return;
      }
      if (rows.length === 0) {
        void message.info(t('export.empty'));
        return;
      }
      const label = t(`export.${format}`);
      const showProgress = (fraction: number) => {
        void message.open({
          key: MESSAGE_KEY,
          type: 'loading',
          duration: 0,
          content: (
            <span>
              {t('export.progress', { format: label, count: rows.length, percent: Math.round(fraction * 100) })}{' '}
              <a role="button" onClick={() => cancelRef.current?.()}>
                {t('export.cancel')}
              </a>
            </span>
          ),
        });
      };
      const fileName = exportFileName(t(`export.stems.${format}`), settings.unitCode, format, Date.now());
      let isCancelled = false;
      cancelRef.current = () => {
        isCancelled = true;
      };
      showProgress(0);
      try {
        // Only what the chosen file shows: the workbook and the pilot and partner CSVs need the pilots.
        const needsPlan = format === 'xlsx' || format === 'csv-pilots' || format === 'csv-partners';
        const plan = needsPlan ? await readPartnerPlan() : { pilots: [], partners: [] };
        const request: ExportRequest = { format, rows, regions: regionNames(regions.all), ...plan };
        const bytes =
          rows.length <= IN_PAGE_EXPORT_LIMIT
            ? [buildExport(request, () => undefined)]
            : await buildInWorker(request, showProgress, (cancel) => {
                cancelRef.current = () => {
                  isCancelled = true;
                  cancel();
                };
              });
        message.destroy(MESSAGE_KEY);
        if (bytes === null || isCancelled) {
          void message.info(t('export.cancelled'));
          return;
        }
        const saved = await platform.saveFile({ suggestedName: fileName, extension: EXPORT_FILE_TYPES[format].extension, filterName: t(`export.filter.${format}`), bytes });
        if (!saved.ok) void message.error(t('export.failed', { reason: failureMessage(saved, i18n.language) }));
        else if (saved.value.status === 'cancelled') void message.info(t('export.saveCancelled'));
        else void message.success(t('export.done', { count: rows.length, file: saved.value.fileName }));
      } catch (cause) {
        message.destroy(MESSAGE_KEY);
        console.error('[export] failed', cause);
        void message.error(t('export.failed', { reason: cause instanceof Error ? cause.message : String(cause) }));
      } finally {
        cancelRef.current = null;
      }
    },
    [i18n.language, message, platform, readPartnerPlan, regions, rows, settings.unitCode, t],
  );

  return exportAs;
}
