import { Progress, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { localize } from '../../../shared/domain/localizedText';
import type { PlanProgressItem } from '../../../shared/partners/dashboard';

/** Props of {@link PlanProgressList}. */
export interface PlanProgressListProps {
  readonly items: readonly PlanProgressItem[];
}

/** One progress bar per target of the plan, with how the register measures it. */
export function PlanProgressList({ items }: PlanProgressListProps) {
  const { t, i18n } = useTranslation();
  const text = (value: { zh: string; en: string }) => localize(value, i18n.language);
  return (
    <ul className="atlas-bars" aria-label={t('dashboard.planTitle')} data-testid="dashboard-plan">
      {items.map((item) => {
        const name = text(item.target);
        const percent = item.ratio === null ? 0 : Math.round(item.ratio * 1000) / 10;
        return (
          <li key={item.target.key} className="atlas-plan-item" data-key={item.target.key}>
            <div className="atlas-plan-head">
              <span>
                <Tag>{t('dashboard.due', { year: item.target.by })}</Tag>
                {name}
              </span>
              <span className="atlas-num">
                {item.value === null ? (
                  <Tag>{t('dashboard.notEntered')}</Tag>
                ) : (
                  <>
                    {t('dashboard.progressValue', {
                      value: item.value.toLocaleString(),
                      target: item.target.target.toLocaleString(),
                      unit: text(item.target.unit),
                    })}{' '}
                    <Tag color={item.isMet ? 'green' : 'default'}>
                      {item.isMet ? t('dashboard.met') : t('dashboard.notMet')}
                    </Tag>
                  </>
                )}
              </span>
            </div>
            <Progress
              percent={Math.min(100, percent)}
              format={() => (item.value === null ? '—' : `${percent}%`)}
              status={item.isMet ? 'success' : 'normal'}
              aria-label={t('dashboard.progressLabel', { target: name, percent })}
            />
            <div className="atlas-plan-note">{text(item.target.note)}</div>
          </li>
        );
      })}
    </ul>
  );
}
