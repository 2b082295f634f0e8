import { Button, Empty, Typography } from 'antd';
import { PlusOutlined, SwapOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Scenario } from '../../../shared/domain/scenario';
import { freePartnerSlots } from '../../../shared/partners/scenarioOffer';
import { useSettings } from '../../app/contexts';
import { useScenarioPilots } from '../../db/usePilots';
import { leadPartnerOf } from './pilotView';
import { StageTag } from './StageTag';
import { usePilotWorkbench } from './usePilotWorkbench';
import './pilots.css';

/** Props of {@link ScenarioPilots}. */
export interface ScenarioPilotsProps {
  readonly scenario: Scenario;
  /** This unit owns the scenario (and so its pilots). */
  readonly isEditable: boolean;
}

/**
 * The scenario detail's pilot list (issue 4 item 3): its pilots with stage and lead partner, its
 * free partner slots, "新建试点", and the stage move with the scenario status offer that may follow.
 */
export function ScenarioPilots(props: ScenarioPilotsProps) {
  const { settings } = useSettings();
  // Companies browse the catalog; the pilot records are the offices' register.
  if (settings.role === 'company' || settings.role === null) return null;
  return <ScenarioPilotList {...props} />;
}

function ScenarioPilotList({ scenario, isEditable }: ScenarioPilotsProps) {
  const { t } = useTranslation();
  const pilots = useScenarioPilots(scenario.id);
  // Already in the register on this scenario: no "open the scenario" button in the pilot drawer.
  const bench = usePilotWorkbench(pilots, null);
  const free = freePartnerSlots(scenario, pilots ?? []);
  return (
    <section className="atlas-scenario-pilots" aria-labelledby="scenario-pilots-title" data-testid="scenario-pilots">
      <Typography.Title level={5} id="scenario-pilots-title" className="atlas-detail-history-title">
        {t('pilots.scenario.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" data-testid="partner-slots">
        {t('pilots.scenario.slots', { total: scenario.partnerSlots, free })}
      </Typography.Paragraph>
      {pilots !== undefined && pilots.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pilots.scenario.none')} />}
      {(pilots ?? []).map((pilot) => (
        <div key={pilot.id} className="atlas-scenario-pilot" data-testid="scenario-pilot">
          <div>
            <Button type="link" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }} onClick={() => bench.openDetail(pilot)}>
              {pilot.title}
            </Button>
            <div className="atlas-board-card-meta">
              {pilot.projectNumber} · {t('pilots.columns.lead')}：{bench.partnerNames ? (leadPartnerOf(pilot, bench.partnerNames)?.name ?? t('pilots.noLead')) : '…'}
            </div>
          </div>
          <div style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
            <StageTag stage={pilot.stage} />
            {isEditable && bench.readOnlyReason(pilot) === null && (
              <Button size="small" icon={<SwapOutlined />} aria-label={t('pilots.moveCardAria', { title: pilot.title })} onClick={() => bench.openMove(pilot)} />
            )}
          </div>
        </div>
      ))}
      {isEditable && bench.actions && (
        <Button icon={<PlusOutlined />} style={{ marginTop: 8 }} onClick={() => bench.openNew(scenario.id)} disabled={scenario.deletedAt !== null}>
          {t('pilots.scenario.add')}
        </Button>
      )}
      {bench.elements}
    </section>
  );
}
