import { useMemo, useState, type ReactNode } from 'react';
import { App as AntApp } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Scenario } from '../../../shared/domain/scenario';
import type { Partner } from '../../../shared/partners/partner';
import type { Pilot } from '../../../shared/partners/pilot';
import { useRegions, useSettings } from '../../app/contexts';
import { localIsoDate } from '../../db/pilotRepository';
import { usePartners } from '../../db/usePartners';
import { useOwnedScenarioRefs, usePartnerNames, usePilot, usePilotScenarios } from '../../db/usePilots';
import { showUndoable } from '../register/undoMessage';
import { PilotDetailDrawer } from './PilotDetailDrawer';
import { PilotFormDrawer } from './PilotFormDrawer';
import { usePlanActions, type PlanActions } from './usePlanActions';
import { useStageMover } from './useStageMover';

/** Everything a screen that shows pilots needs to open, create, edit and move them. */
export interface PilotWorkbench {
  readonly actions: PlanActions | null;
  /** Partners by id (deleted too), for names; undefined while loading. */
  readonly partnerNames: ReadonlyMap<string, Partner> | undefined;
  /** Scenarios of the given pilots by id; undefined while loading. */
  readonly scenarios: ReadonlyMap<string, Scenario> | undefined;
  readonly today: string;
  /** Why this user may not change a pilot (another unit's, or the company role), or null. */
  readonly readOnlyReason: (pilot: Pilot) => string | null;
  readonly openDetail: (pilot: Pilot) => void;
  /** Opens the form for a new pilot, in `scenarioId` when given (the choice is then fixed). */
  readonly openNew: (scenarioId: string | null) => void;
  readonly openMove: (pilot: Pilot) => void;
  /** The drawers and dialogs, to render once. */
  readonly elements: ReactNode;
}

type FormState = { readonly mode: 'closed' } | { readonly mode: 'new'; readonly scenarioId: string | null } | { readonly mode: 'edit'; readonly pilotId: string };

/**
 * The pilot drawers (detail, form) and the stage dialog with its scenario offer, shared by the
 * 试点项目 area and the scenario detail's pilot list. `pilots` are the pilots on screen (their
 * scenarios are loaded for titles and offers); `onOpenScenario` shows a scenario in the register
 * (null where the scenario is already on screen).
 */
export function usePilotWorkbench(pilots: readonly Pilot[] | undefined, onOpenScenario: ((scenarioId: string) => void) | null): PilotWorkbench {
  const { t } = useTranslation();
  const regions = useRegions();
  const { settings } = useSettings();
  const { message, modal } = AntApp.useApp();
  const actions = usePlanActions();
  const [detailId, setDetailId] = useState<string | null>(null);
  const [form, setForm] = useState<FormState>({ mode: 'closed' });
  const detail = usePilot(detailId);
  const editing = usePilot(form.mode === 'edit' ? form.pilotId : null);
  const partnerNames = usePartnerNames();
  const livePartners = usePartners();
  const owned = useOwnedScenarioRefs(settings.unitCode);
  // The detail's pilot may not be among `pilots` (opened from elsewhere): load its scenario too.
  const scenarioPilots = useMemo(() => [...(pilots ?? []), ...(detail ? [detail] : [])], [pilots, detail]);
  const scenarios = usePilotScenarios(pilots === undefined ? undefined : scenarioPilots);
  const mover = useStageMover(actions, scenarios, partnerNames);
  // Fixed while the screen is open: overdue marks do not flicker as the clock passes midnight.
  const [today] = useState(() => localIsoDate(Date.now()));

  function readOnlyReason(pilot: Pilot): string | null {
    if (settings.role === 'company') return t('pilots.detail.companyReadOnly');
    if (pilot.ownerUnitCode !== settings.unitCode) return t('pilots.detail.readOnlyReason', { unit: regions.get(pilot.ownerUnitCode)?.name ?? pilot.ownerUnitCode });
    if (actions === null) return t('pilots.detail.companyReadOnly');
    return null;
  }

  function remove(pilot: Pilot) {
    if (!actions) return;
    modal.confirm({
      title: t('pilots.detail.deleteConfirm', { title: pilot.title }),
      okText: t('pilots.detail.delete'),
      okButtonProps: { danger: true },
      cancelText: t('pilots.form.cancel'),
      onOk: async () => {
        const result = await actions.deletePilot(pilot.id, pilot.version, null);
        if (!result.ok) {
          void message.error(result.message);
          return;
        }
        setDetailId(null);
        const deleted = result.value.pilot;
        showUndoable(message, {
          key: `deleted-${pilot.id}`,
          text: t('pilots.detail.deletedDone', { title: pilot.title }),
          undoLabel: t('detail.undo'),
          onUndo: async () => {
            const restored = await actions.restorePilot(deleted.id, deleted.version);
            if (!restored.ok) {
              void message.error(restored.message);
              return;
            }
            setDetailId(deleted.id);
            void message.success(t('detail.undone'));
          },
        });
      },
    });
  }

  const elements = (
    <>
      {detail && (
        <PilotDetailDrawer
          pilot={detail}
          scenario={scenarios?.get(detail.scenarioId)}
          partners={partnerNames ?? new Map()}
          today={today}
          readOnlyReason={readOnlyReason(detail)}
          onClose={() => setDetailId(null)}
          onEdit={() => setForm({ mode: 'edit', pilotId: detail.id })}
          onMove={() => mover.open(detail)}
          onDelete={() => remove(detail)}
          onOpenScenario={onOpenScenario ? () => onOpenScenario(detail.scenarioId) : null}
        />
      )}
      {actions && (form.mode === 'new' || (form.mode === 'edit' && editing)) && (
        <PilotFormDrawer
          pilot={form.mode === 'edit' ? (editing ?? null) : null}
          presetScenarioId={form.mode === 'new' ? form.scenarioId : null}
          scenarios={owned ?? []}
          partners={livePartners ?? []}
          actions={actions}
          onClose={() => setForm({ mode: 'closed' })}
          onSaved={(pilot) => {
            setForm({ mode: 'closed' });
            setDetailId(pilot.id);
          }}
        />
      )}
      {mover.element}
    </>
  );

  return {
    actions,
    partnerNames,
    scenarios,
    today,
    readOnlyReason,
    openDetail: (pilot) => setDetailId(pilot.id),
    openNew: (scenarioId) => setForm({ mode: 'new', scenarioId }),
    openMove: mover.open,
    elements,
  };
}
