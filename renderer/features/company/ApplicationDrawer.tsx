import { useState } from 'react';
import { Alert, App as AntApp, Button, Drawer, Form, Input, Space, Spin, Typography } from 'antd';
import { DownloadOutlined, SaveOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { failureMessage, localize } from '../../../shared/domain/localizedText';
import type { Scenario } from '../../../shared/domain/scenario';
import {
  APPLICATION_FIELD_LABELS,
  MAX_PROPOSAL_LENGTH,
  createApplicationFile,
  serializeApplicationFile,
  type ApplicationDraftField,
} from '../../../shared/partners/application';
import {
  APPLICATION_DRAFT_FIELDS,
  EMPTY_APPLICATION_DRAFT,
  type ApplicationDraftValues,
} from '../../db/applicationRepository';
import { useApplicationDraft } from '../../db/useApplicationDraft';
import { formatTime } from '../register/HistoryTimeline';
import { usePlatform } from '../../app/contexts';
import { applicationFileName } from './applicationFile';
import { useCompanyActions } from './useCompanyActions';

/** Props of {@link ApplicationDrawer}. */
export interface ApplicationDrawerProps {
  readonly scenario: Scenario;
  readonly onClose: () => void;
}

type FieldErrors = Partial<Record<ApplicationDraftField, string>>;

/**
 * The company's application (合作意向) for one open scenario: typed, saved as a draft, and exported
 * as a file for the scenario's owner. The file is only made when every field passes
 * (shared/partners/application.ts); otherwise each field says what is wrong and nothing is exported.
 */
export function ApplicationDrawer({ scenario, onClose }: ApplicationDrawerProps) {
  const { t, i18n } = useTranslation();
  const { message } = AntApp.useApp();
  const actions = useCompanyActions();
  const platform = usePlatform();
  const draft = useApplicationDraft(scenario.id);
  // What the person typed; until then the saved draft (or an empty form) is shown.
  const [edited, setEdited] = useState<ApplicationDraftValues | null>(null);
  const values = edited ?? (draft === undefined ? null : draft ? pickValues(draft) : EMPTY_APPLICATION_DRAFT);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [isBusy, setBusy] = useState(false);

  const label = (field: ApplicationDraftField) => localize(APPLICATION_FIELD_LABELS[field], i18n.language);
  const isOpen = scenario.status === 'open';

  async function save(): Promise<string | null> {
    if (!actions || !values) return null;
    const result = await actions.saveDraft(scenario.id, values);
    if (!result.ok) {
      void message.error(t('company.failed', { message: result.message }));
      return null;
    }
    return result.value.id;
  }

  async function saveDraft() {
    setBusy(true);
    const id = await save();
    setBusy(false);
    if (id) void message.success(t('company.draftSaved'));
  }

  async function exportFile() {
    if (!actions || !values) return;
    setBusy(true);
    try {
      const id = await save();
      if (!id) return;
      const now = Date.now();
      const made = createApplicationFile(values, scenario, new Date(now).toISOString());
      if (!made.ok) {
        const next: FieldErrors = {};
        for (const issue of made.issues ?? []) {
          const field = issue.field as ApplicationDraftField;
          if (APPLICATION_DRAFT_FIELDS.includes(field) && next[field] === undefined) next[field] = localize(issue, i18n.language);
        }
        setErrors(next);
        const count = Object.keys(next).length;
        void message.error(count > 0 ? t('company.fixFields', { count }) : localize(made.text, i18n.language));
        return;
      }
      setErrors({});
      // The platform's save: a save dialog in the desktop app, a download in the browser.
      const saved = await platform.saveFile({
        suggestedName: applicationFileName(t('company.fileStem'), scenario.catalogNumber, now),
        extension: 'json',
        filterName: t('company.fileFilter'),
        bytes: new TextEncoder().encode(serializeApplicationFile(made.value)),
      });
      if (!saved.ok) {
        void message.error(t('company.failed', { message: failureMessage(saved, i18n.language) }));
        return;
      }
      if (saved.value.status === 'cancelled') return;
      const marked = await actions.markExported(id);
      if (!marked.ok) void message.error(t('company.failed', { message: marked.message }));
      void message.success(t('company.exported', { file: saved.value.fileName }));
    } finally {
      setBusy(false);
    }
  }

  function change(field: ApplicationDraftField, value: string) {
    setEdited({ ...(values ?? EMPTY_APPLICATION_DRAFT), [field]: value });
    if (errors[field]) setErrors((current) => ({ ...current, [field]: undefined }));
  }

  return (
    <Drawer
      open
      size="large"
      title={t('company.applyDrawer', { title: scenario.title })}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Space>
          <Button icon={<SaveOutlined />} onClick={() => void saveDraft()} disabled={!values || isBusy}>
            {t('company.saveDraft')}
          </Button>
          <Button
            type="primary"
            icon={<DownloadOutlined />}
            onClick={() => void exportFile()}
            disabled={!values || !isOpen}
            loading={isBusy}
          >
            {t('company.export')}
          </Button>
        </Space>
      }
    >
      {!isOpen && <Alert type="warning" showIcon title={t('company.notOpen')} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph>{t('company.applyIntro', { owner: scenario.ownerUnit })}</Typography.Paragraph>
      {draft && (
        <Typography.Paragraph type="secondary" data-testid="application-draft-state">
          {t('company.lastSaved', { time: formatTime(draft.updatedAt) })}
          {draft.exportedAt !== null && ` · ${t('company.lastExported', { time: formatTime(draft.exportedAt) })}`}
        </Typography.Paragraph>
      )}
      {values === null ? (
        <Spin />
      ) : (
        <Form layout="vertical" onFinish={() => void exportFile()}>
          {APPLICATION_DRAFT_FIELDS.map((field) => (
            <Form.Item
              key={field}
              label={label(field)}
              htmlFor={`application-${field}`}
              required
              validateStatus={errors[field] ? 'error' : undefined}
              help={
                errors[field] ??
                (field === 'creditCode'
                  ? t('company.creditCodeHint')
                  : field === 'proposal'
                    ? t('company.proposalHint', { max: MAX_PROPOSAL_LENGTH })
                    : undefined)
              }
            >
              {field === 'proposal' ? (
                <Input.TextArea
                  id={`application-${field}`}
                  value={values[field]}
                  onChange={(event) => change(field, event.target.value)}
                  autoSize={{ minRows: 5, maxRows: 12 }}
                  maxLength={MAX_PROPOSAL_LENGTH}
                  showCount
                />
              ) : (
                <Input
                  id={`application-${field}`}
                  value={values[field]}
                  onChange={(event) => change(field, event.target.value)}
                />
              )}
            </Form.Item>
          ))}
        </Form>
      )}
    </Drawer>
  );
}

function pickValues(row: ApplicationDraftValues): ApplicationDraftValues {
  return Object.fromEntries(APPLICATION_DRAFT_FIELDS.map((field) => [field, row[field]])) as ApplicationDraftValues;
}
