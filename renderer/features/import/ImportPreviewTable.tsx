import { Table, Tag, Typography, type TableColumnsType } from 'antd';
import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { localize } from '../../../shared/domain/localizedText';
import type { ImportAction, ImportIssue, ImportRow } from '../../../shared/spreadsheet/scenarioImport';
import type { ExistingChoice } from './importCheck';

/** Props of {@link ImportPreviewTable}. */
export interface ImportPreviewTableProps {
  readonly rows: readonly ImportRow[];
  readonly choice: ExistingChoice;
}

const ACTION_COLOR: Readonly<Record<ImportAction | 'update', string>> = { new: 'green', existing: 'blue', update: 'blue', skip: 'default', invalid: 'red' };

/**
 * The import preview: one line per file row with what happens to it and every error and warning,
 * by column; paged, so 100k rows render 20. Memoised: the commit's progress re-renders the dialog.
 */
export const ImportPreviewTable = memo(function ImportPreviewTable({ rows, choice }: ImportPreviewTableProps) {
  const { t, i18n } = useTranslation();
  const columns = useMemo((): TableColumnsType<ImportRow> => {
    const issueLine = (issue: ImportIssue, kind: 'error' | 'warning', key: number) => (
      <li key={key} className={`atlas-import-issue atlas-import-${kind}`}>
        <Typography.Text type={kind === 'error' ? 'danger' : 'warning'}>
          {t(`import.${kind}`)}
          {'：'}
        </Typography.Text>
        <Typography.Text strong>{issue.column ?? t('import.rowLevel')}</Typography.Text>
        {' — '}
        {localize(issue, i18n.language)}
      </li>
    );
    return [
      { title: t('import.columnRow'), dataIndex: 'rowNumber', width: 64 },
      {
        title: t('import.columnAction'),
        dataIndex: 'action',
        width: 88,
        render: (action: ImportAction) => {
          const shown = action === 'existing' ? (choice === 'update' ? 'update' : 'skip') : action;
          const label = { new: 'actionNew', update: 'actionUpdate', existing: 'actionUpdate', skip: 'actionSkip', invalid: 'actionInvalid' }[shown];
          return <Tag color={ACTION_COLOR[shown]}>{t(`import.${label}`)}</Tag>;
        },
      },
      { title: t('import.columnNumber'), dataIndex: 'catalogNumber', width: 150, render: (value: string) => value || <Typography.Text type="secondary">{t('import.autoNumber')}</Typography.Text> },
      { title: t('import.columnTitle'), dataIndex: 'title', width: 220, ellipsis: true },
      {
        title: t('import.columnIssues'),
        key: 'issues',
        render: (_: unknown, row: ImportRow) =>
          row.errors.length + row.warnings.length === 0 ? (
            t('import.noIssues')
          ) : (
            <ul className="atlas-import-issues" style={{ margin: 0, paddingLeft: 0, listStyle: 'none' }}>
              {row.errors.map((issue, index) => issueLine(issue, 'error', index))}
              {row.warnings.map((issue, index) => issueLine(issue, 'warning', row.errors.length + index))}
            </ul>
          ),
      },
    ];
  }, [choice, i18n.language, t]);

  return (
    <Table<ImportRow>
      aria-label={t('import.tableLabel')}
      size="small"
      rowKey="rowNumber"
      columns={columns}
      dataSource={rows as ImportRow[]}
      pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
      scroll={{ y: 360 }}
    />
  );
});
