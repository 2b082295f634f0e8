import { useId, useState } from 'react';
import { Alert, Button, DatePicker, Form, Input, Modal, Radio, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { localize } from '../../../shared/domain/localizedText';
import { allowedStageTransitions, MAX_STAGE_NOTE_LENGTH, NOTE_REQUIRED_STAGES } from '../../../shared/domain/pilotStage';
import type { Scenario } from '../../../shared/domain/scenario';
import type { PilotStage } from '../../../shared/domain/vocabulary';
import type { Partner } from '../../../shared/partners/partner';
import {
  DEVICE_REGISTRATION_STATES,
  ETHICS_APPROVAL_STATES,
  PILOT_FIELD_LABELS,
  stageRequirements,
  type DeviceRegistrationState,
  type EthicsApprovalState,
  type Pilot,
  type PilotFieldIssues,
} from '../../../shared/partners/pilot';
import type { PilotPatch, PilotStageWrite } from '../../db/pilotRepository';
import { StageTag } from './StageTag';
import type { PlanActions } from './usePlanActions';

/** Props of {@link StageMoveDialog}. */
export interface StageMoveDialogProps {
  readonly pilot: Pilot;
  readonly scenario: Scenario | undefined;
  readonly partners: ReadonlyMap<string, Partner>;
  readonly actions: PlanActions;
  readonly onClose: () => void;
  /** The move was saved; the caller offers the scenario status change if there is one. */
  readonly onMoved: (write: PilotStageWrite) => void;
}

const DATE_FORMAT = 'YYYY-MM-DD';

interface Extra {
  leadId: string | null;
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  ethicsApproval: EthicsApprovalState | null;
  deviceRegistration: DeviceRegistrationState | null;
  milestoneId: string | null;
  milestoneDone: string | null;
  milestoneEvidence: string;
}

function toDate(value: Dayjs | null): string | null {
  return value ? value.format(DATE_FORMAT) : null;
}

/**
 * Moves a pilot to the next stage: only DOMAIN.md's moves are offered, and for the chosen one the
 * dialog asks for exactly what that stage still needs (stageRequirements) — lead partner, planned
 * dates, actual start, ethics approval, a milestone done, actual end — plus the note 已终止 and
 * 未入选 require. The fields and the move are saved together or not at all.
 */
export function StageMoveDialog(props: StageMoveDialogProps) {
  const { t } = useTranslation();
  return (
    <Modal open title={t('pilots.stageDialog.title')} footer={null} onCancel={props.onClose} mask={{ closable: false }} destroyOnHidden width={560}>
      <StageMoveForm key={`${props.pilot.id}:${String(props.pilot.version)}`} {...props} />
    </Modal>
  );
}

function StageMoveForm({ pilot, scenario, partners, actions, onClose, onMoved }: StageMoveDialogProps) {
  const { t, i18n } = useTranslation();
  const ids = { note: useId(), lead: useId(), ps: useId(), pe: useId(), as: useId(), ae: useId(), eth: useId(), dev: useId(), ms: useId(), md: useId(), mev: useId() };
  const options = allowedStageTransitions(pilot.stage);
  const [to, setTo] = useState<PilotStage | null>(options.length === 1 ? (options[0] ?? null) : null);
  const [note, setNote] = useState('');
  const [extra, setExtra] = useState<Extra>({
    leadId: pilot.partners.find((p) => p.isLead)?.partnerId ?? null,
    plannedStart: pilot.plannedStart,
    plannedEnd: pilot.plannedEnd,
    actualStart: pilot.actualStart,
    actualEnd: pilot.actualEnd,
    ethicsApproval: pilot.regulatory?.ethicsApproval ?? null,
    deviceRegistration: pilot.regulatory?.deviceRegistration ?? null,
    milestoneId: null,
    milestoneDone: null,
    milestoneEvidence: '',
  });
  const [hasTriedSubmit, setTriedSubmit] = useState(false);
  const [failure, setFailure] = useState<{ message: string; errors: PilotFieldIssues } | null>(null);
  const [isSaving, setSaving] = useState(false);
  const lang = i18n.language;

  if (options.length === 0) {
    return (
      <>
        <Typography.Paragraph>
          {t('pilots.stageDialog.current')}：<StageTag stage={pilot.stage} />
        </Typography.Paragraph>
        <Alert type="info" showIcon title={t('pilots.stageDialog.final')} />
        <Space className="atlas-dialog-actions">
          <Button onClick={onClose}>{t('pilots.stageDialog.cancel')}</Button>
        </Space>
      </>
    );
  }

  // What the target stage needs, judged on the pilot as stored: those are the fields to ask for.
  const needed = to === null ? [] : stageRequirements(pilot, to, scenario ? { scenarioField: scenario.field } : {});
  const neededKeys = new Set(needed.map((n) => n.key));
  const isNoteRequired = to !== null && NOTE_REQUIRED_STAGES.includes(to);
  const set = (patch: Partial<Extra>) => {
    setExtra((current) => ({ ...current, ...patch }));
    setFailure(null);
  };

  function buildPatch(): PilotPatch {
    const patch: Record<string, unknown> = {};
    if (neededKeys.has('lead_partner') && extra.leadId) {
      patch['partners'] = pilot.partners.map((p) => ({ partnerId: p.partnerId, isLead: p.partnerId === extra.leadId }));
    }
    if (neededKeys.has('planned_dates')) {
      patch['plannedStart'] = extra.plannedStart;
      patch['plannedEnd'] = extra.plannedEnd;
    }
    if (neededKeys.has('actual_start')) patch['actualStart'] = extra.actualStart;
    if (neededKeys.has('actual_end')) patch['actualEnd'] = extra.actualEnd;
    if (neededKeys.has('ethics_approval') && extra.ethicsApproval) {
      patch['regulatory'] = { deviceRegistration: extra.deviceRegistration ?? pilot.regulatory?.deviceRegistration ?? 'planned', ethicsApproval: extra.ethicsApproval };
    }
    if (neededKeys.has('milestone_done') && extra.milestoneId) {
      patch['milestones'] = pilot.milestones.map((m) =>
        m.id === extra.milestoneId ? { ...m, done: extra.milestoneDone, evidence: extra.milestoneEvidence.trim() || m.evidence } : m,
      );
    }
    return patch;
  }

  async function confirm() {
    setTriedSubmit(true);
    if (to === null || isSaving) return;
    setSaving(true);
    const result = await actions.changeStage(pilot.id, to, { note, patch: buildPatch() }, pilot.version);
    setSaving(false);
    if (result.ok) {
      onMoved(result.value);
      return;
    }
    setFailure({ message: result.message, errors: result.failure.error === 'invalid-pilot' ? result.failure.errors : {} });
  }

  const issueList = failure
    ? Object.values(failure.errors)
        .flat()
        .map((issue) => localize(issue, lang))
    : [];
  const label = (field: keyof typeof PILOT_FIELD_LABELS) => localize(PILOT_FIELD_LABELS[field], lang);

  return (
    <Form layout="vertical" onFinish={() => void confirm()}>
      <Typography.Paragraph>
        <Typography.Text strong>
          {pilot.projectNumber} · {pilot.title}
        </Typography.Text>
        <br />
        {t('pilots.stageDialog.current')}：<StageTag stage={pilot.stage} />
      </Typography.Paragraph>
      <Form.Item
        label={t('pilots.stageDialog.next')}
        required
        validateStatus={hasTriedSubmit && to === null ? 'error' : undefined}
        help={hasTriedSubmit && to === null ? t('pilots.stageDialog.chooseNext') : undefined}
      >
        <Radio.Group
          aria-label={t('pilots.stageDialog.next')}
          value={to}
          onChange={(event) => {
            setTo(event.target.value as PilotStage);
            setFailure(null);
          }}
          options={options.map((stage) => ({ value: stage, label: t(`vocab.stages.${stage}`) }))}
        />
      </Form.Item>
      {to !== null && (
        <Typography.Paragraph type="secondary" data-testid="stage-needs">
          {needed.length > 0
            ? `${t('pilots.stageDialog.needs', { stage: t(`vocab.stages.${to}`) })}${needed.map((n) => localize(n, lang)).join('；')}`
            : t('pilots.stageDialog.nothingNeeded')}
        </Typography.Paragraph>
      )}
      {neededKeys.has('lead_partner') && (
        <Form.Item label={t('pilots.stageDialog.lead')} htmlFor={ids.lead} required extra={pilot.partners.length === 0 ? t('pilots.stageDialog.noPartners') : undefined}>
          <Select
            id={ids.lead}
            value={extra.leadId ?? undefined}
            placeholder={t('pilots.stageDialog.leadPlaceholder')}
            onChange={(value: string) => set({ leadId: value })}
            options={pilot.partners.map((p) => ({ value: p.partnerId, label: partners.get(p.partnerId)?.name ?? p.partnerId }))}
          />
        </Form.Item>
      )}
      {neededKeys.has('planned_dates') && (
        <Space wrap>
          <Form.Item label={label('plannedStart')} htmlFor={ids.ps} required>
            <DatePicker id={ids.ps} format={DATE_FORMAT} value={extra.plannedStart ? dayjs(extra.plannedStart, DATE_FORMAT) : null} onChange={(v: Dayjs | null) => set({ plannedStart: toDate(v) })} />
          </Form.Item>
          <Form.Item label={label('plannedEnd')} htmlFor={ids.pe} required>
            <DatePicker id={ids.pe} format={DATE_FORMAT} value={extra.plannedEnd ? dayjs(extra.plannedEnd, DATE_FORMAT) : null} onChange={(v: Dayjs | null) => set({ plannedEnd: toDate(v) })} />
          </Form.Item>
        </Space>
      )}
      {neededKeys.has('actual_start') && (
        <Form.Item label={label('actualStart')} htmlFor={ids.as} required>
          <DatePicker id={ids.as} format={DATE_FORMAT} value={extra.actualStart ? dayjs(extra.actualStart, DATE_FORMAT) : null} onChange={(v: Dayjs | null) => set({ actualStart: toDate(v) })} />
        </Form.Item>
      )}
      {neededKeys.has('ethics_approval') && (
        <Space wrap>
          <Form.Item label={t('pilots.stageDialog.ethics')} htmlFor={ids.eth} required>
            <Select
              id={ids.eth}
              style={{ width: 200 }}
              value={extra.ethicsApproval ?? undefined}
              onChange={(value: EthicsApprovalState) => set({ ethicsApproval: value })}
              options={ETHICS_APPROVAL_STATES.map((s) => ({ value: s.key, label: localize(s, lang) }))}
            />
          </Form.Item>
          <Form.Item label={t('pilots.stageDialog.device')} htmlFor={ids.dev}>
            <Select
              id={ids.dev}
              style={{ width: 200 }}
              value={extra.deviceRegistration ?? undefined}
              onChange={(value: DeviceRegistrationState) => set({ deviceRegistration: value })}
              options={DEVICE_REGISTRATION_STATES.map((s) => ({ value: s.key, label: localize(s, lang) }))}
            />
          </Form.Item>
        </Space>
      )}
      {neededKeys.has('milestone_done') && (
        <>
          <Form.Item label={t('pilots.stageDialog.milestone')} htmlFor={ids.ms} required extra={pilot.milestones.length === 0 ? t('pilots.stageDialog.noMilestones') : undefined}>
            <Select
              id={ids.ms}
              value={extra.milestoneId ?? undefined}
              placeholder={t('pilots.stageDialog.milestonePlaceholder')}
              onChange={(value: string) => set({ milestoneId: value })}
              options={pilot.milestones.map((m) => ({ value: m.id, label: `${m.title}（${m.due}）` }))}
            />
          </Form.Item>
          <Space wrap align="start">
            <Form.Item label={t('pilots.stageDialog.doneDate')} htmlFor={ids.md} required>
              <DatePicker id={ids.md} format={DATE_FORMAT} value={extra.milestoneDone ? dayjs(extra.milestoneDone, DATE_FORMAT) : null} onChange={(v: Dayjs | null) => set({ milestoneDone: toDate(v) })} />
            </Form.Item>
            <Form.Item label={t('pilots.stageDialog.evidence')} htmlFor={ids.mev}>
              <Input id={ids.mev} value={extra.milestoneEvidence} onChange={(e) => set({ milestoneEvidence: e.target.value })} style={{ width: 260 }} />
            </Form.Item>
          </Space>
        </>
      )}
      {neededKeys.has('actual_end') && (
        <Form.Item label={label('actualEnd')} htmlFor={ids.ae} required>
          <DatePicker id={ids.ae} format={DATE_FORMAT} value={extra.actualEnd ? dayjs(extra.actualEnd, DATE_FORMAT) : null} onChange={(v: Dayjs | null) => set({ actualEnd: toDate(v) })} />
        </Form.Item>
      )}
      <Form.Item
        label={t('pilots.stageDialog.note')}
        htmlFor={ids.note}
        required={isNoteRequired}
        extra={isNoteRequired ? t('pilots.stageDialog.noteRequired') : t('pilots.stageDialog.noteOptional')}
      >
        <Input.TextArea id={ids.note} value={note} onChange={(e) => setNote(e.target.value)} autoSize={{ minRows: 2, maxRows: 6 }} maxLength={MAX_STAGE_NOTE_LENGTH} showCount />
      </Form.Item>
      {failure && (
        <Alert
          type="error"
          showIcon
          className="atlas-form-alert"
          title={t('pilots.stageDialog.failedTitle')}
          description={
            <>
              <div>{failure.message}</div>
              {issueList.map((text) => (
                <div key={text}>{text}</div>
              ))}
            </>
          }
        />
      )}
      <Space className="atlas-dialog-actions">
        <Button onClick={onClose}>{t('pilots.stageDialog.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={isSaving}>
          {t('pilots.stageDialog.confirm')}
        </Button>
      </Space>
    </Form>
  );
}
