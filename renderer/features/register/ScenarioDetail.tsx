import type { ReactNode } from 'react';
import { Alert, Button, Descriptions, Space, Tag, Typography } from 'antd';
import { AimOutlined, CloseOutlined, DeleteOutlined, EditOutlined, LockOutlined, SwapOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ChangeRecord } from '../../../shared/domain/changeRecord';
import type { Scenario } from '../../../shared/domain/scenario';
import { allowedTransitions } from '../../../shared/domain/scenarioStatus';
import { useRegions } from '../../app/contexts';
import { ScenarioPilots } from '../pilots/ScenarioPilots';
import { HistoryTimeline, formatTime } from './HistoryTimeline';
import { FIELD_COLORS, STATUS_COLORS } from './scenarioStyle';

/** Props of {@link ScenarioDetail}. */
export interface ScenarioDetailProps {
  readonly scenario: Scenario;
  readonly history: readonly ChangeRecord[];
  /** Why this user may not edit the record, or null when they may. */
  readonly readOnlyReason: string | null;
  readonly onClose: () => void;
  readonly onEdit: () => void;
  readonly onChangeStatus: () => void;
  readonly onDelete: () => void;
  readonly onLocate: () => void;
  /** More actions beside 定位 (company mode: star, draft an application). */
  readonly extraActions?: ReactNode;
}

/** Everything about one scenario, its actions (when this unit owns it) and its history. */
export function ScenarioDetail({ scenario, history, readOnlyReason, onClose, onEdit, onChangeStatus, onDelete, onLocate, extraActions }: ScenarioDetailProps) {
  const { t } = useTranslation();
  const regions = useRegions();
  const regionPath = regions
    .path(scenario.regionCode)
    .map((region) => region.name)
    .join(' › ');
  const isEditable = readOnlyReason === null;
  const hasNextStatus = allowedTransitions(scenario.status, scenario.suspendedFrom).length > 0;
  const none = t('detail.none');
  return (
    <section className="atlas-detail" aria-labelledby="scenario-detail-title">
      <div className="atlas-detail-head">
        <Typography.Title level={4} id="scenario-detail-title" className="atlas-detail-title">
          {scenario.title}
        </Typography.Title>
        <Button type="text" icon={<CloseOutlined />} aria-label={t('detail.close')} onClick={onClose} />
      </div>
      <Space wrap size={4} className="atlas-detail-tags">
        <Tag color={STATUS_COLORS[scenario.status]} data-testid="scenario-status">
          {t(`vocab.statuses.${scenario.status}`)}
        </Tag>
        <Tag color={FIELD_COLORS[scenario.field]}>{t(`vocab.fields.${scenario.field}`)}</Tag>
        <Tag>{t(`vocab.openingLevels.${scenario.openingLevel}`)}</Tag>
        {scenario.isDemo && <Tag color="purple">{t('detail.demo')}</Tag>}
        {!isEditable && (
          <Tag icon={<LockOutlined />} color="default">
            {t('detail.readOnly')}
          </Tag>
        )}
      </Space>
      {readOnlyReason && <Alert type="info" showIcon title={readOnlyReason} className="atlas-detail-readonly" />}
      <Space wrap className="atlas-detail-actions">
        {isEditable && (
          <>
            <Button type="primary" icon={<EditOutlined />} onClick={onEdit}>
              {t('detail.edit')}
            </Button>
            <Button icon={<SwapOutlined />} onClick={onChangeStatus} disabled={!hasNextStatus}>
              {t('detail.changeStatus')}
            </Button>
            <Button danger icon={<DeleteOutlined />} onClick={onDelete}>
              {t('detail.delete')}
            </Button>
          </>
        )}
        {extraActions}
        <Button icon={<AimOutlined />} onClick={onLocate}>
          {t('detail.locate')}
        </Button>
      </Space>
      <Descriptions size="small" column={1} bordered className="atlas-detail-fields" styles={{ label: { width: 92 } }}>
        <Descriptions.Item label={t('vocab.scenarioFields.catalogNumber')}>{scenario.catalogNumber}</Descriptions.Item>
        <Descriptions.Item label={t('vocab.scenarioFields.techDirections')}>
          {scenario.techDirections.map((key) => t(`vocab.directions.${key}`)).join('、') || none}
        </Descriptions.Item>
        <Descriptions.Item label={t('vocab.scenarioFields.regionCode')}>{regionPath}</Descriptions.Item>
        <Descriptions.Item label={t('vocab.scenarioFields.ownerUnit')}>{scenario.ownerUnit}</Descriptions.Item>
        <Descriptions.Item label={t('vocab.scenarioFields.location')}>
          {scenario.location.lat.toFixed(5)}°N, {scenario.location.lng.toFixed(5)}°E
          {!scenario.isPlaced && <div className="atlas-detail-hint">{t('detail.notPlaced')}</div>}
          {scenario.address && <div>{scenario.address}</div>}
        </Descriptions.Item>
        <Descriptions.Item label={t('vocab.scenarioFields.partnerSlots')}>{scenario.partnerSlots}</Descriptions.Item>
        <Descriptions.Item label={t('detail.openPeriod')}>{periodText(t, scenario) ?? none}</Descriptions.Item>
        <Descriptions.Item label={t('vocab.scenarioFields.description')}>
          <Paragraphs text={scenario.description} none={none} />
        </Descriptions.Item>
        <Descriptions.Item label={t('vocab.scenarioFields.requirements')}>
          <Paragraphs text={scenario.requirements} none={none} />
        </Descriptions.Item>
        <Descriptions.Item label={t('vocab.scenarioFields.resourcesOffered')}>
          <Paragraphs text={scenario.resourcesOffered} none={none} />
        </Descriptions.Item>
        <Descriptions.Item label={t('vocab.scenarioFields.contactName')}>
          {[scenario.contactName, scenario.contactPhone, scenario.contactEmail].filter(Boolean).join(' · ') || none}
        </Descriptions.Item>
        {scenario.batch && <Descriptions.Item label={t('vocab.scenarioFields.batch')}>{scenario.batch}</Descriptions.Item>}
        <Descriptions.Item label={t('vocab.scenarioFields.ownerUnitCode')}>
          {regions.get(scenario.ownerUnitCode)?.name ?? scenario.ownerUnitCode}
        </Descriptions.Item>
        <Descriptions.Item label={t('vocab.scenarioFields.updatedAt')}>
          {formatTime(scenario.updatedAt)} · {t('detail.version', { version: scenario.version })}
        </Descriptions.Item>
      </Descriptions>
      <ScenarioPilots scenario={scenario} isEditable={isEditable} />
      <Typography.Title level={5} className="atlas-detail-history-title">
        {t('detail.history')}
      </Typography.Title>
      <HistoryTimeline history={history} />
    </section>
  );
}

function periodText(t: (key: string, options?: Record<string, string>) => string, scenario: Scenario): string | null {
  const { openFrom, openUntil } = scenario;
  if (openFrom && openUntil) return t('detail.period', { from: openFrom, until: openUntil });
  if (openFrom) return t('detail.periodOpenEnd', { from: openFrom });
  if (openUntil) return t('detail.periodUntil', { until: openUntil });
  return null;
}

function Paragraphs({ text, none }: { readonly text: string; readonly none: string }) {
  if (!text.trim()) return <>{none}</>;
  return <div className="atlas-detail-text">{text}</div>;
}
