import { Progress, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CommitProgress } from './useScenarioImport';

/** Props of {@link ImportCommitProgress}. */
export interface ImportCommitProgressProps {
  /** Null while the backup taken before the commit is made. */
  readonly progress: CommitProgress | null;
}

/** The commit's progress: the backup, then checking the rows, then writing them, as a count and a bar. */
export function ImportCommitProgress({ progress }: ImportCommitProgressProps) {
  const { t } = useTranslation();
  const percent = progress && progress.total > 0 ? Math.floor((progress.done / progress.total) * 100) : 0;
  const text = progress === null
    ? t('import.commitPreparing')
    : t(progress.stage === 'check' ? 'import.commitChecking' : 'import.commitWriting', { done: progress.done, total: progress.total });
  return (
    <div role="status">
      <Typography.Text>{text}</Typography.Text>
      {/* One bar per step (keyed): a new step starts its own bar at 0 rather than animating back from 100 %. */}
      <Progress key={progress?.stage ?? 'backup'} percent={percent} status="active" />
    </div>
  );
}
