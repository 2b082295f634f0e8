import { Progress, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { localize } from '../../../shared/domain/localizedText';
import type { ExternalPlanCountsEntry, PlanProgressItem } from '../../../shared/partners/dashboard';
import { useRegions } from '../../app/contexts';

/** Props of {@link PlanProgressList}. */
export interface PlanProgressListProps {
  readonly items: readonly PlanProgressItem[];
  /** Enterprise counts are province totals: below the province they are not shown. */
  readonly isProvinceScope: boolean;
  /** Who entered the enterprise counts and when; null when nobody has. */
  readonly entry: ExternalPlanCountsEntry | null;
}

/** One progress bar per target of the plan, with how the register measures it. */
export function PlanProgressList({ items, isProvinceScope, entry }: PlanProgressListProps) {
  const { t, i18n } = useTranslation();
  const regions = useRegions();
  const text = (value: { zh: string; en: string }) => localize(value, i18n.language);
  const missingTag = (item: PlanProgressItem) =>
    item.target.basis.kind === 'external' && !isProvinceScope
      ? t('dashboard.provinceOnly')
      : t('dashboard.notEntered');
  return (
    <>
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
                    <Tag>{missingTag(item)}</Tag>
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
      {entry && (
        <p className="atlas-plan-note" data-testid="dashboard-counts-entry">
          {t('dashboard.countsEntered', {
            unit: regions.get(entry.unitCode)?.name ?? entry.unitCode,
            date: new Date(entry.updatedAt).toLocaleDateString(i18n.language === 'en' ? 'en-GB' : 'zh-CN', {
              timeZone: 'Asia/Shanghai',
            }),
          })}
        </p>
      )}
    </>
  );
}
