import type { ReactNode } from 'react';
import { Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ChangeRecord } from '../../../shared/domain/changeRecord';
import { useRegions } from '../../app/contexts';

/** Props of {@link HistoryTimeline}. */
export interface HistoryTimelineProps {
  readonly history: readonly ChangeRecord[];
  /** What one change did, in words; a scenario's (status move or changed fields) by default. */
  readonly renderWhat?: (change: ChangeRecord) => ReactNode;
}

const TIME_FORMAT = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** Formats epoch ms in Beijing time (the register's users are all in Sichuan). */
export function formatTime(ms: number): string {
  return TIME_FORMAT.format(ms);
}

/** A list of names in the UI language: "甲、乙和丙" in Chinese, "A, B, and C" in English. */
export function formatList(items: readonly string[], language: string): string {
  return new Intl.ListFormat(language.startsWith('zh') ? 'zh-CN' : 'en', { type: 'conjunction' }).format(items);
}

/**
 * The change log of one record (scenario, pilot or partner), newest first: who (unit · role),
 * when, what, and the note. Never edited.
 */
export function HistoryTimeline({ history, renderWhat = (change) => <HistoryWhat change={change} /> }: HistoryTimelineProps) {
  const { t } = useTranslation();
  const regions = useRegions();
  if (history.length === 0) return <Typography.Text type="secondary">{t('detail.historyEmpty')}</Typography.Text>;
  const newestFirst = [...history].reverse();
  return (
    <Timeline
      className="atlas-history"
      items={newestFirst.map((change) => ({
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
            {renderWhat(change)}
            {change.note && <div className="atlas-history-note">{t('detail.historyNote', { note: change.note })}</div>}
          </div>
        ),
      }))}
    />
  );
}

function HistoryWhat({ change }: { readonly change: ChangeRecord }) {
  const { t, i18n } = useTranslation();
  const status = change.changes.status;
  if (change.op === 'create') return <div>{t('detail.historyCreated')}</div>;
  if (status && typeof status.old === 'string' && typeof status.new === 'string') {
    return <div>{t('detail.historyStatus', { from: t(`vocab.statuses.${status.old}`), to: t(`vocab.statuses.${status.new}`) })}</div>;
  }
  const fields = Object.keys(change.changes).filter((field) => field !== 'deletedAt' && field !== 'suspendedFrom');
  if (fields.length === 0) return null;
  const names = fields.map((field) => t(`vocab.scenarioFields.${field}`));
  return <div>{t('detail.historyFieldsChanged', { fields: formatList(names, i18n.language) })}</div>;
}
