import { CloudDownloadOutlined, DeleteOutlined, HistoryOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Empty, InputNumber, Popconfirm, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_BACKUP_KEEP, MIN_BACKUP_KEEP, type BackupInfo } from '../../../shared/backup/backupName';
import { failureMessage } from '../../../shared/domain/localizedText';
import { formatShanghaiDateTime } from '../../../shared/spreadsheet/sheet';
import { useSettings } from '../../app/contexts';
import { useBackups } from '../../db/useBackups';

/** Props of {@link BackupPanel}. */
export interface BackupPanelProps {
  /** Heading level of the panel's title (it sits in a drawer or a section). */
  readonly headingLevel?: 4 | 5;
}

const NO_WRAP = { whiteSpace: 'nowrap' } as const;

/** Bytes as a short size: 812 B, 3.4 KB, 12.0 MB. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The 备份 panel: backups with time, reason and size; 立即备份; 恢复 with confirmation; how many are kept. */
export function BackupPanel({ headingLevel = 5 }: BackupPanelProps) {
  const { t, i18n } = useTranslation();
  const { message, modal } = AntApp.useApp();
  const { settings, updateSettings } = useSettings();
  const { backups, listError, backUpNow, restore, remove } = useBackups();
  const [isBackingUp, setIsBackingUp] = useState(false);
  // A restore's outcome stays in the panel (not only a passing toast): it says what the data now is.
  const [restoreOutcome, setRestoreOutcome] = useState<{ readonly type: 'success' | 'error'; readonly text: string } | null>(null);

  async function onBackUpNow() {
    setIsBackingUp(true);
    try {
      const result = await backUpNow();
      if (result.ok) void message.success(t('backup.created', { time: formatShanghaiDateTime(result.value.createdAt), size: formatSize(result.value.size) }));
      else void message.error(t('backup.createFailed', { reason: failureMessage(result, i18n.language) }));
    } finally {
      setIsBackingUp(false);
    }
  }

  function onRestore(backup: BackupInfo) {
    const time = formatShanghaiDateTime(backup.createdAt);
    void modal.confirm({
      title: t('backup.restoreTitle', { time }),
      content: t('backup.restoreBody'),
      okText: t('backup.restoreConfirm'),
      okButtonProps: { danger: true },
      cancelText: t('backup.cancel'),
      async onOk() {
        const result = await restore(backup.id);
        const outcome = result.ok
          ? { type: 'success' as const, text: t('backup.restored', { time, count: result.value.counts.scenarios ?? 0 }) }
          : { type: 'error' as const, text: t('backup.restoreFailed', { reason: failureMessage(result, i18n.language) }) };
        setRestoreOutcome(outcome);
        void message.open({ type: outcome.type, content: outcome.text, duration: 6 });
      },
    });
  }

  async function onRemove(backup: BackupInfo) {
    const result = await remove(backup.id);
    if (result.ok) void message.success(t('backup.removed'));
    else void message.error(t('backup.removeFailed', { reason: failureMessage(result, i18n.language) }));
  }

  // Saved when the field is left or Enter pressed, not per keystroke: typing 15 must not keep 1 on the way.
  const [keepDraft, setKeepDraft] = useState<number | null>(null);
  async function saveKeep() {
    const value = keepDraft;
    setKeepDraft(null);
    if (value === null || value === settings.backupKeep) return;
    const problem = await updateSettings({ backupKeep: value });
    if (problem) void message.error(problem);
    else void message.success(t('backup.keepSaved', { keep: value }));
  }

  const columns: TableColumnsType<BackupInfo> = [
    { key: 'time', title: t('backup.time'), render: (_, backup) => <span style={NO_WRAP}>{formatShanghaiDateTime(backup.createdAt).slice(0, 16)}</span> },
    { key: 'reason', title: t('backup.reason'), render: (_, backup) => <Tag>{t(`backup.reasons.${backup.reason}`)}</Tag> },
    { key: 'size', title: t('backup.size'), align: 'right', render: (_, backup) => <span style={NO_WRAP}>{formatSize(backup.size)}</span> },
    {
      key: 'actions',
      title: t('backup.actions'),
      render: (_, backup) => (
        <Space size={0} style={NO_WRAP}>
          <Button type="link" size="small" icon={<HistoryOutlined />} onClick={() => onRestore(backup)} aria-label={`${t('backup.restore')} ${formatShanghaiDateTime(backup.createdAt)}`}>
            {t('backup.restore')}
          </Button>
          <Popconfirm
            title={t('backup.removeTitle', { time: formatShanghaiDateTime(backup.createdAt) })}
            okText={t('backup.remove')}
            okButtonProps={{ danger: true }}
            cancelText={t('backup.cancel')}
            onConfirm={() => onRemove(backup)}
          >
            {/* Icon only, to keep the row short: the name is in aria-label and the tooltip. */}
            <Button
              type="text"
              size="small"
              danger
              icon={<DeleteOutlined />}
              title={t('backup.remove')}
              aria-label={`${t('backup.remove')} ${formatShanghaiDateTime(backup.createdAt)}`}
            />
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <section className="atlas-backup-panel" aria-labelledby="atlas-backup-title">
      <Typography.Title level={headingLevel} id="atlas-backup-title">
        {t('backup.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('backup.intro', { keep: settings.backupKeep })}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<CloudDownloadOutlined />} loading={isBackingUp} onClick={() => void onBackUpNow()}>
          {isBackingUp ? t('backup.backingUp') : t('backup.backupNow')}
        </Button>
        <label>
          {t('backup.keep')}{' '}
          <InputNumber
            aria-label={t('backup.keep')}
            min={MIN_BACKUP_KEEP}
            max={MAX_BACKUP_KEEP}
            precision={0}
            size="small"
            value={keepDraft ?? settings.backupKeep}
            onChange={(value) => setKeepDraft(value)}
            onBlur={() => void saveKeep()}
            onPressEnter={() => void saveKeep()}
          />
        </label>
      </Space>
      {restoreOutcome && <Alert role="status" type={restoreOutcome.type} title={restoreOutcome.text} showIcon closable onClose={() => setRestoreOutcome(null)} style={{ marginBottom: 12 }} />}
      {listError !== null && <Typography.Paragraph type="danger">{t('backup.listFailed', { reason: failureMessage(listError, i18n.language) })}</Typography.Paragraph>}
      <Table<BackupInfo>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={backups ?? []}
        loading={backups === null && listError === null}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('backup.empty')} /> }}
      />
    </section>
  );
}
