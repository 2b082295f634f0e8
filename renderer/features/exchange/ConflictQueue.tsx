import { useState } from 'react';
import { failureMessage } from '../../../shared/domain/localizedText';
import { App as AntApp, Button, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { JsonValue } from '../../../shared/domain/changeRecord';
import { useRegions } from '../../app/contexts';
import type { ConflictChoice } from '../../db/exchangeRepository';
import { useOpenConflicts, type ConflictView } from '../../db/useExchange';
import { ConflictEditDialog } from './ConflictEditDialog';
import { fieldLabel, formatValue, unitName } from './exchangeFormat';
import type { ExchangeActions } from './useExchangeActions';

/** Props of {@link ConflictQueue}. */
export interface ConflictQueueProps {
  readonly actions: ExchangeActions;
}

/** 冲突队列: base / local / incoming per field, resolved by choosing or editing; the rule is stated. */
export function ConflictQueue({ actions }: ConflictQueueProps) {
  const { t, i18n } = useTranslation();
  const regions = useRegions();
  const { message } = AntApp.useApp();
  const conflicts = useOpenConflicts();
  const [editing, setEditing] = useState<ConflictView | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  async function resolve(conflict: ConflictView, choice: ConflictChoice) {
    setBusyId(conflict.id);
    try {
      const result = await actions.resolve(conflict.id, choice);
      if (result === null) return;
      if (!result.ok) void message.error(t('exchange.conflicts.failed', { reason: failureMessage(result, i18n.language) }));
      else void message.success(result.value.isWritten ? t('exchange.conflicts.resolvedWritten') : t('exchange.conflicts.resolvedKept'));
    } finally {
      setBusyId(null);
    }
  }

  const value = (conflict: ConflictView, side: 'base' | 'local' | 'incoming') => {
    const shown = formatValue(t, conflict.field, conflict[side]);
    const isInForce = side === conflict.winner;
    return (
      <span className={isInForce ? 'atlas-conflict-winner' : undefined}>
        {shown}
        {isInForce && <Tag className="atlas-conflict-tag">{t('exchange.conflicts.inForce')}</Tag>}
      </span>
    );
  };

  return (
    <Card size="small" className="atlas-exchange-wide" title={conflicts && conflicts.length > 0 ? t('exchange.conflicts.count', { count: conflicts.length }) : t('exchange.conflicts.title')}>
      <Typography.Paragraph type="secondary" className="atlas-exchange-rule">
        {t('exchange.conflicts.rule')}
      </Typography.Paragraph>
      {conflicts !== undefined && conflicts.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('exchange.conflicts.empty')} />
      ) : (
        <Table<ConflictView>
          size="small"
          loading={conflicts === undefined}
          rowKey="id"
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          dataSource={conflicts ? [...conflicts] : []}
          aria-label={t('exchange.conflicts.title')}
          columns={[
            { title: t('exchange.conflicts.record'), key: 'record', render: (_v, c) => `${c.title}${c.isDeleted ? t('exchange.conflicts.deleted') : ''}` },
            { title: t('exchange.conflicts.field'), key: 'field', render: (_v, c) => fieldLabel(t, c.field) },
            { title: t('exchange.conflicts.kind'), key: 'kind', render: (_v, c) => (c.kind === 'field' ? t('exchange.conflicts.kindField') : <Tag color="red">{t('exchange.conflicts.kindDeleteEdit')}</Tag>) },
            { title: t('exchange.conflicts.base'), key: 'base', render: (_v, c) => value(c, 'base') },
            { title: t('exchange.conflicts.local'), key: 'local', render: (_v, c) => value(c, 'local') },
            { title: t('exchange.conflicts.incoming'), key: 'incoming', render: (_v, c) => value(c, 'incoming') },
            {
              title: t('exchange.conflicts.actions'),
              key: 'actions',
              render: (_v, c) =>
                c.owner !== actions.unitCode ? (
                  <Typography.Text type="secondary">{t('exchange.conflicts.notOwner', { owner: unitName(regions, c.owner) })}</Typography.Text>
                ) : c.kind === 'delete-edit' ? (
                  <Space wrap>
                    <Button size="small" loading={busyId === c.id} onClick={() => void resolve(c, { kind: 'restore' })}>
                      {t('exchange.conflicts.restore')}
                    </Button>
                    <Button size="small" disabled={busyId === c.id} onClick={() => void resolve(c, { kind: 'keep-deleted' })}>
                      {t('exchange.conflicts.keepDeleted')}
                    </Button>
                  </Space>
                ) : (
                  <Space wrap>
                    <Button size="small" loading={busyId === c.id} onClick={() => void resolve(c, { kind: 'value', value: c.local, label: 'local' })}>
                      {t('exchange.conflicts.useLocal')}
                    </Button>
                    <Button size="small" disabled={busyId === c.id} onClick={() => void resolve(c, { kind: 'value', value: c.incoming, label: 'incoming' })}>
                      {t('exchange.conflicts.useIncoming')}
                    </Button>
                    <Button size="small" disabled={busyId === c.id} onClick={() => setEditing(c)}>
                      {t('exchange.conflicts.edit')}
                    </Button>
                  </Space>
                ),
            },
          ]}
        />
      )}
      {editing && (
        <ConflictEditDialog
          field={editing.field}
          initial={(editing.winner === 'local' ? editing.local : editing.incoming) as JsonValue}
          onCancel={() => setEditing(null)}
          onSave={(edited) => {
            const conflict = editing;
            setEditing(null);
            void resolve(conflict, { kind: 'value', value: edited, label: 'edited' });
          }}
        />
      )}
    </Card>
  );
}
