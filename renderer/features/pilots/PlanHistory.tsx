import { useTranslation } from 'react-i18next';
import type { ChangeRecord } from '../../../shared/domain/changeRecord';
import { localize, type LocalizedText } from '../../../shared/domain/localizedText';
import { PARTNER_FIELD_LABELS } from '../../../shared/partners/partner';
import { PILOT_FIELD_LABELS } from '../../../shared/partners/pilot';
import { formatList, HistoryTimeline } from '../register/HistoryTimeline';

/** Props of {@link PlanHistory}. */
export interface PlanHistoryProps {
  readonly history: readonly ChangeRecord[];
}

// Fields a person does not think of as "changed" (they follow from another change).
const QUIET_FIELDS = new Set(['deletedAt', 'updatedAt', 'version']);
const FIELD_LABELS: Readonly<Record<string, LocalizedText>> = { ...PARTNER_FIELD_LABELS, ...PILOT_FIELD_LABELS };

/**
 * The change log of a pilot or partner, newest first: who, when, a stage move (from → to) or the
 * changed fields by their Chinese labels, and the note. The timeline of a pilot's stages.
 */
export function PlanHistory({ history }: PlanHistoryProps) {
  return <HistoryTimeline history={history} renderWhat={(change) => <PlanChangeWhat change={change} />} />;
}

/** What one pilot or partner change did: created, a stage move, and/or the changed fields. */
function PlanChangeWhat({ change }: { readonly change: ChangeRecord }) {
  const { t, i18n } = useTranslation();
  if (change.op === 'create') {
    return <div>{change.entity === 'partner' ? t('pilots.history.createdPartner') : t('pilots.history.created')}</div>;
  }
  const stage = change.changes['stage'];
  const isStageMove = change.op === 'status' && stage && typeof stage.old === 'string' && typeof stage.new === 'string';
  const fields = Object.keys(change.changes).filter((field) => !QUIET_FIELDS.has(field) && field !== 'stage');
  const names = fields.map((field) => (FIELD_LABELS[field] ? localize(FIELD_LABELS[field], i18n.language) : field));
  return (
    <>
      {isStageMove && (
        <div data-testid="history-stage">
          {t('pilots.history.stage', { from: t(`vocab.stages.${String(stage.old)}`), to: t(`vocab.stages.${String(stage.new)}`) })}
        </div>
      )}
      {fields.length > 0 && <div>{t('pilots.history.changed', { fields: formatList(names, i18n.language) })}</div>}
    </>
  );
}
