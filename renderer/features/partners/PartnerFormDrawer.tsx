import { useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Drawer, Form, Input, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { showUndoable } from '../register/undoMessage';
import { localize } from '../../../shared/domain/localizedText';
import { PARTNER_TYPES } from '../../../shared/domain/vocabulary';
import { creditCodeParts, parseCreditCode } from '../../../shared/partners/creditCode';
import {
  creditCodeIndex,
  PARTNER_FIELD_LABELS,
  PARTNER_TEXT_LIMITS,
  validatePartner,
  type ExistingPartnerRef,
  type Partner,
  type PartnerFieldIssues,
  type PartnerInputField,
} from '../../../shared/partners/partner';
import { useRegions } from '../../app/contexts';
import type { PlanActions } from '../pilots/usePlanActions';
import { usePartnerHistory } from '../../db/usePartners';
import { PlanHistory } from '../pilots/PlanHistory';

/** Props of {@link PartnerFormDrawer}. */
export interface PartnerFormDrawerProps {
  /** null → register a new partner; otherwise this one (edited, or only viewed when `readOnlyReason` is set). */
  readonly partner: Partner | null;
  /** Every partner, for the live duplicate check. */
  readonly partners: readonly Partner[];
  /** Why this user may not edit the partner, or null. */
  readonly readOnlyReason: string | null;
  readonly actions: PlanActions | null;
  readonly onClose: () => void;
  /** Opens another partner (the one a duplicate code belongs to). */
  readonly onOpenPartner: (id: string) => void;
}

type Values = Record<PartnerInputField, string>;

const ORDER: readonly PartnerInputField[] = ['name', 'type', 'creditCode', 'regionCode', 'contactName', 'contactPhone', 'contactEmail'];

function valuesOf(partner: Partner | null): Values {
  return {
    name: partner?.name ?? '',
    type: partner?.type ?? '',
    creditCode: partner?.creditCode ?? '',
    regionCode: partner?.regionCode ?? '',
    contactName: partner?.contactName ?? '',
    contactPhone: partner?.contactPhone ?? '',
    contactEmail: partner?.contactEmail ?? '',
  };
}

/** The id of a field's control, which its label points at (e2e finds it by its Chinese label). */
function fieldId(field: PartnerInputField): string {
  return `partner-${field}`;
}

/** Registers, edits or shows one partner organisation, with per-field messages and the duplicate check. */
export function PartnerFormDrawer(props: PartnerFormDrawerProps) {
  const { t } = useTranslation();
  const title = props.partner === null ? t('partners.drawer.createTitle') : props.readOnlyReason ? t('partners.drawer.viewTitle') : t('partners.drawer.editTitle');
  return (
    <Drawer open title={title} size={560} onClose={props.onClose} destroyOnHidden mask={{ closable: false }}>
      <PartnerForm key={props.partner ? `${props.partner.id}:${String(props.partner.version)}` : 'new'} {...props} />
    </Drawer>
  );
}

function PartnerForm({ partner, partners, readOnlyReason, actions, onClose, onOpenPartner }: PartnerFormDrawerProps) {
  const { t, i18n } = useTranslation();
  const regions = useRegions();
  const { message, modal } = AntApp.useApp();
  const [values, setValues] = useState<Values>(() => valuesOf(partner));
  const [hasTriedSubmit, setTriedSubmit] = useState(false);
  const [rejected, setRejected] = useState<{ errors: PartnerFieldIssues; duplicateOf: ExistingPartnerRef | null } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);
  const history = usePartnerHistory(partner?.id ?? null);
  const isReadOnly = readOnlyReason !== null || actions === null;
  const isDeleted = partner?.deletedAt != null;

  const existing = useMemo(() => creditCodeIndex(partners), [partners]);
  const validation = useMemo(() => validatePartner(values, regions, existing, partner?.id), [values, regions, existing, partner?.id]);
  // A duplicate code is said at once (the person should open the existing record, not finish typing the rest).
  const liveErrors: PartnerFieldIssues = validation.ok ? {} : hasTriedSubmit ? validation.errors : validation.duplicateOf ? { creditCode: validation.errors.creditCode ?? [] } : {};
  const errors: PartnerFieldIssues = rejected ? { ...liveErrors, ...rejected.errors } : liveErrors;
  const duplicateOf = (validation.ok ? null : validation.duplicateOf) ?? rejected?.duplicateOf ?? null;
  const code = parseCreditCode(values.creditCode);
  const parts = code.ok ? creditCodeParts(code.value) : null;

  const regionOptions = useMemo(
    () =>
      regions.all
        .filter((region) => region.level !== 'province')
        .map((region) => ({ value: region.code, label: regions.path(region.code).slice(1).map((r) => r.name).join(' › ') })),
    [regions],
  );

  function set(field: PartnerInputField, value: string) {
    setValues((current) => ({ ...current, [field]: value }));
    setRejected(null);
    setFailure(null);
  }

  function feedback(field: PartnerInputField) {
    const list = errors[field] ?? [];
    return list.length > 0
      ? { validateStatus: 'error' as const, help: list.map((issue) => <div key={issue.code}>{localize(issue, i18n.language)}</div>) }
      : {};
  }

  async function save() {
    setTriedSubmit(true);
    setFailure(null);
    if (isReadOnly || isSaving) return;
    if (!validation.ok) {
      const first = ORDER.find((field) => (validation.errors[field]?.length ?? 0) > 0);
      if (first) document.getElementById(fieldId(first))?.focus();
      return;
    }
    setSaving(true);
    const input = { ...values };
    const result = partner === null ? await actions.createPartner(input) : await actions.updatePartner(partner.id, input, partner.version);
    setSaving(false);
    if (result.ok) {
      void message.success(t('partners.drawer.saved', { name: result.value.partner.name }));
      onClose();
      return;
    }
    if (result.failure.error === 'invalid-partner') setRejected({ errors: result.failure.errors, duplicateOf: result.failure.duplicateOf });
    else setFailure(result.message);
  }

  function remove() {
    if (!partner || !actions) return;
    modal.confirm({
      title: t('partners.drawer.deleteConfirm', { name: partner.name }),
      okText: t('partners.drawer.delete'),
      okButtonProps: { danger: true },
      cancelText: t('partners.drawer.cancel'),
      onOk: async () => {
        const result = await actions.deletePartner(partner.id, partner.version);
        if (!result.ok) {
          setFailure(result.message);
          return;
        }
        const deleted = result.value.partner;
        showUndoable(message, {
          key: `deleted-${partner.id}`,
          text: t('partners.drawer.deletedDone', { name: partner.name }),
          undoLabel: t('detail.undo'),
          onUndo: async () => {
            const restored = await actions.restorePartner(deleted.id, deleted.version);
            if (restored.ok) void message.success(t('partners.drawer.restoredDone', { name: partner.name }));
            else void message.error(restored.message);
          },
        });
        onClose();
      },
    });
  }

  async function restore() {
    if (!partner || !actions) return;
    const result = await actions.restorePartner(partner.id, partner.version);
    if (result.ok) void message.success(t('partners.drawer.restoredDone', { name: partner.name }));
    else setFailure(result.message);
  }

  const label = (field: PartnerInputField) => localize(PARTNER_FIELD_LABELS[field], i18n.language);

  return (
    <Form layout="vertical" onFinish={() => void save()} disabled={isReadOnly || isDeleted} className="atlas-partner-form">
      {readOnlyReason && <Alert type="info" showIcon title={readOnlyReason} className="atlas-form-alert" />}
      <Form.Item label={label('name')} htmlFor={fieldId('name')} required {...feedback('name')}>
        <Input id={fieldId('name')} value={values.name} maxLength={PARTNER_TEXT_LIMITS.name} onChange={(e) => set('name', e.target.value)} />
      </Form.Item>
      <Form.Item label={label('type')} htmlFor={fieldId('type')} required {...feedback('type')}>
        <Select
          id={fieldId('type')}
          value={values.type || undefined}
          onChange={(value: string) => set('type', value)}
          options={PARTNER_TYPES.map((type) => ({ value: type.key, label: t(`vocab.partnerTypes.${type.key}`) }))}
        />
      </Form.Item>
      <Form.Item
        label={label('creditCode')}
        htmlFor={fieldId('creditCode')}
        required
        extra={parts ? t('partners.drawer.codeParts', { department: localize(parts.department, i18n.language), category: localize(parts.category, i18n.language), region: parts.registrationRegion, organisation: parts.organisationCode }) : t('partners.drawer.codeHint')}
        {...feedback('creditCode')}
      >
        <Input id={fieldId('creditCode')} value={values.creditCode} maxLength={40} className="atlas-credit-code" onChange={(e) => set('creditCode', e.target.value)} />
      </Form.Item>
      {duplicateOf && (
        <Alert
          type="warning"
          showIcon
          className="atlas-form-alert"
          title={t('partners.drawer.duplicateTitle')}
          action={
            <Button size="small" disabled={false} onClick={() => onOpenPartner(duplicateOf.id)}>
              {t('partners.drawer.openExisting', { name: duplicateOf.name })}
            </Button>
          }
        />
      )}
      <Form.Item label={label('regionCode')} htmlFor={fieldId('regionCode')} {...feedback('regionCode')}>
        <Select
          id={fieldId('regionCode')}
          showSearch={{ optionFilterProp: 'label' }}
          allowClear
          placeholder={t('partners.drawer.regionPlaceholder')}
          value={values.regionCode || undefined}
          onChange={(value: string | undefined) => set('regionCode', value ?? '')}
          options={regionOptions}
        />
      </Form.Item>
      <Form.Item label={label('contactName')} htmlFor={fieldId('contactName')} {...feedback('contactName')}>
        <Input id={fieldId('contactName')} value={values.contactName} maxLength={PARTNER_TEXT_LIMITS.contactName} onChange={(e) => set('contactName', e.target.value)} />
      </Form.Item>
      <Form.Item label={label('contactPhone')} htmlFor={fieldId('contactPhone')} {...feedback('contactPhone')}>
        <Input id={fieldId('contactPhone')} value={values.contactPhone} maxLength={PARTNER_TEXT_LIMITS.contactPhone} onChange={(e) => set('contactPhone', e.target.value)} />
      </Form.Item>
      <Form.Item label={label('contactEmail')} htmlFor={fieldId('contactEmail')} {...feedback('contactEmail')}>
        <Input id={fieldId('contactEmail')} value={values.contactEmail} maxLength={PARTNER_TEXT_LIMITS.contactEmail} onChange={(e) => set('contactEmail', e.target.value)} />
      </Form.Item>
      {failure && <Alert type="error" showIcon title={t('partners.drawer.failedTitle')} description={failure} className="atlas-form-alert" />}
      <Space className="atlas-dialog-actions" wrap>
        <Button disabled={false} onClick={onClose}>
          {t('partners.drawer.cancel')}
        </Button>
        {partner && !isReadOnly && !isDeleted && (
          <Button danger onClick={remove}>
            {t('partners.drawer.delete')}
          </Button>
        )}
        {partner && !isReadOnly && isDeleted && (
          <Button disabled={false} onClick={() => void restore()}>
            {t('partners.drawer.restore')}
          </Button>
        )}
        {!isReadOnly && !isDeleted && (
          <Button type="primary" htmlType="submit" loading={isSaving}>
            {t('partners.drawer.save')}
          </Button>
        )}
      </Space>
      {partner && (
        <>
          <Typography.Title level={5}>{t('partners.drawer.history')}</Typography.Title>
          <PlanHistory history={history ?? []} />
        </>
      )}
    </Form>
  );
}
