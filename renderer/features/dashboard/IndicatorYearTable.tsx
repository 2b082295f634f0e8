import { Empty, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { INDICATORS } from '../../../shared/domain/vocabulary';
import type { IndicatorYear } from '../../../shared/partners/dashboard';

/** Props of {@link IndicatorYearTable}. */
export interface IndicatorYearTableProps {
  readonly years: readonly IndicatorYear[];
}

/** Indicator sums per year (服务人次, 手术例数 …), a table for looking numbers up. */
export function IndicatorYearTable({ years }: IndicatorYearTableProps) {
  const { t } = useTranslation();
  if (years.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.indicatorsEmpty')} />;
  return (
    <Table<IndicatorYear>
      size="small"
      rowKey="year"
      pagination={false}
      dataSource={[...years]}
      data-testid="dashboard-indicators"
      columns={[
        { key: 'year', title: t('dashboard.yearColumn'), dataIndex: 'year' },
        ...INDICATORS.map((indicator) => ({
          key: indicator.key,
          title: t(`vocab.indicators.${indicator.key}`),
          align: 'right' as const,
          render: (_: unknown, row: IndicatorYear) => (
            <span className="atlas-num">{row.values[indicator.key].toLocaleString()}</span>
          ),
        })),
      ]}
    />
  );
}
