import { useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, DatePicker, Drawer, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { localize } from '../../../shared/domain/localizedText';
import { INDICATORS, IP_OUTCOME_TYPES, TECH_DIRECTIONS, type Indicator, type IpOutcomeType, type TechDirection } from '../../../shared/domain/vocabulary';
import type { Partner } from '../../../shared/partners/partner';
import {
  DEVICE_REGISTRATION_STATES,
  ETHICS_APPROVAL_STATES,
  PILOT_FIELD_LABELS,
  PILOT_LIMITS,
  validatePilot,
  type DeviceRegistrationState,
  type EthicsApprovalState,
  type Pilot,
  type PilotFieldIssues,
  type PilotInputField,
} from '../../../shared/partners/pilot';
import type { OwnedScenarioRef } from '../../db/pilotRepository';
import { localIsoDate } from '../../db/pilotRepository';
import type { PlanActions } from './usePlanActions';

/** Props of {@link PilotFormDrawer}. */
export interface PilotFormDrawerProps {
  /** null → a new pilot; otherwise edit this one. */
  readonly pilot: Pilot | null;
  /** The scenario of a new pilot when it is started from a scenario (the choice is then fixed). */
  readonly presetScenarioId: string | null;
  /** The scenarios this unit may add pilots to. */
  readonly scenarios: readonly OwnedScenarioRef[];
  /** Live partners to choose from. */
  readonly partners: readonly Partner[];
  readonly actions: PlanActions;
  readonly onClose: () => void;
  /** After a save: the pilot written. */
  readonly onSaved: (pilot: Pilot) => void;
}

const DATE_FORMAT = 'YYYY-MM-DD';

interface MilestoneRow {
  id: string;
  title: string;
  due: string | null;
  done: string | null;
  evidence: string;
}
interface IndicatorRow {
  key: string;
  period: string;
  indicator: Indicator | null;
  value: number | null;
}
interface IpRow {
  key: string;
  type: IpOutcomeType | null;
  title: string;
  number: string;
  date: string | null;
}
interface Values {
  title: string;
  summary: string;
  scenarioId: string | null;
  partnerIds: string[];
  leadId: string | null;
  techDirection: TechDirection | null;
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  investment: number | null;
  deviceRegistration: DeviceRegistrationState | null;
  ethicsApproval: EthicsApprovalState | null;
  milestones: MilestoneRow[];
  indicators: IndicatorRow[];
  ipOutcomes: IpRow[];
}

function valuesOf(pilot: Pilot | null, presetScenarioId: string | null): Values {
  return {
    title: pilot?.title ?? '',
    summary: pilot?.summary ?? '',
    scenarioId: pilot?.scenarioId ?? presetScenarioId,
    partnerIds: pilot?.partners.map((p) => p.partnerId) ?? [],
    leadId: pilot?.partners.find((p) => p.isLead)?.partnerId ?? null,
    techDirection: pilot?.techDirection ?? null,
    plannedStart: pilot?.plannedStart ?? null,
    plannedEnd: pilot?.plannedEnd ?? null,
    actualStart: pilot?.actualStart ?? null,
    actualEnd: pilot?.actualEnd ?? null,
    investment: pilot?.investment ?? null,
    deviceRegistration: pilot?.regulatory?.deviceRegistration ?? null,
    ethicsApproval: pilot?.regulatory?.ethicsApproval ?? null,
    milestones: pilot?.milestones.map((m) => ({ ...m })) ?? [],
    indicators: pilot?.indicators.map((row) => ({ key: crypto.randomUUID(), ...row })) ?? [],
    ipOutcomes: pilot?.ipOutcomes.map((row) => ({ key: crypto.randomUUID(), ...row })) ?? [],
  };
}

/** The form values as the pilot input shared/partners/pilot.ts validates (nothing dropped, so every mistake is reported). */
function toInput(values: Values): Record<string, unknown> {
  const regulatory = values.deviceRegistration !== null || values.ethicsApproval !== null ? { deviceRegistration: values.deviceRegistration, ethicsApproval: values.ethicsApproval } : null;
  return {
    title: values.title,
    summary: values.summary,
    scenarioId: values.scenarioId ?? '',
    partners: values.partnerIds.map((partnerId) => ({ partnerId, isLead: partnerId === values.leadId })),
    techDirection: values.techDirection ?? '',
    plannedStart: values.plannedStart,
    plannedEnd: values.plannedEnd,
    actualStart: values.actualStart,
    actualEnd: values.actualEnd,
    investment: values.investment,
    regulatory,
    milestones: values.milestones.map((m) => ({ id: m.id, title: m.title, due: m.due ?? '', done: m.done, evidence: m.evidence })),
    indicators: values.indicators.map((row) => ({ period: row.period, indicator: row.indicator ?? '', value: row.value })),
    ipOutcomes: values.ipOutcomes.map((row) => ({ type: row.type ?? '', title: row.title, number: row.number, date: row.date })),
  };
}

function fieldId(field: string): string {
  return `pilot-${field}`;
}

function toDate(value: Dayjs | null): string | null {
  return value ? value.format(DATE_FORMAT) : null;
}

/** Creates or edits a pilot: basics, partners, dates, investment, registration and ethics, milestones, indicators, IP outcomes. */
export function PilotFormDrawer(props: PilotFormDrawerProps) {
  const { t } = useTranslation();
  return (
    <Drawer open title={props.pilot ? t('pilots.form.editTitle') : t('pilots.form.createTitle')} size={820} onClose={props.onClose} destroyOnHidden mask={{ closable: false }}>
      <PilotForm key={props.pilot ? `${props.pilot.id}:${String(props.pilot.version)}` : 'new'} {...props} />
    </Drawer>
  );
}

function PilotForm({ pilot, presetScenarioId, scenarios, partners, actions, onClose, onSaved }: PilotFormDrawerProps) {
  const { t, i18n } = useTranslation();
  const { message } = AntApp.useApp();
  const lang = i18n.language;
  const [values, setValues] = useState<Values>(() => valuesOf(pilot, presetScenarioId));
  const [hasTriedSubmit, setTriedSubmit] = useState(false);
  const [rejected, setRejected] = useState<PilotFieldIssues | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);
  const [today] = useState(() => localIsoDate(Date.now()));

  const scenarioById = useMemo(() => new Map(scenarios.map((s) => [s.id, s])), [scenarios]);
  const partnerIds = useMemo(() => new Set<string>(partners.map((p) => p.id)), [partners]);
  const scenario = values.scenarioId ? scenarioById.get(values.scenarioId) : undefined;
  const isMedical = scenario?.field === 'medical';
  const validation = useMemo(
    () =>
      validatePilot(toInput(values), {
        findScenario: (id) => scenarioById.get(id),
        hasPartner: (id) => partnerIds.has(id),
        today,
      }),
    [values, scenarioById, partnerIds, today],
  );
  const errors: PilotFieldIssues = rejected ?? (hasTriedSubmit && !validation.ok ? validation.errors : {});
  const warnings = validation.warnings;

  function update(patch: Partial<Values>) {
    setValues((current) => ({ ...current, ...patch }));
    setRejected(null);
    setFailure(null);
  }

  function fieldMessages(field: PilotInputField, index?: number): string[] {
    // Partners are one control, so its row messages ("第 2 条伙伴单位未登记") show under it too.
    return (errors[field] ?? []).filter((issue) => field === 'partners' || issue.index === index).map((issue) => localize(issue, lang));
  }
  function listMessages(field: PilotInputField) {
    const messages = fieldMessages(field);
    return messages.length > 0 ? (
      <div className="atlas-row-error" role="alert">
        {messages.join('；')}
      </div>
    ) : null;
  }
  function feedback(field: PilotInputField) {
    const messages = fieldMessages(field);
    const warn = (warnings[field] ?? []).filter((issue) => issue.index === undefined).map((issue) => localize(issue, lang));
    if (messages.length > 0) return { validateStatus: 'error' as const, help: messages.map((text) => <div key={text}>{text}</div>) };
    if (warn.length > 0) return { validateStatus: 'warning' as const, help: warn.map((text) => <div key={text}>{text}</div>) };
    return {};
  }
  function rowFeedback(field: PilotInputField, index: number) {
    const messages = fieldMessages(field, index);
    return messages.length > 0 ? (
      <div className="atlas-row-error" role="alert">
        {messages.join('；')}
      </div>
    ) : null;
  }
  const label = (field: keyof typeof PILOT_FIELD_LABELS) => localize(PILOT_FIELD_LABELS[field], lang);
  const errorCount = Object.values(errors).reduce((sum, list) => sum + (list?.length ?? 0), 0);

  async function save() {
    setTriedSubmit(true);
    setFailure(null);
    if (isSaving) return;
    if (!validation.ok) return;
    setSaving(true);
    const input = toInput(values);
    const result = pilot === null ? await actions.createPilot(input) : await actions.updatePilot(pilot.id, input, pilot.version);
    setSaving(false);
    if (result.ok) {
      const saved = result.value.pilot;
      void message.success(pilot === null ? t('pilots.form.created', { number: saved.projectNumber, title: saved.title }) : t('pilots.form.saved', { title: saved.title }));
      onSaved(saved);
      return;
    }
    if (result.failure.error === 'invalid-pilot') setRejected(result.failure.errors);
    else setFailure(result.message);
  }

  const dateField = (field: 'plannedStart' | 'plannedEnd' | 'actualStart' | 'actualEnd') => (
    <Form.Item label={label(field)} htmlFor={fieldId(field)} {...feedback(field)}>
      <DatePicker id={fieldId(field)} format={DATE_FORMAT} value={values[field] ? dayjs(values[field], DATE_FORMAT) : null} onChange={(v: Dayjs | null) => update({ [field]: toDate(v) })} />
    </Form.Item>
  );
  const rowLabel = (list: string, index: number, item: string) => `${list} ${String(index + 1)} · ${item}`;

  return (
    <Form layout="vertical" onFinish={() => void save()}>
      {hasTriedSubmit && errorCount > 0 && <Alert type="error" showIcon className="atlas-form-alert" title={t('pilots.form.issuesTitle', { count: errorCount })} />}
      <Typography.Title level={5}>{t('pilots.form.basics')}</Typography.Title>
      <Form.Item label={label('title')} htmlFor={fieldId('title')} required {...feedback('title')}>
        <Input id={fieldId('title')} value={values.title} maxLength={PILOT_LIMITS.title} onChange={(e) => update({ title: e.target.value })} />
      </Form.Item>
      <Form.Item label={label('scenarioId')} htmlFor={fieldId('scenarioId')} required {...feedback('scenarioId')}>
        <Select
          id={fieldId('scenarioId')}
          showSearch={{ optionFilterProp: 'label' }}
          disabled={pilot !== null || presetScenarioId !== null}
          placeholder={t('pilots.form.scenarioPlaceholder')}
          value={values.scenarioId ?? undefined}
          onChange={(value: string) => update({ scenarioId: value })}
          options={scenarios.map((s) => ({ value: s.id, label: `${s.catalogNumber} ${s.title}` }))}
        />
      </Form.Item>
      <Form.Item label={label('techDirection')} htmlFor={fieldId('techDirection')} required {...feedback('techDirection')}>
        <Select
          id={fieldId('techDirection')}
          showSearch={{ optionFilterProp: 'label' }}
          value={values.techDirection ?? undefined}
          onChange={(value: TechDirection) => update({ techDirection: value })}
          options={TECH_DIRECTIONS.map((d) => ({ value: d.key, label: t(`vocab.directions.${d.key}`) }))}
        />
      </Form.Item>
      <Form.Item label={label('partners')} htmlFor={fieldId('partners')} extra={t('pilots.form.partnersHint')} {...feedback('partners')}>
        <Select
          id={fieldId('partners')}
          mode="multiple"
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('pilots.form.partnersPlaceholder')}
          value={values.partnerIds}
          onChange={(ids: string[]) => update({ partnerIds: ids, leadId: values.leadId && ids.includes(values.leadId) ? values.leadId : (ids.length === 1 ? (ids[0] ?? null) : null) })}
          options={partners.map((p) => ({ value: p.id, label: p.name }))}
        />
      </Form.Item>
      <Form.Item label={t('pilots.form.lead')} htmlFor={fieldId('lead')}>
        <Select
          id={fieldId('lead')}
          placeholder={t('pilots.form.leadPlaceholder')}
          value={values.leadId ?? undefined}
          onChange={(value: string) => update({ leadId: value })}
          options={values.partnerIds.map((id) => ({ value: id, label: partners.find((p) => p.id === id)?.name ?? id }))}
        />
      </Form.Item>
      <Form.Item label={label('summary')} htmlFor={fieldId('summary')} {...feedback('summary')}>
        <Input.TextArea id={fieldId('summary')} value={values.summary} maxLength={PILOT_LIMITS.summary} autoSize={{ minRows: 2, maxRows: 6 }} onChange={(e) => update({ summary: e.target.value })} />
      </Form.Item>
      <Typography.Title level={5}>{t('pilots.form.dates')}</Typography.Title>
      <Space wrap size={16}>
        {dateField('plannedStart')}
        {dateField('plannedEnd')}
        {dateField('actualStart')}
        {dateField('actualEnd')}
      </Space>
      <Form.Item label={label('investment')} htmlFor={fieldId('investment')} {...feedback('investment')}>
        <InputNumber id={fieldId('investment')} style={{ width: 200 }} value={values.investment} onChange={(value: number | null) => update({ investment: value })} />
      </Form.Item>
      <Form.Item label={label('regulatory')} required={isMedical} extra={isMedical ? t('pilots.form.regulatoryHint') : t('pilots.form.regulatoryNone')} {...feedback('regulatory')}>
        <Space wrap>
          <Select
            aria-label={t('pilots.stageDialog.device')}
            style={{ width: 200 }}
            allowClear
            placeholder={t('pilots.stageDialog.device')}
            value={values.deviceRegistration ?? undefined}
            onChange={(value: DeviceRegistrationState | undefined) => update({ deviceRegistration: value ?? null })}
            options={DEVICE_REGISTRATION_STATES.map((s) => ({ value: s.key, label: localize(s, lang) }))}
          />
          <Select
            aria-label={t('pilots.stageDialog.ethics')}
            style={{ width: 200 }}
            allowClear
            placeholder={t('pilots.stageDialog.ethics')}
            value={values.ethicsApproval ?? undefined}
            onChange={(value: EthicsApprovalState | undefined) => update({ ethicsApproval: value ?? null })}
            options={ETHICS_APPROVAL_STATES.map((s) => ({ value: s.key, label: localize(s, lang) }))}
          />
        </Space>
      </Form.Item>

      <Typography.Title level={5}>{label('milestones')}</Typography.Title>
      {values.milestones.map((row, index) => {
        const set = (patch: Partial<MilestoneRow>) => update({ milestones: values.milestones.map((m, i) => (i === index ? { ...m, ...patch } : m)) });
        const list = t('pilots.detail.milestones');
        return (
          <div key={row.id} className="atlas-list-row atlas-list-row-milestone" data-testid="milestone-row">
            <Input aria-label={rowLabel(list, index, t('pilots.form.milestoneTitle'))} placeholder={t('pilots.form.milestoneTitle')} value={row.title} onChange={(e) => set({ title: e.target.value })} />
            <DatePicker aria-label={rowLabel(list, index, t('pilots.form.milestoneDue'))} placeholder={t('pilots.form.milestoneDue')} format={DATE_FORMAT} value={row.due ? dayjs(row.due, DATE_FORMAT) : null} onChange={(v: Dayjs | null) => set({ due: toDate(v) })} />
            <DatePicker aria-label={rowLabel(list, index, t('pilots.form.milestoneDone'))} placeholder={t('pilots.form.milestoneDone')} format={DATE_FORMAT} value={row.done ? dayjs(row.done, DATE_FORMAT) : null} onChange={(v: Dayjs | null) => set({ done: toDate(v) })} />
            <Input aria-label={rowLabel(list, index, t('pilots.stageDialog.evidence'))} placeholder={t('pilots.stageDialog.evidence')} value={row.evidence} onChange={(e) => set({ evidence: e.target.value })} />
            <Button icon={<DeleteOutlined />} aria-label={t('pilots.form.removeRow', { index: index + 1 })} onClick={() => update({ milestones: values.milestones.filter((_, i) => i !== index) })} />
            {rowFeedback('milestones', index)}
          </div>
        );
      })}
      <Button icon={<PlusOutlined />} onClick={() => update({ milestones: [...values.milestones, { id: crypto.randomUUID(), title: '', due: null, done: null, evidence: '' }] })}>
        {t('pilots.form.milestoneAdd')}
      </Button>
      {listMessages('milestones')}

      <Typography.Title level={5}>{label('indicators')}</Typography.Title>
      {values.indicators.map((row, index) => {
        const set = (patch: Partial<IndicatorRow>) => update({ indicators: values.indicators.map((r, i) => (i === index ? { ...r, ...patch } : r)) });
        const list = t('pilots.detail.indicators');
        return (
          <div key={row.key} className="atlas-list-row atlas-list-row-indicator" data-testid="indicator-row">
            <Input aria-label={rowLabel(list, index, t('pilots.form.period'))} placeholder={t('pilots.form.periodPlaceholder')} value={row.period} onChange={(e) => set({ period: e.target.value })} />
            <Select
              aria-label={rowLabel(list, index, t('pilots.form.indicator'))}
              placeholder={t('pilots.form.indicator')}
              value={row.indicator ?? undefined}
              onChange={(value: Indicator) => set({ indicator: value })}
              options={INDICATORS.map((i) => ({ value: i.key, label: t(`vocab.indicators.${i.key}`) }))}
            />
            <InputNumber aria-label={rowLabel(list, index, t('pilots.form.value'))} placeholder={t('pilots.form.value')} value={row.value} onChange={(value: number | null) => set({ value })} style={{ width: '100%' }} />
            <Button icon={<DeleteOutlined />} aria-label={t('pilots.form.removeRow', { index: index + 1 })} onClick={() => update({ indicators: values.indicators.filter((_, i) => i !== index) })} />
            {rowFeedback('indicators', index)}
          </div>
        );
      })}
      <Button icon={<PlusOutlined />} onClick={() => update({ indicators: [...values.indicators, { key: crypto.randomUUID(), period: String(new Date().getFullYear()), indicator: null, value: null }] })}>
        {t('pilots.form.indicatorAdd')}
      </Button>
      {listMessages('indicators')}

      <Typography.Title level={5}>{label('ipOutcomes')}</Typography.Title>
      {values.ipOutcomes.map((row, index) => {
        const set = (patch: Partial<IpRow>) => update({ ipOutcomes: values.ipOutcomes.map((r, i) => (i === index ? { ...r, ...patch } : r)) });
        const list = t('pilots.detail.ipOutcomes');
        return (
          <div key={row.key} className="atlas-list-row atlas-list-row-ip" data-testid="ip-row">
            <Select
              aria-label={rowLabel(list, index, t('pilots.form.ipType'))}
              placeholder={t('pilots.form.ipType')}
              value={row.type ?? undefined}
              onChange={(value: IpOutcomeType) => set({ type: value })}
              options={IP_OUTCOME_TYPES.map((i) => ({ value: i.key, label: t(`vocab.ipOutcomes.${i.key}`) }))}
            />
            <Input aria-label={rowLabel(list, index, t('pilots.form.ipTitle'))} placeholder={t('pilots.form.ipTitle')} value={row.title} onChange={(e) => set({ title: e.target.value })} />
            <Input aria-label={rowLabel(list, index, t('pilots.form.ipNumber'))} placeholder={t('pilots.form.ipNumber')} value={row.number} onChange={(e) => set({ number: e.target.value })} />
            <DatePicker aria-label={rowLabel(list, index, t('pilots.form.ipDate'))} placeholder={t('pilots.form.ipDate')} format={DATE_FORMAT} value={row.date ? dayjs(row.date, DATE_FORMAT) : null} onChange={(v: Dayjs | null) => set({ date: toDate(v) })} />
            <Button icon={<DeleteOutlined />} aria-label={t('pilots.form.removeRow', { index: index + 1 })} onClick={() => update({ ipOutcomes: values.ipOutcomes.filter((_, i) => i !== index) })} />
            {rowFeedback('ipOutcomes', index)}
          </div>
        );
      })}
      <Button icon={<PlusOutlined />} onClick={() => update({ ipOutcomes: [...values.ipOutcomes, { key: crypto.randomUUID(), type: null, title: '', number: '', date: null }] })}>
        {t('pilots.form.ipAdd')}
      </Button>
      {listMessages('ipOutcomes')}

      {failure && <Alert type="error" showIcon className="atlas-form-alert" style={{ marginTop: 16 }} title={t('pilots.form.failedTitle')} description={failure} />}
      <Space className="atlas-dialog-actions" style={{ marginTop: 24 }}>
        <Button onClick={onClose}>{t('pilots.form.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={isSaving}>
          {t('pilots.form.save')}
        </Button>
      </Space>
    </Form>
  );
}
