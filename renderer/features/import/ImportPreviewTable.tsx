import { Table, Tag, Typography, type TableColumnsType } from 'antd';
import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { localize } from '../../../shared/domain/localizedText';
import type { ImportAction, ImportIssue } from '../../../shared/spreadsheet/scenarioImport';
import type { ExistingChoice } from './importCheck';
import type { ImportPreviewRow } from './importProtocol';
import { PREVIEW_PAGE_SIZE } from './useImportPreviewPage';

/** Props of {@link ImportPreviewTable}. */
export interface ImportPreviewTableProps {
  /** The rows of the page shown (the import worker keeps the others). */
  readonly rows: readonly ImportPreviewRow[];
  /** Rows of every page. */
  readonly total: number;
  /** The page shown, from 1. */
  readonly page: number;
  readonly isLoading: boolean;
  readonly choice: ExistingChoice;
  readonly onPageChange: (page: number) => void;
}

const ACTION_COLOR: Readonly<Record<ImportAction | 'update', string>> = { new: 'green', existing: 'blue', update: 'blue', skip: 'default', invalid: 'red' };

/**
 * The import preview: one line per file row with what happens to it and every error and warning,
 * by column; paged, so 100k rows render 20, and each page is read from the import worker as the
 * person turns to it. Memoised: the commit's progress re-renders the dialog.
 */
export const ImportPreviewTable = memo(function ImportPreviewTable({ rows, total, page, isLoading, choice, onPageChange }: ImportPreviewTableProps) {
  const { t, i18n } = useTranslation();
  const columns = useMemo((): TableColumnsType<ImportPreviewRow> => {
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
        render: (_: unknown, row: ImportPreviewRow) =>
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
    <Table<ImportPreviewRow>
      aria-label={t('import.tableLabel')}
      size="small"
      rowKey="rowNumber"
      columns={columns}
      dataSource={rows as ImportPreviewRow[]}
      loading={isLoading}
      pagination={{ current: page, total, pageSize: PREVIEW_PAGE_SIZE, showSizeChanger: false, hideOnSinglePage: true, onChange: onPageChange }}
      // As tall as the window leaves beside the dialog's other parts (ImportDialog), at least 180 px.
      scroll={{ y: 'max(180px, calc(100vh - 540px))' }}
    />
  );
});
