import { useState, type ReactNode } from 'react';
import { App as AntApp } from 'antd';
import { useTranslation } from 'react-i18next';
import { localize } from '../../../shared/domain/localizedText';
import type { Scenario } from '../../../shared/domain/scenario';
import type { Partner } from '../../../shared/partners/partner';
import type { Pilot } from '../../../shared/partners/pilot';
import type { PilotStageWrite } from '../../db/pilotRepository';
import { StageMoveDialog } from './StageMoveDialog';
import type { PlanActions } from './usePlanActions';

/** The stage dialog and the scenario status offer that may follow it, for any screen showing pilots. */
export interface StageMover {
  /** Opens the stage dialog for a pilot. */
  readonly open: (pilot: Pilot) => void;
  /** The dialog, to render once. */
  readonly element: ReactNode;
}

/**
 * Runs a stage move: the dialog asks for what the stage needs, and when the move makes a
 * scenario status change sensible (已签约 → 已对接, 实施中 → 试点中) the person is asked in a
 * confirm dialog — the scenario never changes silently (issue 4 item 3).
 */
export function useStageMover(
  actions: PlanActions | null,
  scenarios: ReadonlyMap<string, Scenario> | undefined,
  partners: ReadonlyMap<string, Partner> | undefined,
): StageMover {
  const { t, i18n } = useTranslation();
  const { message, modal } = AntApp.useApp();
  const [pilot, setPilot] = useState<Pilot | null>(null);

  function offerScenarioChange(write: PilotStageWrite) {
    const { offer } = write;
    if (!offer || !actions) return;
    const stageLabel = t(`vocab.stages.${write.pilot.stage}`, { lng: 'zh-CN' });
    modal.confirm({
      title: t('pilots.offer.title'),
      content: localize(offer.reason, i18n.language),
      okText: t('pilots.offer.accept'),
      cancelText: t('pilots.offer.decline'),
      onOk: async () => {
        // The note names the pilot, so the scenario's history says why its status moved.
        const result = await actions.acceptOffer(offer, `试点项目 ${write.pilot.projectNumber} 进入“${stageLabel}”阶段`);
        if (result.ok) void message.success(t('pilots.offer.done', { status: t(`vocab.statuses.${offer.to}`) }));
        else void message.error(t('pilots.offer.failed', { reason: result.message }));
      },
    });
  }

  const element =
    pilot && actions ? (
      <StageMoveDialog
        pilot={pilot}
        scenario={scenarios?.get(pilot.scenarioId)}
        partners={partners ?? new Map()}
        actions={actions}
        onClose={() => setPilot(null)}
        onMoved={(write) => {
          setPilot(null);
          void message.success(t('pilots.stageDialog.done', { title: write.pilot.title, stage: t(`vocab.stages.${write.pilot.stage}`) }));
          offerScenarioChange(write);
        }}
      />
    ) : null;
  return { open: setPilot, element };
}
