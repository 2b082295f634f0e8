import { useMemo, useState } from 'react';
import { Button, Checkbox, Input, Layout, Segmented, Select, Space, Spin, Typography } from 'antd';
import { AppstoreOutlined, PlusOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { APPLICATION_FIELDS, PILOT_STAGES, TECH_DIRECTIONS, type ApplicationField, type PilotStage, type TechDirection } from '../../../shared/domain/vocabulary';
import { useSettings } from '../../app/contexts';
import type { SectionProps } from '../../app/sections';
import { usePilots } from '../../db/usePilots';
import { PipelineBoard } from './PipelineBoard';
import { PilotTable } from './PilotTable';
import { EMPTY_PILOT_FILTER, filterPilots, type PilotFilter } from './pilotView';
import { usePilotWorkbench } from './usePilotWorkbench';
import './pilots.css';

type View = 'board' | 'table';

/** The 试点项目 area: the pipeline board (one column per stage) and the filtered list, with the pilot drawers. */
export function PilotsScreen({ goTo }: SectionProps) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const [view, setView] = useState<View>('board');
  const [filter, setFilter] = useState<PilotFilter>(EMPTY_PILOT_FILTER);
  const pilots = usePilots();
  const bench = usePilotWorkbench(pilots, (scenarioId) => goTo('register', { scenarioId }));
  const scenarios = bench.scenarios;
  const partners = bench.partnerNames;
  const shown = useMemo(
    () => (pilots && scenarios && partners ? filterPilots(pilots, filter, { scenarios, partners, today: bench.today }) : undefined),
    [pilots, scenarios, partners, filter, bench.today],
  );
  const set = (patch: Partial<PilotFilter>) => setFilter((current) => ({ ...current, ...patch }));
  const all = t('pilots.all');

  return (
    <Layout.Content className="atlas-content atlas-plan-screen">
      <div className="atlas-plan-inner">
        <header className="atlas-plan-head">
          <div>
            <Typography.Title level={3} className="atlas-plan-title">
              {t('pilots.title')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('pilots.subtitle')}</Typography.Text>
          </div>
          <Space>
            <Segmented<View>
              aria-label={t('pilots.title')}
              value={view}
              onChange={setView}
              options={[
                { value: 'board', label: t('pilots.board'), icon: <AppstoreOutlined /> },
                { value: 'table', label: t('pilots.table'), icon: <UnorderedListOutlined /> },
              ]}
            />
            {settings.role !== 'company' && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => bench.openNew(null)} disabled={bench.actions === null}>
                {t('pilots.add')}
              </Button>
            )}
          </Space>
        </header>
        <Space wrap className="atlas-plan-filters">
          <Input.Search allowClear aria-label={t('pilots.search')} placeholder={t('pilots.search')} value={filter.text} onChange={(e) => set({ text: e.target.value })} style={{ width: 300 }} />
          <Select<PilotStage | 'all'>
            aria-label={t('pilots.stageFilter')}
            style={{ width: 140 }}
            value={filter.stage ?? 'all'}
            onChange={(value) => set({ stage: value === 'all' ? null : value })}
            options={[{ value: 'all', label: `${t('pilots.stageFilter')}：${all}` }, ...PILOT_STAGES.map((s) => ({ value: s.key, label: t(`vocab.stages.${s.key}`) }))]}
          />
          <Select<ApplicationField | 'all'>
            aria-label={t('pilots.fieldFilter')}
            style={{ width: 160 }}
            value={filter.field ?? 'all'}
            onChange={(value) => set({ field: value === 'all' ? null : value })}
            options={[{ value: 'all', label: `${t('pilots.fieldFilter')}：${all}` }, ...APPLICATION_FIELDS.map((f) => ({ value: f.key, label: t(`vocab.fields.${f.key}`) }))]}
          />
          <Select<TechDirection | 'all'>
            aria-label={t('pilots.directionFilter')}
            style={{ width: 200 }}
            showSearch={{ optionFilterProp: 'label' }}
            value={filter.direction ?? 'all'}
            onChange={(value) => set({ direction: value === 'all' ? null : value })}
            options={[{ value: 'all', label: `${t('pilots.directionFilter')}：${all}` }, ...TECH_DIRECTIONS.map((d) => ({ value: d.key, label: t(`vocab.directions.${d.key}`) }))]}
          />
          <Checkbox checked={filter.isOverdueOnly} onChange={(e) => set({ isOverdueOnly: e.target.checked })}>
            {t('pilots.overdueOnly')}
          </Checkbox>
          {shown && <Typography.Text type="secondary">{t('pilots.count', { count: shown.length })}</Typography.Text>}
        </Space>
        {shown === undefined || scenarios === undefined || partners === undefined ? (
          <Spin />
        ) : view === 'board' ? (
          <PipelineBoard
            pilots={shown}
            scenarios={scenarios}
            partners={partners}
            today={bench.today}
            canMove={(pilot) => bench.readOnlyReason(pilot) === null}
            onOpen={bench.openDetail}
            onMove={bench.openMove}
          />
        ) : (
          <PilotTable
            pilots={shown}
            scenarios={scenarios}
            partners={partners}
            today={bench.today}
            unitCode={settings.unitCode}
            isEmpty={(pilots ?? []).length === 0}
            onOpen={bench.openDetail}
          />
        )}
        {view === 'board' && pilots !== undefined && pilots.length === 0 && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
            {t('pilots.empty')}
          </Typography.Paragraph>
        )}
      </div>
      {bench.elements}
    </Layout.Content>
  );
}
