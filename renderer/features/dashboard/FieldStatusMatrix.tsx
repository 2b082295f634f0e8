import { Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { APPLICATION_FIELDS, SCENARIO_STATUSES, type ApplicationField } from '../../../shared/domain/vocabulary';
import type { FieldStatusCounts } from '../../../shared/partners/dashboard';

/** Props of {@link FieldStatusMatrix}. */
export interface FieldStatusMatrixProps {
  readonly counts: FieldStatusCounts;
  readonly caption: string;
}

interface Row {
  readonly field: ApplicationField;
}

/** The scope's scenarios as a field × status table, for looking a number up. */
export function FieldStatusMatrix({ counts, caption }: FieldStatusMatrixProps) {
  const { t } = useTranslation();
  const columns: TableColumnsType<Row> = [
    { key: 'field', title: t('dashboard.fieldColumn'), fixed: 'left', width: 120, render: (_, row) => t(`vocab.fields.${row.field}`) },
    ...SCENARIO_STATUSES.map(
      (status): TableColumnsType<Row>[number] => ({
        key: status.key,
        title: t(`vocab.statuses.${status.key}`),
        align: 'right',
        width: 64,
        render: (_, row) => <span className="atlas-num">{counts.cells[row.field][status.key] || '·'}</span>,
      }),
    ),
    {
      key: 'total',
      title: t('dashboard.totalColumn'),
      align: 'right',
      width: 64,
      render: (_, row) => <strong className="atlas-num">{counts.byField[row.field]}</strong>,
    },
  ];
  return (
    <Table<Row>
      size="small"
      rowKey="field"
      columns={columns}
      dataSource={APPLICATION_FIELDS.map((f) => ({ field: f.key }))}
      pagination={false}
      scroll={{ x: 'max-content' }}
      title={() => caption}
      data-testid="dashboard-matrix"
    />
  );
}
