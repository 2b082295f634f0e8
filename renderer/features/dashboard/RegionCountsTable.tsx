import { Button, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { APPLICATION_FIELDS, SCENARIO_STATUSES } from '../../../shared/domain/vocabulary';
import type { FieldStatusCounts } from '../../../shared/partners/dashboard';
import type { Region } from '../../../shared/regions/regions';
import type { DashboardView } from './dashboardView';

/** Which margin the columns show. */
export type CountDimension = 'status' | 'field';

/** Props of {@link RegionCountsTable}. */
export interface RegionCountsTableProps {
  readonly view: DashboardView;
  readonly dimension: CountDimension;
  /** Drills into a region (shown for regions that have regions under them). */
  readonly onDrill: (code: string) => void;
  readonly hasChildren: (region: Region) => boolean;
}

interface Row {
  readonly key: string;
  readonly region: Region | null;
  readonly name: string;
  readonly counts: FieldStatusCounts;
}

/** The scope's sub-regions with their scenario counts by status or by field; names drill down. */
export function RegionCountsTable({ view, dimension, onDrill, hasChildren }: RegionCountsTableProps) {
  const { t } = useTranslation();
  const rows: Row[] = view.rows.map((row) => ({
    key: row.region.code,
    region: row.region,
    name: row.region.name,
    counts: row.counts,
  }));
  if (view.direct && view.direct.total > 0) {
    rows.unshift({
      key: `direct-${view.scope.code}`,
      region: null,
      name: t('dashboard.directRow', { region: view.scope.name }),
      counts: view.direct,
    });
  }
  const keys =
    dimension === 'status'
      ? SCENARIO_STATUSES.map((s) => ({ key: s.key, title: t(`vocab.statuses.${s.key}`) }))
      : APPLICATION_FIELDS.map((f) => ({ key: f.key, title: t(`vocab.fields.${f.key}`) }));
  const countOf = (counts: FieldStatusCounts, key: string): number =>
    dimension === 'status'
      ? (counts.byStatus as Record<string, number>)[key] ?? 0
      : (counts.byField as Record<string, number>)[key] ?? 0;
  const columns: TableColumnsType<Row> = [
    {
      key: 'region',
      title: t('dashboard.regionColumn'),
      fixed: 'left',
      width: 150,
      render: (_, row) =>
        row.region && hasChildren(row.region) ? (
          <Button
            type="link"
            size="small"
            className="atlas-dashboard-drill"
            aria-label={t('dashboard.drillInto', { region: row.name })}
            onClick={() => row.region && onDrill(row.region.code)}
          >
            {row.name}
          </Button>
        ) : (
          row.name
        ),
    },
    {
      key: 'total',
      title: t('dashboard.totalColumn'),
      align: 'right',
      width: 72,
      sorter: (a, b) => a.counts.total - b.counts.total,
      render: (_, row) => <strong className="atlas-num">{row.counts.total}</strong>,
    },
    ...keys.map(
      ({ key, title }): TableColumnsType<Row>[number] => ({
        key,
        title,
        align: 'right',
        width: 80,
        sorter: (a, b) => countOf(a.counts, key) - countOf(b.counts, key),
        render: (_, row) => <span className="atlas-num">{countOf(row.counts, key) || '·'}</span>,
      }),
    ),
  ];
  return (
    <Table<Row>
      size="small"
      rowKey="key"
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 'max-content', y: 420 }}
      data-testid="dashboard-region-table"
      summary={() => (
        <Table.Summary fixed>
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>
              <strong>{t('dashboard.totalColumn')}</strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              <strong className="atlas-num" data-testid="dashboard-total">
                {view.total.total}
              </strong>
            </Table.Summary.Cell>
            {keys.map(({ key }, i) => (
              <Table.Summary.Cell key={key} index={i + 2} align="right">
                <span className="atlas-num">{countOf(view.total, key)}</span>
              </Table.Summary.Cell>
            ))}
          </Table.Summary.Row>
        </Table.Summary>
      )}
    />
  );
}
