import { Alert, Button, Descriptions, Space, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { localize } from '../../../shared/domain/localizedText';
import { useRegions } from '../../app/contexts';
import type { ImportPreview, RefusalLine } from '../../db/exchangeRepository';
import { unitName } from './exchangeFormat';

/** Props of {@link ImportPreviewPanel}. */
export interface ImportPreviewPanelProps {
  readonly fileName: string;
  readonly preview: ImportPreview;
  readonly isApplying: boolean;
  readonly onApply: () => void;
  readonly onCancel: () => void;
}

/** What an import would do — new / updated / deleted / conflicts / refused with reasons — before it is applied. */
export function ImportPreviewPanel({ fileName, preview, isApplying, onApply, onCancel }: ImportPreviewPanelProps) {
  const { t, i18n } = useTranslation();
  const regions = useRegions();
  const language = i18n.language;
  const { manifest, summary } = preview;
  const isCatalog = preview.kind === 'catalog';
  const stats: [string, number][] = [
    [t('exchange.import.created'), summary.created],
    [t('exchange.import.updated'), summary.updated],
    [isCatalog ? t('exchange.import.withdrawn') : t('exchange.import.deleted'), summary.deleted],
    ...(isCatalog ? [] : ([[t('exchange.import.restored'), summary.restored], [t('exchange.import.conflicts'), summary.conflicts]] as [string, number][])),
    [t('exchange.import.refusedCount'), summary.refused],
    ...(summary.pending > 0 ? ([[t('exchange.import.pending'), summary.pending]] as [string, number][]) : []),
  ];
  return (
    <section className="atlas-exchange-preview" aria-labelledby="exchange-preview-title">
      <Typography.Title level={4} id="exchange-preview-title">
        {t('exchange.import.previewTitle', { file: fileName })}
      </Typography.Title>
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label={t('exchange.import.source')}>{unitName(regions, manifest.sourceUnit)}</Descriptions.Item>
        <Descriptions.Item label={t('exchange.import.kind')}>{t(`exchange.import.kinds.${manifest.kind}`)}</Descriptions.Item>
        <Descriptions.Item label={t('exchange.import.createdAt')}>{new Date(manifest.createdAt).toLocaleString()}</Descriptions.Item>
        <Descriptions.Item label={t('exchange.import.records')}>
          {manifest.counts.records}
          {manifest.counts.relayed > 0 && `（${t('exchange.import.relayed')} ${manifest.counts.relayed}）`}
        </Descriptions.Item>
      </Descriptions>
      {preview.isImportedBefore && <Alert type="info" showIcon title={t('exchange.import.importedBefore')} className="atlas-exchange-gap" />}
      <div className="atlas-exchange-stats" data-testid="exchange-preview-stats">
        {stats.map(([label, value]) => (
          <Statistic key={label} title={label} value={value} />
        ))}
      </div>
      {preview.samples.length > 0 && (
        <Typography.Paragraph>
          {t('exchange.import.samples')}：{preview.samples.join('；')}
        </Typography.Paragraph>
      )}
      {preview.refusals.length > 0 && (
        <Table<RefusalLine>
          size="small"
          className="atlas-exchange-gap"
          title={() => t('exchange.import.refusals')}
          rowKey={(line) => `${line.entityId ?? ''}|${localize(line.text, language)}|${line.signer ?? ''}`}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          dataSource={[...preview.refusals]}
          columns={[
            { title: t('exchange.import.refusalEntity'), key: 'entity', render: (_v, line) => <code>{line.entityId ?? '—'}</code> },
            { title: t('exchange.import.refusalSigner'), key: 'signer', render: (_v, line) => (line.signer ? unitName(regions, line.signer) : '—') },
            { title: t('exchange.import.refusalReason'), key: 'reason', render: (_v, line) => localize(line.text, language) },
          ]}
        />
      )}
      <Space className="atlas-exchange-gap">
        <Button type="primary" loading={isApplying} onClick={onApply}>
          {t('exchange.import.apply')}
        </Button>
        <Button disabled={isApplying} onClick={onCancel}>
          {t('exchange.import.cancel')}
        </Button>
      </Space>
    </section>
  );
}
