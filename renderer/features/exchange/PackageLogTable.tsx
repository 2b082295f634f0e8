import { Card, Empty, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRegions } from '../../app/contexts';
import type { PackageLogRow } from '../../db/exchangeRows';
import { usePackageLog } from '../../db/useExchange';
import { unitName } from './exchangeFormat';

/** 交换记录: the packages exported and imported here, newest first. */
export function PackageLogTable() {
  const { t } = useTranslation();
  const regions = useRegions();
  const rows = usePackageLog();
  const summary = (row: PackageLogRow): string => {
    if (!row.summary) return '';
    const s = row.summary;
    return t('exchange.import.done', { created: s['created'] ?? 0, updated: s['updated'] ?? 0, deleted: s['deleted'] ?? 0, conflicts: s['conflicts'] ?? 0, refused: s['refused'] ?? 0 });
  };
  return (
    <Card size="small" className="atlas-exchange-wide" title={t('exchange.log.title')}>
      {rows !== undefined && rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('exchange.log.empty')} />
      ) : (
        <Table<PackageLogRow>
          size="small"
          loading={rows === undefined}
          rowKey="id"
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          dataSource={rows ? [...rows] : []}
          columns={[
            { title: t('exchange.log.at'), key: 'at', render: (_v, row) => new Date(row.at).toLocaleString() },
            { title: t('exchange.log.direction'), key: 'direction', render: (_v, row) => t(`exchange.log.${row.direction}`) },
            { title: t('exchange.log.kind'), key: 'kind', render: (_v, row) => t(`exchange.import.kinds.${row.kind}`) },
            { title: t('exchange.log.peer'), key: 'peer', render: (_v, row) => (row.peerUnit ? unitName(regions, row.peerUnit) : t('exchange.log.anyone')) },
            { title: t('exchange.log.records'), dataIndex: 'records', key: 'records' },
            { title: t('exchange.log.summary'), key: 'summary', render: (_v, row) => summary(row) },
          ]}
        />
      )}
    </Card>
  );
}
