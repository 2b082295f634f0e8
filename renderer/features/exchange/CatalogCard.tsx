import { useEffect, useRef, useState } from 'react';
import { App as AntApp, Button, Card, Typography } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ExchangePhase } from '../../db/exchangeProgress';
import { ExchangeProgressBar } from './ExchangeProgressBar';
import type { ExchangeActions } from './useExchangeActions';

/** Props of {@link CatalogCard}. */
export interface CatalogCardProps {
  readonly actions: ExchangeActions;
}

/** 发布场景目录 (province and city offices): open scenarios, public fields, signed, for companies; with progress and 取消. */
export function CatalogCard({ actions }: CatalogCardProps) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [isBusy, setIsBusy] = useState(false);
  const [progress, setProgress] = useState<{ readonly phase: ExchangePhase; readonly percent: number }>({ phase: 'gather', percent: 0 });
  const run = useRef<AbortController | null>(null);

  useEffect(function cancelPublishOnUnmount() {
    return function abortPublishRun() {
      run.current?.abort();
    };
  }, []);

  async function publish() {
    run.current?.abort();
    const controller = new AbortController();
    run.current = controller;
    setProgress({ phase: 'gather', percent: 0 });
    setIsBusy(true);
    try {
      const outcome = await actions.publishCatalog({
        signal: controller.signal,
        onProgress: (phase, done, total) => {
          if (run.current === controller) setProgress({ phase, percent: total > 0 ? Math.floor((done * 100) / total) : 0 });
        },
      });
      if (!outcome.ok) {
        if (outcome.isCancelled === true) void message.info(t('exchange.export.cancelledRun'));
        else void message.error(t('exchange.export.failed', { reason: outcome.message }));
      } else if (outcome.fileName === null) void message.info(t('exchange.export.cancelled'));
      else void message.success(t('exchange.catalog.done', { count: outcome.records, file: outcome.fileName }));
    } finally {
      if (run.current === controller) run.current = null;
      setIsBusy(false);
    }
  }

  return (
    <Card size="small" title={t('exchange.catalog.title')}>
      <Typography.Paragraph type="secondary">{t('exchange.catalog.hint')}</Typography.Paragraph>
      <Button icon={<GlobalOutlined />} loading={isBusy} disabled={!actions.isReady} onClick={() => void publish()}>
        {t('exchange.catalog.button')}
      </Button>
      {isBusy && (
        <div className="atlas-exchange-gap">
          <ExchangeProgressBar run="export" phase={progress.phase} percent={progress.percent} onCancel={() => run.current?.abort()} />
        </div>
      )}
    </Card>
  );
}
