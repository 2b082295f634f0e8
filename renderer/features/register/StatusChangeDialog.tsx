import { useId, useState } from 'react';
import { Alert, Button, Form, Input, Modal, Radio, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { localize } from '../../../shared/domain/localizedText';
import type { Scenario } from '../../../shared/domain/scenario';
import {
  allowedTransitions,
  checkStatusChange,
  MAX_STATUS_NOTE_LENGTH,
  NOTE_REQUIRED_STATUSES,
  type ScenarioStatus,
} from '../../../shared/domain/scenarioStatus';

/** Props of {@link StatusChangeDialog}. */
export interface StatusChangeDialogProps {
  readonly isOpen: boolean;
  readonly scenario: Scenario | null;
  readonly onClose: () => void;
  /** Applies the change; resolves to an error message to show, or null when done (the caller closes the dialog). */
  readonly onSubmit: (to: ScenarioStatus, note: string) => Promise<string | null>;
}

/** Moves a scenario along the allowed status transitions of DOMAIN.md, with a note (required for 暂停 / 已关闭). */
export function StatusChangeDialog({ isOpen, scenario, onClose, onSubmit }: StatusChangeDialogProps) {
  const { t } = useTranslation();
  return (
    <Modal open={isOpen && scenario !== null} title={t('form.status.title')} footer={null} onCancel={onClose} mask={{ closable: false }} destroyOnHidden>
      {/* Mounted afresh on every opening (destroyOnHidden) and per record, so the choice and note start empty. */}
      {scenario && <StatusChangeForm key={`${scenario.id}:${scenario.version}`} scenario={scenario} onClose={onClose} onSubmit={onSubmit} />}
    </Modal>
  );
}

interface StatusChangeFormProps {
  readonly scenario: Scenario;
  readonly onClose: () => void;
  readonly onSubmit: StatusChangeDialogProps['onSubmit'];
}

function StatusChangeForm({ scenario, onClose, onSubmit }: StatusChangeFormProps) {
  const { t, i18n } = useTranslation();
  const noteId = useId();
  const options = allowedTransitions(scenario.status, scenario.suspendedFrom);
  const [to, setTo] = useState<ScenarioStatus | null>(options.length === 1 ? (options[0] ?? null) : null);
  const [note, setNote] = useState('');
  const [hasTriedSubmit, setTriedSubmit] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);

  const currentStatus = <Tag>{t(`vocab.statuses.${scenario.status}`)}</Tag>;

  if (options.length === 0) {
    return (
      <>
        <Typography.Paragraph>
          {t('form.status.current')}：{currentStatus}
        </Typography.Paragraph>
        <Alert type="info" showIcon title={t('form.status.final')} />
        <Space className="atlas-dialog-actions">
          <Button onClick={onClose}>{t('form.status.close')}</Button>
        </Space>
      </>
    );
  }

  const isNoteRequired = to !== null && NOTE_REQUIRED_STATUSES.includes(to);
  const check = to === null ? null : checkStatusChange({ from: scenario.status, to, note, suspendedFrom: scenario.suspendedFrom });
  const choiceError = to === null ? t('form.status.chooseNext') : null;
  const noteError = check && !check.ok && (check.error === 'note-required' || check.error === 'note-too-long') ? localize(check.text, i18n.language) : null;
  const otherError = check && !check.ok && noteError === null ? localize(check.text, i18n.language) : null;

  async function confirm() {
    setTriedSubmit(true);
    setSubmitError(null);
    if (to === null || !check?.ok || isSaving) return;
    setSaving(true);
    let problem: string | null;
    try {
      problem = await onSubmit(to, check.value.note ?? '');
    } catch (error) {
      // Unexpected (the repository returns expected failures as messages): log it and keep the dialog open.
      console.error('[register] status change failed', error);
      problem = error instanceof Error ? error.message : String(error);
    }
    setSaving(false);
    setSubmitError(problem);
  }

  return (
    <Form layout="vertical" onFinish={() => void confirm()}>
      <Typography.Paragraph>
        <Typography.Text strong>{scenario.title}</Typography.Text>
        <br />
        {t('form.status.current')}：{currentStatus}
      </Typography.Paragraph>
      <Form.Item
        label={t('form.status.next')}
        required
        validateStatus={hasTriedSubmit && (choiceError || otherError) ? 'error' : undefined}
        help={hasTriedSubmit ? (choiceError ?? otherError) : undefined}
      >
        <Radio.Group
          aria-label={t('form.status.next')}
          value={to}
          onChange={(event) => setTo(event.target.value as ScenarioStatus)}
          options={options.map((status) => ({ value: status, label: t(`vocab.statuses.${status}`) }))}
        />
      </Form.Item>
      <Form.Item
        label={t('form.status.note')}
        htmlFor={noteId}
        required={isNoteRequired}
        extra={isNoteRequired ? t('form.status.noteRequired') : t('form.status.noteOptional')}
        validateStatus={hasTriedSubmit && noteError ? 'error' : undefined}
        help={hasTriedSubmit ? noteError : undefined}
      >
        <Input.TextArea
          id={noteId}
          value={note}
          onChange={(event) => setNote(event.target.value)}
          placeholder={t('form.status.notePlaceholder')}
          autoSize={{ minRows: 3, maxRows: 8 }}
          maxLength={MAX_STATUS_NOTE_LENGTH}
          showCount
        />
      </Form.Item>
      {submitError && <Alert type="error" showIcon title={t('form.status.failedTitle')} description={submitError} />}
      <Space className="atlas-dialog-actions">
        <Button onClick={onClose}>{t('form.status.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={isSaving}>
          {t('form.status.confirm')}
        </Button>
      </Space>
    </Form>
  );
}
