import { Button, Progress, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ExchangePhase } from '../../db/exchangeProgress';

/** Props of {@link ExchangeProgressBar}. */
export interface ExchangeProgressBarProps {
  readonly phase: ExchangePhase;
  /** 0–100. */
  readonly percent: number;
  readonly onCancel: () => void;
  /** Whose phase labels to show (default 'import'). */
  readonly run?: 'import' | 'export';
}

/** How far a package's export, verification, planning or import has come, with 取消 (nothing is changed by a cancel). */
export function ExchangeProgressBar({ phase, percent, onCancel, run = 'import' }: ExchangeProgressBarProps) {
  const { t } = useTranslation();
  const label = t(`exchange.${run}.phases.${phase}`);
  return (
    <Space orientation="vertical" className="atlas-exchange-progress" role="status" aria-live="polite">
      <Typography.Text>{label}</Typography.Text>
      <Progress percent={percent} status="active" aria-label={label} />
      <Button size="small" onClick={onCancel}>
        {t('exchange.import.cancelRun')}
      </Button>
    </Space>
  );
}
