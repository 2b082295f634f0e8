import { Empty, Table, Tag } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Scenario } from '../../../shared/domain/scenario';
import { PILOT_STAGES } from '../../../shared/domain/vocabulary';
import type { Partner } from '../../../shared/partners/partner';
import type { Pilot } from '../../../shared/partners/pilot';
import { formatTime } from '../register/HistoryTimeline';
import { leadPartnerOf, milestoneCounts } from './pilotView';
import { StageTag } from './StageTag';

/** Props of {@link PilotTable}. */
export interface PilotTableProps {
  readonly pilots: readonly Pilot[];
  readonly scenarios: ReadonlyMap<string, Scenario>;
  readonly partners: ReadonlyMap<string, Partner>;
  readonly today: string;
  readonly unitCode: string | null;
  readonly isEmpty: boolean;
  readonly onOpen: (pilot: Pilot) => void;
}

const STAGE_ORDER = new Map(PILOT_STAGES.map((s, index) => [s.key, index]));

/** The pilot list: one row per pilot, sortable; Enter or a click opens the pilot. */
export function PilotTable({ pilots, scenarios, partners, today, unitCode, isEmpty, onOpen }: PilotTableProps) {
  const { t } = useTranslation();
  return (
    <Table<Pilot>
      rowKey="id"
      size="middle"
      dataSource={[...pilots]}
      pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
      locale={{ emptyText: <Empty description={isEmpty ? t('pilots.empty') : t('pilots.emptyFiltered')} /> }}
      onRow={(pilot) => ({
        onClick: () => onOpen(pilot),
        onKeyDown: (event) => {
          if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            onOpen(pilot);
          }
        },
        tabIndex: 0,
        className: 'atlas-clickable-row',
        'aria-label': `${pilot.projectNumber} ${pilot.title}`,
      })}
      columns={[
        { key: 'projectNumber', title: t('pilots.columns.projectNumber'), width: 170, dataIndex: 'projectNumber', sorter: (a, b) => a.projectNumber.localeCompare(b.projectNumber) },
        {
          key: 'title',
          title: t('pilots.columns.title'),
          render: (_, pilot) => (
            <>
              {pilot.title}
              {pilot.ownerUnitCode !== unitCode && (
                <Tag icon={<LockOutlined />} style={{ marginLeft: 6 }}>
                  {t('pilots.readOnly')}
                </Tag>
              )}
            </>
          ),
        },
        { key: 'scenario', title: t('pilots.columns.scenario'), render: (_, pilot) => scenarios.get(pilot.scenarioId)?.title ?? '—' },
        { key: 'lead', title: t('pilots.columns.lead'), width: 180, render: (_, pilot) => leadPartnerOf(pilot, partners)?.name ?? t('pilots.noLead') },
        {
          key: 'stage',
          title: t('pilots.columns.stage'),
          width: 110,
          render: (_, pilot) => <StageTag stage={pilot.stage} />,
          sorter: (a, b) => (STAGE_ORDER.get(a.stage) ?? 0) - (STAGE_ORDER.get(b.stage) ?? 0),
        },
        { key: 'direction', title: t('pilots.columns.direction'), width: 150, render: (_, pilot) => t(`vocab.directions.${pilot.techDirection}`) },
        {
          key: 'milestones',
          title: t('pilots.columns.milestones'),
          width: 130,
          render: (_, pilot) => {
            const counts = milestoneCounts(pilot, today);
            if (counts.total === 0) return '—';
            return (
              <>
                {t('pilots.milestoneProgress', counts)}
                {counts.overdue > 0 && <span className="atlas-overdue"> · {t('pilots.overdueCount', { count: counts.overdue })}</span>}
              </>
            );
          },
        },
        { key: 'updatedAt', title: t('pilots.columns.updatedAt'), width: 150, render: (_, pilot) => formatTime(pilot.updatedAt), sorter: (a, b) => a.updatedAt - b.updatedAt, defaultSortOrder: 'descend' },
      ]}
    />
  );
}
