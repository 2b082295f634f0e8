import { Layout, Typography, Card } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SectionProps } from '../../app/sections';
import { CatalogCard } from './CatalogCard';
import { ConflictQueue } from './ConflictQueue';
import { ExportCard } from './ExportCard';
import { ImportCard } from './ImportCard';
import { PackageLogTable } from './PackageLogTable';
import { useExchangeActions, useUnitIdentity } from './useExchangeActions';
import './exchange.css';
import { BackupPanel } from '../backup/BackupPanel';

/**
 * 交换与备份: export and import exchange packages, the conflict queue, catalog publishing and the
 * exchange log; a company sees only the catalog import. The backup panel (issue 6 item 6) is placed
 * here by the lead.
 */
export function ExchangeScreen(_props: SectionProps) {
  const { t } = useTranslation();
  const actions = useExchangeActions();
  const identity = useUnitIdentity();
  const isCompany = actions.role === 'company';
  const isPublisher = actions.role === 'province' || actions.role === 'city';
  return (
    <Layout.Content className="atlas-content atlas-exchange" aria-labelledby="exchange-title">
      <div className="atlas-exchange-head">
        <Typography.Title level={2} id="exchange-title">
          {t('exchange.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{isCompany ? t('exchange.companyIntro') : `${t('exchange.intro')}${t('exchange.readOnlyNote')}`}</Typography.Paragraph>
        {!isCompany && (
          <Typography.Text>
            {t('exchange.identity')}：<code className="atlas-fingerprint">{identity?.fingerprint ?? '…'}</code>
          </Typography.Text>
        )}
      </div>
      <div className="atlas-exchange-grid">
        {!isCompany && <ExportCard actions={actions} />}
        {isPublisher && <CatalogCard actions={actions} />}
        <ImportCard actions={actions} isCatalogOnly={isCompany} />
        {!isCompany && <ConflictQueue actions={actions} />}
        <PackageLogTable />
        <Card>
          <BackupPanel />
        </Card>
      </div>
    </Layout.Content>
  );
}
