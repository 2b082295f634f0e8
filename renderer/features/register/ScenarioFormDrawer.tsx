import { useEffect, useEffectEvent, useId, useMemo, useState, type ReactNode } from 'react';
import { Alert, Button, Cascader, Col, DatePicker, Drawer, Flex, Form, Input, InputNumber, Modal, Radio, Row, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { localize } from '../../../shared/domain/localizedText';
import {
  MAX_PARTNER_SLOTS,
  SCENARIO_TEXT_LIMITS,
  validateScenario,
  type FieldIssues,
  type Scenario,
  type ScenarioInput,
  type ScenarioInputField,
} from '../../../shared/domain/scenario';
import { APPLICATION_FIELDS, OPENING_LEVELS, TECH_DIRECTIONS, type ApplicationField, type OpeningLevel, type TechDirection } from '../../../shared/domain/vocabulary';
import { useRegions } from '../../app/contexts';
import { regionCascaderOptions, type RegionOption } from '../onboarding/regionCascaderOptions';
import { fieldFeedback, firstFieldWithIssue, mergeIssues } from './formIssues';
import { createRegionSearchFilter } from './formRegionSearch';
import {
  changedFields,
  emptyFormValues,
  formValuesToInput,
  isSameFormInput,
  scenarioToFormValues,
  withoutIssuesOf,
  withRegion,
  type ScenarioFormValues,
  type ScenarioSaveFailure,
} from './formValues';
import { LocationPicker } from './LocationPicker';

export type { ScenarioSaveFailure } from './formValues';

/** Props of {@link ScenarioFormDrawer}. */
export interface ScenarioFormDrawerProps {
  readonly isOpen: boolean;
  /** null → create a new scenario; otherwise edit this one (its version is sent back for the conflict check). */
  readonly scenario: Scenario | null;
  /** Default region for a new record: the user's unit. */
  readonly defaultRegionCode: string;
  /** Closes the drawer; also called after a successful save. */
  readonly onClose: () => void;
  /** Saves; resolves to null when saved, or a failure to show: field issues (shown per field, nothing saved) or a message (e.g. version conflict, storage full). */
  readonly onSubmit: (input: ScenarioInput, expectedVersion: number | null) => Promise<ScenarioSaveFailure | null>;
}

const DRAWER_WIDTH = 760;
const DATE_FORMAT = 'YYYY-MM-DD';

/** The form's fields top to bottom, to move the focus to the first one that needs correcting. */
const FORM_ORDER: readonly ScenarioInputField[] = [
  'title',
  'field',
  'techDirections',
  'ownerUnit',
  'regionCode',
  'openingLevel',
  'location',
  'address',
  'description',
  'requirements',
  'resourcesOffered',
  'partnerSlots',
  'openFrom',
  'openUntil',
  'batch',
  'contactName',
  'contactPhone',
  'contactEmail',
];

/** The DOM id of a field's control, which its label points at (so e2e can getByLabel('场景名称')). */
function fieldId(field: ScenarioInputField): string {
  return `scenario-${field}`;
}

/**
 * The drawer to create or edit a scenario. The form inside is mounted afresh on every opening
 * (destroyOnHidden) and per record, so its state never needs resetting by an effect.
 */
export function ScenarioFormDrawer({ isOpen, scenario, defaultRegionCode, onClose, onSubmit }: ScenarioFormDrawerProps) {
  const { t } = useTranslation();
  const [modal, modalContext] = Modal.useModal();
  const [isDirty, setDirty] = useState(false);
  // Bumped by "重新加载" after a conflict: remounts the form from the `scenario` prop.
  const [reloadCount, setReloadCount] = useState(0);

  function close() {
    setDirty(false);
    onClose();
  }

  /** Esc, the close button, the mask and 取消 all come here: unsaved changes need a confirmation. */
  function requestClose() {
    if (!isDirty) {
      close();
      return;
    }
    void modal.confirm({
      title: t('form.discardTitle'),
      content: t('form.discardBody'),
      okText: t('form.discardOk'),
      okButtonProps: { danger: true },
      cancelText: t('form.discardCancel'),
      autoFocusButton: 'cancel', // Enter keeps the work; discarding takes a deliberate click
      onOk: close,
    });
  }

  function reload() {
    setDirty(false);
    setReloadCount((count) => count + 1);
  }

  const title = scenario ? (
    <Space size="small">
      {t('form.titleEdit')}
      <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
        {scenario.catalogNumber}
      </Typography.Text>
    </Space>
  ) : (
    t('form.titleCreate')
  );

  return (
    <>
      {modalContext}
      <Drawer
        open={isOpen}
        title={title}
        size={DRAWER_WIDTH}
        onClose={requestClose}
        afterOpenChange={(open) => {
          if (!open) setDirty(false);
        }}
        destroyOnHidden
        styles={{ body: { padding: 0, display: 'flex', flexDirection: 'column' } }}
      >
        <ScenarioForm
          key={`${scenario?.id ?? 'new'}#${reloadCount}`}
          scenario={scenario}
          defaultRegionCode={defaultRegionCode}
          onDirtyChange={setDirty}
          onCancel={requestClose}
          onSaved={close}
          onReload={reload}
          onSubmit={onSubmit}
        />
      </Drawer>
    </>
  );
}

interface ScenarioFormProps {
  readonly scenario: Scenario | null;
  readonly defaultRegionCode: string;
  readonly onDirtyChange: (isDirty: boolean) => void;
  readonly onCancel: () => void;
  readonly onSaved: () => void;
  readonly onReload: () => void;
  readonly onSubmit: ScenarioFormDrawerProps['onSubmit'];
}

type MessageFailure = Exclude<ScenarioSaveFailure, { readonly kind: 'invalid' }>;

function ScenarioForm({ scenario, defaultRegionCode, onDirtyChange, onCancel, onSaved, onReload, onSubmit }: ScenarioFormProps) {
  const { t, i18n } = useTranslation();
  const regions = useRegions();
  // Captured once: a newer version arriving while the user edits must not replace their input,
  // and the save carries the version the edit started from, so the conflict check can see it.
  const [initialValues] = useState(() => (scenario ? scenarioToFormValues(scenario) : emptyFormValues(defaultRegionCode, regions)));
  const [expectedVersion] = useState(scenario?.version ?? null);
  const [values, setValues] = useState(initialValues);
  const [hasTriedSubmit, setTriedSubmit] = useState(false);
  const [rejected, setRejected] = useState<FieldIssues>({});
  const [failure, setFailure] = useState<MessageFailure | null>(null);
  const [isSaving, setSaving] = useState(false);

  const regionOptions = useMemo(() => regionCascaderOptions(regions), [regions]);
  const regionFilter = useMemo(() => createRegionSearchFilter(regions), [regions]);
  // Cheap enough to run on every change: errors appear once the user has tried to save, and
  // warnings (location outside the chosen region) as soon as they apply.
  const validation = useMemo(() => validateScenario(formValuesToInput(values), regions), [values, regions]);
  const errors = mergeIssues(hasTriedSubmit && !validation.ok ? validation.errors : {}, rejected);
  const region = values.regionCode ? (regions.get(values.regionCode) ?? null) : null;

  function update(next: ScenarioFormValues) {
    setRejected(withoutIssuesOf(rejected, changedFields(values, next)));
    setValues(next);
    onDirtyChange(!isSameFormInput(next, initialValues));
  }

  function set<K extends keyof ScenarioFormValues>(key: K, value: ScenarioFormValues[K]) {
    update({ ...values, [key]: value });
  }

  async function save() {
    if (isSaving) return;
    setTriedSubmit(true);
    setFailure(null);
    setRejected({});
    if (!validation.ok) {
      focusField(firstFieldWithIssue(validation.errors, FORM_ORDER));
      return;
    }
    setSaving(true);
    let result: ScenarioSaveFailure | null;
    try {
      result = await onSubmit(validation.value, expectedVersion);
    } catch (error) {
      // Expected failures come back as values; anything thrown is a bug: log it, keep the input.
      console.error('[register] saving the scenario failed', error);
      result = { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
    }
    setSaving(false);
    if (result === null) {
      onSaved();
    } else if (result.kind === 'invalid') {
      setRejected(result.errors);
      focusField(firstFieldWithIssue(result.errors, FORM_ORDER));
    } else {
      setFailure(result);
    }
  }

  const saveFromShortcut = useEffectEvent(() => void save());
  useEffect(function saveOnCtrlS() {
    function onKeyDown(event: globalThis.KeyboardEvent) {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 's') {
        event.preventDefault(); // not the browser's "save page"
        saveFromShortcut();
      }
    }
    document.addEventListener('keydown', onKeyDown);
    return function stopSavingOnCtrlS() {
      document.removeEventListener('keydown', onKeyDown);
    };
  }, []);

  /** Label, id link, required mark and messages of one field's Form.Item. */
  function item(field: ScenarioInputField, isRequired = false) {
    const feedback = fieldFeedback(field, errors, validation.warnings, i18n.language, ['not_placed']);
    return {
      label: t(`vocab.scenarioFields.${field}`),
      htmlFor: fieldId(field),
      required: isRequired,
      validateStatus: feedback.status,
      help: feedback.messages.length > 0 ? feedback.messages.map((message) => <div key={message}>{message}</div>) : undefined,
    };
  }

  const summary = hasTriedSubmit && !validation.ok ? localize(validation.text, i18n.language) : null;

  return (
    <div style={{ display: 'flex', flexDirection: 'column', height: '100%' }}>
      <div style={{ flex: 1, overflow: 'auto', padding: '16px 24px' }}>
        {/* No <form> element: Enter in a single-line input cannot submit half a form; saving is 保存 or Ctrl+S. */}
        <Form layout="vertical" component="div">
          <FormSection title={t('form.sections.basic')}>
            <Form.Item {...item('title', true)}>
              <Input
                id={fieldId('title')}
                value={values.title}
                maxLength={SCENARIO_TEXT_LIMITS.title}
                placeholder={t('form.placeholders.title')}
                onChange={(event) => set('title', event.target.value)}
              />
            </Form.Item>
            <Row gutter={16}>
              <Col span={12}>
                <Form.Item {...item('field', true)}>
                  <Select<ApplicationField>
                    id={fieldId('field')}
                    value={values.field ?? undefined}
                    placeholder={t('form.placeholders.field')}
                    options={APPLICATION_FIELDS.map(({ key }) => ({ value: key, label: t(`vocab.fields.${key}`) }))}
                    onChange={(value) => set('field', value ?? null)}
                    showSearch={{ optionFilterProp: 'label' }}
                    allowClear
                  />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item {...item('techDirections', true)}>
                  <Select<TechDirection[]>
                    id={fieldId('techDirections')}
                    mode="multiple"
                    value={[...values.techDirections]}
                    placeholder={t('form.placeholders.techDirections')}
                    options={TECH_DIRECTIONS.map(({ key }) => ({ value: key, label: t(`vocab.directions.${key}`) }))}
                    optionFilterProp="label"
                    onChange={(value) => set('techDirections', value ?? [])}
                    allowClear
                  />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item {...item('ownerUnit', true)}>
              <Input
                id={fieldId('ownerUnit')}
                value={values.ownerUnit}
                maxLength={SCENARIO_TEXT_LIMITS.ownerUnit}
                placeholder={t('form.placeholders.ownerUnit')}
                onChange={(event) => set('ownerUnit', event.target.value)}
              />
            </Form.Item>
            <Row gutter={16}>
              <Col span={12}>
                <Form.Item {...item('regionCode', true)}>
                  <Cascader<RegionOption>
                    id={fieldId('regionCode')}
                    options={regionOptions}
                    changeOnSelect
                    value={values.regionCode ? regions.path(values.regionCode).map((step) => step.code) : undefined}
                    placeholder={t('form.placeholders.regionCode')}
                    showSearch={{ filter: regionFilter, limit: 30 }}
                    notFoundContent={t('form.noRegionMatch')}
                    onChange={(path) => {
                      const code = path ? path[path.length - 1] : undefined;
                      update(withRegion(values, code === undefined ? null : (regions.get(String(code)) ?? null)));
                    }}
                  />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item {...item('openingLevel', true)} extra={t('form.hints.openingLevel')}>
                  <Radio.Group
                    id={fieldId('openingLevel')}
                    aria-label={t('vocab.scenarioFields.openingLevel')}
                    value={values.openingLevel}
                    optionType="button"
                    options={OPENING_LEVELS.map(({ key }) => ({ value: key, label: t(`vocab.openingLevels.${key}`) }))}
                    onChange={(event) => set('openingLevel', event.target.value as OpeningLevel)}
                  />
                </Form.Item>
              </Col>
            </Row>
          </FormSection>

          <FormSection title={t('form.sections.location')}>
            {/* No label: the section heading says 位置 already; the item still shows the location's messages. */}
            <Form.Item {...item('location')} label={undefined} htmlFor={undefined}>
              {/* A focus target for "first field with an error"; the picker's own inputs carry their labels. */}
              <div id={fieldId('location')} tabIndex={-1}>
                <LocationPicker
                  region={region}
                  value={values.location}
                  isPlaced={values.isPlaced}
                  onChange={(location, isPlaced) => update({ ...values, location, isPlaced })}
                />
              </div>
            </Form.Item>
            <Form.Item {...item('address')}>
              <Input
                id={fieldId('address')}
                value={values.address}
                maxLength={SCENARIO_TEXT_LIMITS.address}
                placeholder={t('form.placeholders.address')}
                onChange={(event) => set('address', event.target.value)}
              />
            </Form.Item>
          </FormSection>

          <FormSection title={t('form.sections.content')}>
            {(['description', 'requirements', 'resourcesOffered'] as const).map((field) => (
              <Form.Item key={field} {...item(field)}>
                <Input.TextArea
                  id={fieldId(field)}
                  value={values[field]}
                  maxLength={SCENARIO_TEXT_LIMITS[field]}
                  showCount
                  autoSize={{ minRows: 3, maxRows: 10 }}
                  placeholder={t(`form.placeholders.${field}`)}
                  onChange={(event) => set(field, event.target.value)}
                />
              </Form.Item>
            ))}
            <Row gutter={16}>
              <Col span={8}>
                <Form.Item {...item('partnerSlots')} extra={t('form.hints.partnerSlots')}>
                  <InputNumber
                    id={fieldId('partnerSlots')}
                    value={values.partnerSlots}
                    min={0}
                    max={MAX_PARTNER_SLOTS}
                    precision={0}
                    style={{ width: '100%' }}
                    onChange={(value) => set('partnerSlots', value ?? null)}
                  />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item {...item('openFrom')} extra={t('form.hints.openPeriod')}>
                  <DatePicker
                    id={fieldId('openFrom')}
                    value={values.openFrom ? dayjs(values.openFrom, DATE_FORMAT) : null}
                    format={DATE_FORMAT}
                    placeholder={t('form.placeholders.openFrom')}
                    style={{ width: '100%' }}
                    onChange={(date) => set('openFrom', date ? date.format(DATE_FORMAT) : null)}
                  />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item {...item('openUntil')}>
                  <DatePicker
                    id={fieldId('openUntil')}
                    value={values.openUntil ? dayjs(values.openUntil, DATE_FORMAT) : null}
                    format={DATE_FORMAT}
                    placeholder={t('form.placeholders.openUntil')}
                    style={{ width: '100%' }}
                    disabledDate={(date) => values.openFrom !== null && date.format(DATE_FORMAT) < values.openFrom}
                    onChange={(date) => set('openUntil', date ? date.format(DATE_FORMAT) : null)}
                  />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item {...item('batch')}>
              <Input
                id={fieldId('batch')}
                value={values.batch}
                maxLength={SCENARIO_TEXT_LIMITS.batch}
                placeholder={t('form.placeholders.batch')}
                onChange={(event) => set('batch', event.target.value)}
              />
            </Form.Item>
          </FormSection>

          <FormSection title={t('form.sections.contact')}>
            <Row gutter={16}>
              {(['contactName', 'contactPhone', 'contactEmail'] as const).map((field) => (
                <Col span={8} key={field}>
                  <Form.Item {...item(field)}>
                    <Input
                      id={fieldId(field)}
                      value={values[field]}
                      maxLength={SCENARIO_TEXT_LIMITS[field]}
                      placeholder={t(`form.placeholders.${field}`)}
                      inputMode={field === 'contactPhone' ? 'tel' : field === 'contactEmail' ? 'email' : undefined}
                      onChange={(event) => set(field, event.target.value)}
                    />
                  </Form.Item>
                </Col>
              ))}
            </Row>
          </FormSection>
        </Form>
      </div>

      <div style={{ borderTop: '1px solid #f0f0f0', padding: '12px 24px', background: '#fff' }}>
        <Space orientation="vertical" size="small" style={{ width: '100%' }}>
          {summary && <Alert type="error" showIcon title={t('form.invalidTitle', { summary })} />}
          {Object.keys(rejected).length > 0 && <Alert type="error" showIcon title={t('form.rejectedTitle')} />}
          {failure?.kind === 'conflict' && (
            <Alert
              type="warning"
              showIcon
              title={t('form.conflictTitle')}
              description={
                <>
                  <div>{failure.message}</div>
                  <div>{t('form.conflictHint')}</div>
                </>
              }
              action={
                <Button
                  size="small"
                  onClick={() => {
                    failure.onReload();
                    onReload();
                  }}
                >
                  {t('form.reload')}
                </Button>
              }
            />
          )}
          {failure?.kind === 'failed' && <Alert type="error" showIcon title={t('form.failedTitle')} description={failure.message} />}
          <Flex justify="space-between" align="center">
            <Typography.Text type="secondary">{t('form.shortcuts')}</Typography.Text>
            <Space>
              <Button onClick={onCancel}>{t('form.cancel')}</Button>
              <Button type="primary" loading={isSaving} onClick={() => void save()}>
                {t('form.save')}
              </Button>
            </Space>
          </Flex>
        </Space>
      </div>
    </div>
  );
}

function FormSection({ title, children }: { readonly title: string; readonly children: ReactNode }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <Typography.Title level={5} id={headingId} style={{ marginTop: 4, marginBottom: 12 }}>
        {title}
      </Typography.Title>
      {children}
    </section>
  );
}

function focusField(field: ScenarioInputField | undefined) {
  if (!field) return;
  const element = document.getElementById(fieldId(field));
  element?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  element?.focus({ preventScroll: true });
}
