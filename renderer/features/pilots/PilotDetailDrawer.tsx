import { Alert, Button, Descriptions, Drawer, Empty, List, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, EnvironmentOutlined, SwapOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { localize } from '../../../shared/domain/localizedText';
import { allowedStageTransitions } from '../../../shared/domain/pilotStage';
import type { Scenario } from '../../../shared/domain/scenario';
import { INDICATORS } from '../../../shared/domain/vocabulary';
import type { Partner } from '../../../shared/partners/partner';
import { DEVICE_REGISTRATION_STATES, ETHICS_APPROVAL_STATES, isOverdue, PILOT_FIELD_LABELS, type Pilot } from '../../../shared/partners/pilot';
import { usePilotHistory } from '../../db/usePilots';
import { PlanHistory } from './PlanHistory';
import { StageTag } from './StageTag';

/** Props of {@link PilotDetailDrawer}. */
export interface PilotDetailDrawerProps {
  readonly pilot: Pilot;
  readonly scenario: Scenario | undefined;
  readonly partners: ReadonlyMap<string, Partner>;
  readonly today: string;
  /** Why this user may not change the pilot, or null. */
  readonly readOnlyReason: string | null;
  readonly onClose: () => void;
  readonly onEdit: () => void;
  readonly onMove: () => void;
  readonly onDelete: () => void;
  /** Shows the pilot's scenario in the register; null when it is already on screen. */
  readonly onOpenScenario: (() => void) | null;
}

/** One pilot: stage, partners, dates, money, registration and ethics, milestones (overdue shown), indicators, IP outcomes and its timeline. */
export function PilotDetailDrawer({ pilot, scenario, partners, today, readOnlyReason, onClose, onEdit, onMove, onDelete, onOpenScenario }: PilotDetailDrawerProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const history = usePilotHistory(pilot.id);
  const none = t('pilots.detail.none');
  const isEditable = readOnlyReason === null;
  const years = [...new Set(pilot.indicators.map((row) => row.period))].sort();
  const device = DEVICE_REGISTRATION_STATES.find((s) => s.key === pilot.regulatory?.deviceRegistration);
  const ethics = ETHICS_APPROVAL_STATES.find((s) => s.key === pilot.regulatory?.ethicsApproval);

  return (
    <Drawer open size={720} onClose={onClose} title={`${pilot.projectNumber} · ${pilot.title}`} destroyOnHidden>
      <section aria-label={t('pilots.detail.title')} data-testid="pilot-detail">
        <div style={{ marginBottom: 12 }}>
          <Space wrap>
            <StageTag stage={pilot.stage} />
            <Tag>{t(`vocab.directions.${pilot.techDirection}`)}</Tag>
          </Space>
        </div>
        {readOnlyReason && <Alert type="info" showIcon className="atlas-form-alert" title={readOnlyReason} />}
        <Space wrap style={{ display: 'flex', marginBottom: 16 }}>
          {isEditable && (
            <>
              <Button type="primary" icon={<SwapOutlined />} onClick={onMove} disabled={allowedStageTransitions(pilot.stage).length === 0}>
                {t('pilots.detail.move')}
              </Button>
              <Button icon={<EditOutlined />} onClick={onEdit}>
                {t('pilots.detail.edit')}
              </Button>
              <Button danger icon={<DeleteOutlined />} onClick={onDelete}>
                {t('pilots.detail.delete')}
              </Button>
            </>
          )}
          {onOpenScenario && (
            <Button icon={<EnvironmentOutlined />} onClick={onOpenScenario} disabled={!scenario}>
              {t('pilots.detail.openScenario')}
            </Button>
          )}
        </Space>
        <Descriptions size="small" column={1} bordered styles={{ label: { width: 140 } }}>
          <Descriptions.Item label={t('pilots.columns.scenario')}>{scenario ? `${scenario.catalogNumber} ${scenario.title}` : none}</Descriptions.Item>
          <Descriptions.Item label={t('pilots.detail.partners')}>
            {pilot.partners.length === 0
              ? none
              : pilot.partners.map((p) => (
                  <div key={p.partnerId}>
                    {partners.get(p.partnerId)?.name ?? p.partnerId}
                    {p.isLead && (
                      <Tag color="blue" style={{ marginLeft: 6 }}>
                        {t('partners.drawer.lead')}
                      </Tag>
                    )}
                  </div>
                ))}
          </Descriptions.Item>
          <Descriptions.Item label={t('pilots.form.dates')}>
            <div>{t('pilots.detail.planned', { from: pilot.plannedStart ?? none, to: pilot.plannedEnd ?? none })}</div>
            <div>
              {pilot.actualStart
                ? t('pilots.detail.actual', { from: pilot.actualStart, to: pilot.actualEnd ?? t('pilots.detail.ongoing') })
                : t('pilots.detail.notStarted')}
            </div>
          </Descriptions.Item>
          <Descriptions.Item label={t('pilots.columns.investment')}>{pilot.investment ?? none}</Descriptions.Item>
          <Descriptions.Item label={t('pilots.detail.regulatory')}>
            {pilot.regulatory ? `${t('pilots.stageDialog.device')}：${device ? localize(device, lang) : none} · ${t('pilots.stageDialog.ethics')}：${ethics ? localize(ethics, lang) : none}` : none}
          </Descriptions.Item>
          {pilot.summary && <Descriptions.Item label={localize(PILOT_FIELD_LABELS.summary, lang)}>{pilot.summary}</Descriptions.Item>}
        </Descriptions>

        <Typography.Title level={5} className="atlas-plan-section-title">
          {t('pilots.detail.milestones')}
        </Typography.Title>
        {pilot.milestones.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={none} />
        ) : (
          <List
            size="small"
            bordered
            dataSource={[...pilot.milestones].sort((a, b) => (a.due < b.due ? -1 : 1))}
            renderItem={(m) => (
              <List.Item data-testid="milestone" extra={isOverdue(m, today) ? <Tag color="red">{t('pilots.overdue')}</Tag> : m.done ? <Tag color="green">{t('pilots.detail.done', { date: m.done })}</Tag> : null}>
                <List.Item.Meta title={m.title} description={[t('pilots.detail.due', { date: m.due }), m.evidence].filter(Boolean).join(' · ')} />
              </List.Item>
            )}
          />
        )}

        <Typography.Title level={5} className="atlas-plan-section-title">
          {t('pilots.detail.indicators')}
        </Typography.Title>
        {years.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={none} />
        ) : (
          <Table
            size="small"
            pagination={false}
            rowKey="period"
            data-testid="indicator-table"
            dataSource={years.map((period) => ({ period }))}
            columns={[
              { key: 'period', title: t('pilots.form.period'), dataIndex: 'period', width: 110 },
              ...INDICATORS.map((indicator) => ({
                key: indicator.key,
                title: t(`vocab.indicators.${indicator.key}`),
                align: 'right' as const,
                render: (_: unknown, row: { period: string }) => pilot.indicators.find((i) => i.period === row.period && i.indicator === indicator.key)?.value.toLocaleString('zh-CN') ?? '—',
              })),
            ]}
          />
        )}

        <Typography.Title level={5} className="atlas-plan-section-title">
          {t('pilots.detail.ipOutcomes')}
        </Typography.Title>
        {pilot.ipOutcomes.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={none} />
        ) : (
          <List
            size="small"
            bordered
            dataSource={pilot.ipOutcomes}
            renderItem={(ip) => (
              <List.Item>
                <List.Item.Meta title={`${t(`vocab.ipOutcomes.${ip.type}`)} · ${ip.title}`} description={[ip.number, ip.date].filter(Boolean).join(' · ') || none} />
              </List.Item>
            )}
          />
        )}

        <Typography.Title level={5} className="atlas-plan-section-title">
          {t('pilots.detail.timeline')}
        </Typography.Title>
        <PlanHistory history={history ?? []} />
      </section>
    </Drawer>
  );
}
