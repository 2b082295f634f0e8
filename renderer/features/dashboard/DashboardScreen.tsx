import { useCallback, useMemo, useState } from 'react';
import { Breadcrumb, Button, Card, Empty, Layout, Segmented, Select, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { APPLICATION_FIELDS, SCENARIO_STATUSES } from '../../../shared/domain/vocabulary';
import type { Region } from '../../../shared/regions/regions';
import { useRegions } from '../../app/contexts';
import { usePlanCounts } from '../../db/usePlanCounts';
import type { SectionProps } from '../../app/sections';
import { FIELD_COLORS, STATUS_COLORS } from '../register/scenarioStyle';
import { BarList } from './BarList';
import { FieldStatusMatrix } from './FieldStatusMatrix';
import { IndicatorYearTable } from './IndicatorYearTable';
import { PlanCountsDialog } from './PlanCountsDialog';
import { PlanProgressList } from './PlanProgressList';
import { RegionCountsTable, type CountDimension } from './RegionCountsTable';
import { useDashboard } from './useDashboard';
import './dashboard.css';

/** Years the plan runs over (2025–2030); annual targets are read in one of them. */
const PLAN_YEARS = [2025, 2026, 2027, 2028, 2029, 2030] as const;

function defaultYear(): number {
  const year = new Date().getFullYear();
  return Math.min(2030, Math.max(2025, year));
}

/** The 统计 area: scenario counts with drill-down, the pilot funnel, indicators and plan progress. */
export function DashboardScreen(_props: SectionProps) {
  const { t } = useTranslation();
  const regions = useRegions();
  const [scopeCode, setScopeCode] = useState<string | null>(null);
  const [dimension, setDimension] = useState<CountDimension>('status');
  const [year, setYear] = useState(defaultYear);
  const planCounts = usePlanCounts();
  const [editingCounts, setEditingCounts] = useState(false);
  const view = useDashboard(scopeCode, year, planCounts.entry?.counts);
  const hasChildren = useCallback((region: Region) => regions.children(region.code).length > 0, [regions]);

  const fieldBars = useMemo(
    () =>
      view
        ? APPLICATION_FIELDS.map((f) => ({
            key: f.key,
            label: t(`vocab.fields.${f.key}`),
            value: view.total.byField[f.key],
            color: FIELD_COLORS[f.key],
          }))
        : [],
    [t, view],
  );
  const statusBars = useMemo(
    () =>
      view
        ? SCENARIO_STATUSES.map((s) => ({
            key: s.key,
            label: t(`vocab.statuses.${s.key}`),
            value: view.total.byStatus[s.key],
            color: STATUS_COLORS[s.key],
          }))
        : [],
    [t, view],
  );
  const funnelBars = useMemo(
    () =>
      view
        ? view.funnel.map((stage) => ({
            key: stage.stage,
            label: t(`vocab.stages.${stage.stage}`),
            value: stage.count,
          }))
        : [],
    [t, view],
  );

  if (!view) {
    return (
      <Layout.Content className="atlas-content atlas-dashboard">
        <div className="atlas-center" role="status">
          <Spin />
          <span>{t('dashboard.loading')}</span>
        </div>
      </Layout.Content>
    );
  }

  return (
    <Layout.Content className="atlas-content atlas-dashboard" aria-labelledby="dashboard-title">
      <div className="atlas-dashboard-head">
        <Typography.Title level={2} id="dashboard-title">
          {t('dashboard.title')}
        </Typography.Title>
        <nav aria-label={t('dashboard.trailLabel')}>
          <Breadcrumb
            items={view.trail.map((region, i) => ({
              key: region.code,
              title:
                i < view.trail.length - 1 ? (
                  <Button type="link" size="small" onClick={() => setScopeCode(region.code)}>
                    {region.name}
                  </Button>
                ) : (
                  <strong aria-current="page">{region.name}</strong>
                ),
            }))}
          />
        </nav>
        <span data-testid="dashboard-summary">
          {t('dashboard.scopeSummary', {
            region: view.scope.name,
            scenarios: t('dashboard.scenarioCount', { count: view.total.total }),
            pilots: t('dashboard.pilotCount', { count: view.pilotCount }),
          })}
        </span>
      </div>
      <div className="atlas-dashboard-grid">
        <Card
          className="atlas-dashboard-wide"
          size="small"
          title={t('dashboard.regionCard')}
          extra={
            <Space>
              <span className="atlas-plan-note">
                {view.scope.level !== 'county' && t('dashboard.drillHint')}
              </span>
              <Segmented<CountDimension>
                size="small"
                aria-label={t('dashboard.dimension')}
                value={dimension}
                onChange={setDimension}
                options={[
                  { value: 'status', label: t('dashboard.byStatus') },
                  { value: 'field', label: t('dashboard.byField') },
                ]}
              />
            </Space>
          }
        >
          <RegionCountsTable
            view={view}
            dimension={dimension}
            onDrill={setScopeCode}
            hasChildren={hasChildren}
          />
        </Card>
        <Card size="small" title={t('dashboard.fieldBars')}>
          <BarList bars={fieldBars} label={t('dashboard.fieldBars')} testId="dashboard-field-bars" />
        </Card>
        <Card size="small" title={t('dashboard.statusBars')}>
          <BarList bars={statusBars} label={t('dashboard.statusBars')} testId="dashboard-status-bars" />
        </Card>
        <Card size="small" title={t('dashboard.funnelTitle')}>
          {view.pilotCount === 0 && (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.funnelEmpty')} />
          )}
          <BarList bars={funnelBars} label={t('dashboard.funnelTitle')} testId="dashboard-funnel" />
        </Card>
        <Card className="atlas-dashboard-wide" size="small">
          <FieldStatusMatrix
            counts={view.total}
            caption={t('dashboard.matrixTitle', { region: view.scope.name })}
          />
        </Card>
        <Card size="small" title={t('dashboard.indicatorsTitle')}>
          <IndicatorYearTable years={view.indicators} />
        </Card>
        <Card
          className="atlas-dashboard-wide"
          size="small"
          title={t('dashboard.planTitle')}
          extra={
            <Space wrap>
              {planCounts.canEdit && (
                <Button size="small" onClick={() => setEditingCounts(true)}>
                  {t('dashboard.countsEdit')}
                </Button>
              )}
              <label>
                {t('dashboard.planYear')}{' '}
                <Select<number>
                  size="small"
                  value={year}
                  onChange={setYear}
                  aria-label={t('dashboard.planYear')}
                  options={PLAN_YEARS.map((y) => ({ value: y, label: String(y) }))}
                  style={{ width: 88 }}
                />{' '}
                {t('dashboard.planYearSuffix')}
              </label>
            </Space>
          }
        >
          <PlanProgressList
            items={view.plan}
            isProvinceScope={view.scope.level === 'province'}
            entry={planCounts.entry ?? null}
          />
          {editingCounts && (
            <PlanCountsDialog
              counts={planCounts.entry?.counts ?? {}}
              onSave={planCounts.save}
              onClose={() => setEditingCounts(false)}
            />
          )}
        </Card>
      </div>
    </Layout.Content>
  );
}
