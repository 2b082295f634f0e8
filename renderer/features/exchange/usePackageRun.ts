import { useCallback, useEffect, useRef, useState } from 'react';
import { App as AntApp } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ExchangePhase, ExchangeProgress } from '../../db/exchangeProgress';
import type { SaveOutcome } from './useExchangeActions';

/** A package being made and saved (导出交换包, 发布场景目录): its phase and percent, 取消, and the message at the end. */
export function usePackageRun() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [isBusy, setIsBusy] = useState(false);
  const [progress, setProgress] = useState<{ readonly phase: ExchangePhase; readonly percent: number }>({ phase: 'gather', percent: 0 });
  const run = useRef<AbortController | null>(null);

  useEffect(function cancelRunOnUnmount() {
    return function abortPackageRun() {
      run.current?.abort();
    };
  }, []);

  /** Runs `work` with a fresh progress sink and abort signal; `doneText` says what was saved. */
  const start = useCallback(
    async (work: (progress: ExchangeProgress) => Promise<SaveOutcome>, doneText: (saved: { readonly fileName: string; readonly records: number }) => string) => {
      run.current?.abort();
      const controller = new AbortController();
      run.current = controller;
      setProgress({ phase: 'gather', percent: 0 });
      setIsBusy(true);
      try {
        const outcome = await work({
          signal: controller.signal,
          onProgress: (phase, done, total) => {
            if (run.current === controller) setProgress({ phase, percent: total > 0 ? Math.floor((done * 100) / total) : 0 });
          },
        });
        if (!outcome.ok) {
          if (outcome.isCancelled === true) void message.info(t('exchange.export.cancelledRun'));
          else void message.error(t('exchange.export.failed', { reason: outcome.message }));
        } else if (outcome.fileName === null) void message.info(t('exchange.export.cancelled'));
        else void message.success(doneText({ fileName: outcome.fileName, records: outcome.records }));
      } finally {
        if (run.current === controller) run.current = null;
        setIsBusy(false);
      }
    },
    [message, t],
  );

  const cancel = useCallback(() => run.current?.abort(), []);

  return { isBusy, progress, start, cancel };
}
