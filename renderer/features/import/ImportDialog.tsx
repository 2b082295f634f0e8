import { Alert, Button, Checkbox, Modal, Progress, Radio, Space, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localize } from '../../../shared/domain/localizedText';
import { ImportPreviewTable } from './ImportPreviewTable';
import type { ExistingChoice } from './importCheck';
import type { ImportState } from './useScenarioImport';
import { ImportCommitProgress } from './ImportCommitProgress';
import { useImportPreviewPage } from './useImportPreviewPage';

/** Props of {@link ImportDialog}. */
export interface ImportDialogProps {
  readonly state: Exclude<ImportState, { phase: 'idle' }>;
  readonly onCancel: () => void;
  readonly onCommit: (choice: ExistingChoice) => void;
}

/** The import dialog: progress while the file is checked, the refusal, or the preview with counts and the commit. */
export function ImportDialog({ state, onCancel, onCommit }: ImportDialogProps) {
  const { t, i18n } = useTranslation();
  const [choice, setChoice] = useState<ExistingChoice>('skip');
  const [isOnlyProblems, setOnlyProblems] = useState(true);
  const [page, setPage] = useState(1);
  const hasPlan = state.phase === 'preview' || state.phase === 'committing';
  const shown = useImportPreviewPage(hasPlan ? state.plan : null, isOnlyProblems ? 'problems' : 'all', page);

  if (state.phase === 'refused') {
    return (
      <Modal open title={t('import.refusedTitle', { file: state.fileName })} onCancel={onCancel} footer={<Button onClick={onCancel}>{t('import.close')}</Button>}>
        <Alert type="error" showIcon role="alert" title={localize(state.text, i18n.language)} description={t('import.refusedHint')} />
      </Modal>
    );
  }

  if (state.phase === 'checking') {
    const percent = state.stage === 'plan' && state.total > 0 ? Math.round((state.done / state.total) * 100) : 0;
    return (
      <Modal open title={t('import.dialogTitle', { file: state.fileName })} closable={false} maskClosable={false} footer={<Button onClick={onCancel}>{t('import.cancel')}</Button>}>
        <div role="status">
          <Typography.Paragraph>{state.stage === 'plan' ? t('import.planning', { done: state.done, total: state.total }) : t('import.reading')}</Typography.Paragraph>
          <Progress percent={percent} status="active" />
        </div>
      </Modal>
    );
  }

  const { summary, progress } = state;
  const commitCount = summary.commitable.records + (choice === 'update' ? summary.commitable.updates : 0);
  const isCommitting = state.phase === 'committing';
  const format = summary.format === 'xlsx' ? 'Excel (.xlsx)' : 'CSV';
  return (
    <Modal
      open
      width={1040}
      // Near the top, so the summary, the commit's progress bar, the table and the buttons (取消 above
      // all, while committing) fit a laptop screen together; the table scrolls inside.
      style={{ top: 24 }}
      title={t('import.dialogTitle', { file: state.fileName })}
      onCancel={isCommitting ? undefined : onCancel}
      closable={!isCommitting}
      maskClosable={false}
      footer={
        <Space>
          {/* Cancelling a commit is safe: its one transaction rolls back and nothing is written. */}
          <Button onClick={onCancel}>{isCommitting ? t('import.cancelCommit') : t('import.cancel')}</Button>
          <Button type="primary" disabled={commitCount === 0} loading={isCommitting} onClick={() => onCommit(choice)}>
            {isCommitting ? t('import.committing') : commitCount === 0 ? t('import.nothingToCommit') : t('import.commit', { count: commitCount })}
          </Button>
        </Space>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        <Typography.Text type="secondary">
          {t('import.sheet', { sheet: summary.sheetName, format })}
          {summary.encoding ? `，${t('import.encoding', { encoding: summary.encoding === 'gb18030' ? 'GBK/GB18030' : 'UTF-8' })}` : ''}
        </Typography.Text>
        <Space size="large" role="group" aria-label={t('import.tableLabel')}>
          <Statistic title={t('import.countNew')} value={summary.counts.new} suffix={t('import.rowsUnit')} />
          <Statistic title={t('import.countExisting')} value={summary.counts.existing} suffix={t('import.rowsUnit')} />
          <Statistic title={t('import.countSkip')} value={summary.counts.skip + (choice === 'skip' ? summary.counts.existing : 0)} suffix={t('import.rowsUnit')} />
          <Statistic title={t('import.countInvalid')} value={summary.counts.invalid} suffix={t('import.rowsUnit')} styles={summary.counts.invalid > 0 ? { content: { color: '#cf1322' } } : undefined} />
        </Space>
        {isCommitting && <ImportCommitProgress progress={progress} />}
        {state.commitError && <Alert type="error" showIcon role="alert" title={t('import.commitFailed', { message: state.commitError })} />}
        {summary.unknownColumns.length > 0 && <Alert type="warning" showIcon title={t('import.unknownColumns', { columns: summary.unknownColumns.join('、') })} />}
        {summary.counts.invalid > 0 && <Alert type="error" showIcon title={t('import.invalidNote', { count: summary.counts.invalid })} />}
        {summary.counts.existing > 0 && (
          <Space wrap>
            <Typography.Text>{t('import.existingChoice', { count: summary.counts.existing })}</Typography.Text>
            <Radio.Group value={choice} onChange={(event) => setChoice(event.target.value as ExistingChoice)} disabled={isCommitting}>
              <Radio value="update">{t('import.existingUpdate')}</Radio>
              <Radio value="skip">{t('import.existingSkip')}</Radio>
            </Radio.Group>
          </Space>
        )}
        <Checkbox
          checked={isOnlyProblems}
          onChange={(event) => {
            setOnlyProblems(event.target.checked);
            setPage(1);
          }}
        >
          {t('import.onlyProblems')}
        </Checkbox>
        {shown.error && <Alert type="error" showIcon title={t('import.previewFailed', { reason: shown.error })} />}
        <ImportPreviewTable rows={shown.rows} total={shown.total} page={page} isLoading={shown.isLoading} choice={choice} onPageChange={setPage} />
      </Space>
    </Modal>
  );
}

