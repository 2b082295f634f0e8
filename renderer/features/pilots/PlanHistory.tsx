import { Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ChangeRecord } from '../../../shared/domain/changeRecord';
import { localize, type LocalizedText } from '../../../shared/domain/localizedText';
import { PARTNER_FIELD_LABELS } from '../../../shared/partners/partner';
import { PILOT_FIELD_LABELS } from '../../../shared/partners/pilot';
import { useRegions } from '../../app/contexts';
import { formatTime } from '../register/HistoryTimeline';

/** Props of {@link PlanHistory}. */
export interface PlanHistoryProps {
  readonly history: readonly ChangeRecord[];
}

// Fields a person does not think of as "changed" (they follow from another change).
const QUIET_FIELDS = new Set(['deletedAt', 'updatedAt', 'version']);

/**
 * The change log of a pilot or partner, newest first: who, when, a stage move (from → to) or the
 * changed fields by their Chinese labels, and the note. The timeline of a pilot's stages.
 */
export function PlanHistory({ history }: PlanHistoryProps) {
  const { t, i18n } = useTranslation();
  const regions = useRegions();
  if (history.length === 0) return <Typography.Text type="secondary">{t('detail.historyEmpty')}</Typography.Text>;
  const labels: Readonly<Record<string, LocalizedText>> = { ...PARTNER_FIELD_LABELS, ...PILOT_FIELD_LABELS };
  return (
    <Timeline
      className="atlas-history"
      items={[...history].reverse().map((change) => {
        const stage = change.changes['stage'];
        const isStageMove = change.op === 'status' && stage && typeof stage.old === 'string' && typeof stage.new === 'string';
        const fields = Object.keys(change.changes).filter((field) => !QUIET_FIELDS.has(field) && field !== 'stage');
        return {
          key: change.id,
          color: change.op === 'delete' ? 'red' : change.op === 'status' ? 'blue' : change.op === 'create' ? 'green' : 'gray',
          content: (
            <div className="atlas-history-item" data-op={change.op}>
              <div>
                <strong>{t(`detail.ops.${change.op}`)}</strong> <span className="atlas-history-time">{formatTime(change.at)}</span>
              </div>
              <div className="atlas-history-who">
                {t('detail.historyBy', { unit: regions.get(change.unitCode)?.name ?? change.unitCode, role: t(`roles.${change.actorRole}`) })}
              </div>
              {change.op === 'create' ? (
                <div>{change.entity === 'partner' ? t('pilots.history.createdPartner') : t('pilots.history.created')}</div>
              ) : (
                <>
                  {isStageMove && (
                    <div data-testid="history-stage">
                      {t('pilots.history.stage', { from: t(`vocab.stages.${String(stage.old)}`), to: t(`vocab.stages.${String(stage.new)}`) })}
                    </div>
                  )}
                  {fields.length > 0 && (
                    <div>{t('pilots.history.changed', { fields: fields.map((field) => (labels[field] ? localize(labels[field], i18n.language) : field)).join('、') })}</div>
                  )}
                </>
              )}
              {change.note && <div className="atlas-history-note">{t('detail.historyNote', { note: change.note })}</div>}
            </div>
          ),
        };
      })}
    />
  );
}
