import { Button, Progress, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ExchangePhase } from '../../db/exchangeProgress';

/** Props of {@link ExchangeProgressBar}. */
export interface ExchangeProgressBarProps {
  readonly phase: ExchangePhase;
  /** 0–100. */
  readonly percent: number;
  readonly onCancel: () => void;
}

/** How far a package's verification, planning or import has come, with 取消 (nothing is changed by a cancel). */
export function ExchangeProgressBar({ phase, percent, onCancel }: ExchangeProgressBarProps) {
  const { t } = useTranslation();
  const label = t(`exchange.import.phases.${phase}`);
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
