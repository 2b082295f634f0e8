import { useMemo, useState } from 'react';
import { Button, Card, Form, Radio, Select } from 'antd';
import { ExportOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { asRegionCode } from '../../../shared/regions/regions';
import { useRegions } from '../../app/contexts';
import type { ExportMode } from '../../db/exchangeRepository';
import { ExchangeProgressBar } from './ExchangeProgressBar';
import type { ExchangeActions } from './useExchangeActions';
import { usePackageRun } from './usePackageRun';

/** Props of {@link ExportCard}. */
export interface ExportCardProps {
  readonly actions: ExchangeActions;
}

/** 导出交换包: to which unit, and what (changes since the last package, or everything of this unit). */
export function ExportCard({ actions }: ExportCardProps) {
  const { t } = useTranslation();
  const regions = useRegions();
  const unitCode = actions.unitCode;
  // The units a package usually goes to: the levels above, then the units directly below.
  const options = useMemo(() => {
    if (!unitCode) return [];
    const above = regions.path(unitCode).filter((region) => region.code !== unitCode).reverse();
    const below = regions.children(unitCode);
    const own = regions.get(unitCode);
    return [
      ...[...above, ...below].map((region) => ({ value: region.code as string, label: `${region.name}（${region.code}）` })),
      // Another installation of this unit (a second office computer): same owner, its own key.
      ...(own ? [{ value: own.code as string, label: t('exchange.export.sameUnit', { name: own.name }) }] : []),
    ];
  }, [regions, t, unitCode]);
  const [recipient, setRecipient] = useState<string | undefined>(undefined);
  const [mode, setMode] = useState<ExportMode>('since-last');
  const { isBusy, progress, start, cancel } = usePackageRun();
  const chosen = recipient ?? options[0]?.value;

  function runExport() {
    if (!chosen) return;
    void start(
      (progress) => actions.exportChanges(asRegionCode(chosen), mode, progress),
      (saved) => t('exchange.export.done', { count: saved.records, file: saved.fileName }),
    );
  }

  return (
    <Card size="small" title={t('exchange.export.title')}>
      <Form layout="vertical">
        <Form.Item label={t('exchange.export.recipient')} htmlFor="exchange-recipient">
          <Select
            id="exchange-recipient"
            showSearch={{ optionFilterProp: 'label' }}
            value={chosen}
            onChange={setRecipient}
            options={options}
            placeholder={t('exchange.export.recipientPlaceholder')}
            aria-label={t('exchange.export.recipient')}
          />
        </Form.Item>
        <Form.Item label={t('exchange.export.mode')}>
          <Radio.Group
            value={mode}
            onChange={(event) => setMode(event.target.value as ExportMode)}
            options={[
              { value: 'since-last', label: t('exchange.export.sinceLast') },
              { value: 'all-own', label: t('exchange.export.allOwn') },
            ]}
            className="atlas-exchange-radios"
          />
        </Form.Item>
        <Button type="primary" icon={<ExportOutlined />} loading={isBusy} disabled={!actions.isReady || !chosen} onClick={runExport}>
          {t('exchange.export.button')}
        </Button>
      </Form>
      {isBusy && (
        <div className="atlas-exchange-gap">
          <ExchangeProgressBar run="export" phase={progress.phase} percent={progress.percent} onCancel={cancel} />
        </div>
      )}
    </Card>
  );
}
