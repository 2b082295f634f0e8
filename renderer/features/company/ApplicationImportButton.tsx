import { useRef, useState } from 'react';
import { App as AntApp, Button, Descriptions, Typography } from 'antd';
import { ImportOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { localize } from '../../../shared/domain/localizedText';
import type { Scenario } from '../../../shared/domain/scenario';
import {
  APPLICATION_FILE_EXTENSION,
  MAX_APPLICATION_FILE_BYTES,
  parseApplicationFile,
  type ApplicationScenarioRef,
  type ParsedApplication,
} from '../../../shared/partners/application';
import { formatTime } from '../register/HistoryTimeline';
import { useCompanyActions } from './useCompanyActions';

/** Props of {@link ApplicationImportButton}. */
export interface ApplicationImportButtonProps {
  /**
   * The live scenarios of this register: an application must name one of them. Undefined while
   * the register loads: the button waits (an empty list would refuse every file as unknown).
   */
  readonly records: readonly Scenario[] | undefined;
  /** Opens the scenario the imported pilot belongs to. */
  readonly onImported?: (scenarioId: string) => void;
}

/**
 * 导入合作意向: the scenario owner picks an application file a company sent; it is checked
 * (size, format, fields, the scenario it names) and, once confirmed, becomes a pilot at stage
 * 申报. A refused file is explained and changes nothing.
 */
export function ApplicationImportButton({ records, onImported }: ApplicationImportButtonProps) {
  const { t, i18n } = useTranslation();
  const { message, modal } = AntApp.useApp();
  const actions = useCompanyActions();
  const inputRef = useRef<HTMLInputElement>(null);
  const [isBusy, setBusy] = useState(false);
  const text = (value: { zh: string; en: string }) => localize(value, i18n.language);

  function refuse(reason: string, details: readonly string[] = []) {
    modal.error({
      title: t('company.importRefused'),
      content: (
        <div data-testid="application-import-error">
          <Typography.Paragraph>{reason}</Typography.Paragraph>
          {details.length > 0 && (
            <ul>
              {details.slice(0, 8).map((detail) => (
                <li key={detail}>{detail}</li>
              ))}
            </ul>
          )}
        </div>
      ),
    });
  }

  async function readFile(file: File) {
    let content: string;
    try {
      // Never more than just over the limit is read: a larger file still reads as too large (parseApplicationFile says so).
      content = await file.slice(0, MAX_APPLICATION_FILE_BYTES + 4).text();
    } catch (error) {
      console.error('[company] reading an application file failed', error);
      refuse(t('company.readFailed', { reason: error instanceof Error ? error.message : String(error) }));
      return;
    }
    if (records === undefined) {
      refuse(t('company.registerLoading'));
      return;
    }
    const byId = new Map(records.map((record) => [record.id as string, record]));
    const parsed = parseApplicationFile(content, (id): ApplicationScenarioRef | undefined => byId.get(id));
    if (!parsed.ok) {
      refuse(text(parsed.text), parsed.error === 'invalid-field' ? (parsed.details ?? []) : []);
      return;
    }
    confirmImport(parsed.value);
  }

  function confirmImport({ application, scenario, warnings }: ParsedApplication) {
    modal.confirm({
      title: t('company.importConfirm'),
      width: 560,
      okText: t('company.importOk'),
      cancelText: t('company.cancel'),
      content: (
        <>
          {warnings.map((warning) => (
            <Typography.Paragraph key={warning.zh} type="warning">
              {text(warning)}
            </Typography.Paragraph>
          ))}
          <Descriptions size="small" column={1} bordered data-testid="application-import-summary">
            <Descriptions.Item label={t('company.importScenario')}>
              {scenario.title}（{scenario.catalogNumber}）
            </Descriptions.Item>
            <Descriptions.Item label={t('company.importOrganisation')}>{application.organisation}</Descriptions.Item>
            <Descriptions.Item label={t('company.importCreditCode')}>{application.creditCode}</Descriptions.Item>
            <Descriptions.Item label={t('company.importContact')}>
              {application.contactName} · {application.phone} · {application.email}
            </Descriptions.Item>
            <Descriptions.Item label={t('company.importProposal')}>
              <Typography.Paragraph ellipsis={{ rows: 4, expandable: true }} style={{ marginBottom: 0 }}>
                {application.proposal}
              </Typography.Paragraph>
            </Descriptions.Item>
            <Descriptions.Item label={t('company.importCreated')}>{formatTime(Date.parse(application.createdAt))}</Descriptions.Item>
          </Descriptions>
        </>
      ),
      onOk: async () => {
        if (!actions) return;
        const result = await actions.importApplication(application);
        if (!result.ok) {
          refuse(result.message);
          return;
        }
        const { pilot, partner, isNewPartner } = result.value;
        void message.success({
          duration: 8,
          content: (
            <span data-testid="application-imported">
              {t('company.imported', { number: pilot.projectNumber, title: pilot.title })}
              {isNewPartner && <> · {t('company.importedNewPartner', { name: partner.name })}</>}
            </span>
          ),
        });
        onImported?.(scenario.id);
      },
    });
  }

  return (
    <>
      <Button icon={<ImportOutlined />} loading={isBusy || records === undefined} disabled={!actions || records === undefined} onClick={() => inputRef.current?.click()}>
        {t('company.importButton')}
      </Button>
      <input
        ref={inputRef}
        type="file"
        accept={`${APPLICATION_FILE_EXTENSION},.json,application/json`}
        aria-label={t('company.importTitle')}
        data-testid="application-import-input"
        style={{ display: 'none' }}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = ''; // the same file can be picked again after a refusal
          if (!file) return;
          setBusy(true);
          void readFile(file).finally(() => setBusy(false));
        }}
      />
    </>
  );
}
