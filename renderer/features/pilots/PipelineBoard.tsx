import { Button, Tooltip } from 'antd';
import { SwapOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Scenario } from '../../../shared/domain/scenario';
import type { PilotStage } from '../../../shared/domain/vocabulary';
import type { Partner } from '../../../shared/partners/partner';
import { PILOT_MAIN_PATH, type Pilot } from '../../../shared/partners/pilot';
import { STAGE_SWATCHES } from '../register/stageStyle';
import { leadPartnerOf, milestoneCounts, pilotsByStage } from './pilotView';

/** Props of {@link PipelineBoard}. */
export interface PipelineBoardProps {
  readonly pilots: readonly Pilot[];
  readonly scenarios: ReadonlyMap<string, Scenario>;
  readonly partners: ReadonlyMap<string, Partner>;
  readonly today: string;
  /** Whether this user may move the pilot (it belongs to their unit). */
  readonly canMove: (pilot: Pilot) => boolean;
  readonly onOpen: (pilot: Pilot) => void;
  readonly onMove: (pilot: Pilot) => void;
}

/** Columns left to right: the main path in order, then the two dead ends (未入选, 已终止). */
const BOARD_STAGES: readonly PilotStage[] = [...PILOT_MAIN_PATH, 'not_selected', 'terminated'];

/**
 * The pipeline board: one column per stage, one card per pilot. A card moves
 * by its "变更阶段" button — reachable by Tab and Enter — which opens the stage dialog; there is
 * no drag, so a keyboard user and a mouse user do the same thing.
 */
export function PipelineBoard({ pilots, scenarios, partners, today, canMove, onOpen, onMove }: PipelineBoardProps) {
  const { t } = useTranslation();
  const groups = pilotsByStage(pilots);
  return (
    <div className="atlas-board" role="list" aria-label={t('pilots.board')}>
      {BOARD_STAGES.map((stage) => {
        const cards = groups.get(stage) ?? [];
        const label = t(`vocab.stages.${stage}`);
        return (
          <section
            key={stage}
            role="listitem"
            className="atlas-board-column"
            aria-label={t('pilots.boardColumn', { stage: label, count: cards.length })}
            data-stage={stage}
            style={{ ['--stage-fill' as string]: STAGE_SWATCHES[stage].fill }}
          >
            <header className="atlas-board-column-head">
              {t('pilots.boardColumn', { stage: label, count: cards.length })}
            </header>
            <div className="atlas-board-column-body">
              {cards.length === 0 && <div className="atlas-board-empty">{t('pilots.boardEmpty')}</div>}
              {cards.map((pilot) => {
                const scenario = scenarios.get(pilot.scenarioId);
                const lead = leadPartnerOf(pilot, partners);
                const counts = milestoneCounts(pilot, today);
                return (
                  <article key={pilot.id} className="atlas-board-card" data-testid="pilot-card" aria-label={pilot.title}>
                    <button type="button" className="atlas-board-card-title" onClick={() => onOpen(pilot)} aria-label={t('pilots.openCard', { title: pilot.title })}>
                      {pilot.title}
                    </button>
                    <div className="atlas-board-card-meta">{pilot.projectNumber}</div>
                    {scenario && <div className="atlas-board-card-meta">{scenario.title}</div>}
                    <div className="atlas-board-card-meta">
                      {t('pilots.columns.lead')}：{lead?.name ?? t('pilots.noLead')}
                    </div>
                    <div className="atlas-board-card-actions">
                      <span className="atlas-board-card-meta">
                        {counts.total > 0 && `${t('pilots.columns.milestones')} ${t('pilots.milestoneProgress', counts)}`}
                        {counts.overdue > 0 && <span className="atlas-overdue"> · {t('pilots.overdueCount', { count: counts.overdue })}</span>}
                      </span>
                      {canMove(pilot) && (
                        <Tooltip title={t('pilots.moveCard')}>
                          <Button size="small" icon={<SwapOutlined />} aria-label={t('pilots.moveCardAria', { title: pilot.title })} onClick={() => onMove(pilot)} />
                        </Tooltip>
                      )}
                    </div>
                  </article>
                );
              })}
            </div>
          </section>
        );
      })}
    </div>
  );
}
