import { Button, Card, Typography } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ExchangeProgressBar } from './ExchangeProgressBar';
import type { ExchangeActions } from './useExchangeActions';
import { usePackageRun } from './usePackageRun';

/** Props of {@link CatalogCard}. */
export interface CatalogCardProps {
  readonly actions: ExchangeActions;
}

/** 发布场景目录 (province and city offices): open scenarios, public fields, signed, for companies; with progress and 取消. */
export function CatalogCard({ actions }: CatalogCardProps) {
  const { t } = useTranslation();
  const { isBusy, progress, start, cancel } = usePackageRun();

  function publish() {
    void start(
      (progress) => actions.publishCatalog(progress),
      (saved) => t('exchange.catalog.done', { count: saved.records, file: saved.fileName }),
    );
  }

  return (
    <Card size="small" title={t('exchange.catalog.title')}>
      <Typography.Paragraph type="secondary">{t('exchange.catalog.hint')}</Typography.Paragraph>
      <Button icon={<GlobalOutlined />} loading={isBusy} disabled={!actions.isReady} onClick={publish}>
        {t('exchange.catalog.button')}
      </Button>
      {isBusy && (
        <div className="atlas-exchange-gap">
          <ExchangeProgressBar run="export" phase={progress.phase} percent={progress.percent} onCancel={cancel} />
        </div>
      )}
    </Card>
  );
}
