import { useState } from 'react';
import { App as AntApp, Button, Card, Typography } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ExchangeActions } from './useExchangeActions';

/** Props of {@link CatalogCard}. */
export interface CatalogCardProps {
  readonly actions: ExchangeActions;
}

/** 发布场景目录 (province and city offices): open scenarios, public fields, signed, for companies. */
export function CatalogCard({ actions }: CatalogCardProps) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [isBusy, setIsBusy] = useState(false);

  async function publish() {
    setIsBusy(true);
    try {
      const outcome = await actions.publishCatalog();
      if (!outcome.ok) void message.error(t('exchange.export.failed', { reason: outcome.message }));
      else if (outcome.fileName === null) void message.info(t('exchange.export.cancelled'));
      else void message.success(t('exchange.catalog.done', { count: outcome.records, file: outcome.fileName }));
    } finally {
      setIsBusy(false);
    }
  }

  return (
    <Card size="small" title={t('exchange.catalog.title')}>
      <Typography.Paragraph type="secondary">{t('exchange.catalog.hint')}</Typography.Paragraph>
      <Button icon={<GlobalOutlined />} loading={isBusy} disabled={!actions.isReady} onClick={() => void publish()}>
        {t('exchange.catalog.button')}
      </Button>
    </Card>
  );
}
