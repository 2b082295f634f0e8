import { useMemo, useRef, useState } from 'react';
import { Alert, Button, Cascader, Form, Modal, Radio, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../shared/settings/settings';
import { isUnitLevelAllowedForRole, suggestedRoleForLevel } from '../../../shared/settings/unit';
import { useRegions, useSettings } from '../../app/contexts';
import { regionCascaderOptions, type RegionOption } from './regionCascaderOptions';

/** Props of {@link UnitRoleDialog}. */
export interface UnitRoleDialogProps {
  readonly isOpen: boolean;
  /** On first run the dialog cannot be dismissed: the app needs a unit and role to work. */
  readonly isFirstRun: boolean;
  readonly onClose: () => void;
  readonly onSaved: (unitCode: string) => void;
}

/** Asks for the user's unit (three-level region picker with search) and role; used on first run and later. */
export function UnitRoleDialog({ isOpen, isFirstRun, onClose, onSaved }: UnitRoleDialogProps) {
  const { t } = useTranslation();
  return (
    <Modal
      open={isOpen}
      title={isFirstRun ? t('firstRun.title') : t('firstRun.changeTitle')}
      footer={null}
      onCancel={onClose}
      closable={!isFirstRun}
      maskClosable={false}
      keyboard={!isFirstRun}
      destroyOnHidden
    >
      {/* Mounted afresh on every opening (destroyOnHidden), so its state starts from the saved settings. */}
      <UnitRoleForm isFirstRun={isFirstRun} onClose={onClose} onSaved={onSaved} />
    </Modal>
  );
}

function UnitRoleForm({ isFirstRun, onClose, onSaved }: Omit<UnitRoleDialogProps, 'isOpen'>) {
  const { t } = useTranslation();
  const regions = useRegions();
  const { settings, updateSettings } = useSettings();
  const options = useMemo(() => regionCascaderOptions(regions), [regions]);
  const [unitCode, setUnitCode] = useState<string | null>(() =>
    settings.unitCode && regions.has(settings.unitCode) ? settings.unitCode : null,
  );
  const [role, setRole] = useState<Role | null>(settings.role);
  const [hasTriedSubmit, setTriedSubmit] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);

  const unit = unitCode ? regions.get(unitCode) : undefined;
  const unitError = !unit ? t('firstRun.unitRequired') : null;
  const roleError = !role
    ? t('firstRun.roleRequired')
    : unit && !isUnitLevelAllowedForRole(role, unit.level)
      ? t(`firstRun.roleUnitMismatch.${role}`)
      : null;

  async function save() {
    setTriedSubmit(true);
    if (unitError || roleError || !unit || !role) return;
    setSaving(true);
    const problem = await updateSettings({ unitCode: unit.code, role });
    setSaving(false);
    if (problem) {
      setSaveError(problem);
      return;
    }
    onSaved(unit.code);
  }

  // Cascader calls the filter once per leaf path; one search per typed text serves them all.
  const searchCache = useRef(new Map<string, Set<string>>());
  function matchesSearch(input: string, path: readonly RegionOption[]): boolean {
    const last = path[path.length - 1];
    if (!last) return false;
    let codes = searchCache.current.get(input);
    if (!codes) {
      codes = new Set(regions.search(input, 400).map((region) => region.code));
      searchCache.current.set(input, codes);
    }
    return codes.has(last.value);
  }

  return (
    <>
      <Typography.Paragraph type="secondary">{t('firstRun.intro')}</Typography.Paragraph>
      <Form layout="vertical" onFinish={() => void save()}>
        <Form.Item
          label={t('firstRun.unit')}
          htmlFor="unit-picker"
          required
          validateStatus={hasTriedSubmit && unitError ? 'error' : undefined}
          help={hasTriedSubmit ? unitError : undefined}
        >
          <Cascader<RegionOption>
            id="unit-picker"
            aria-label={t('firstRun.unit')}
            options={options}
            changeOnSelect
            value={unit ? regions.path(unit.code).map((step) => step.code) : undefined}
            placeholder={t('firstRun.unitPlaceholder')}
            showSearch={{ filter: matchesSearch, limit: 30 }}
            notFoundContent={t('firstRun.noMatch')}
            onChange={(path) => {
              const code = path ? (path[path.length - 1] ?? null) : null;
              setUnitCode(code === null ? null : String(code));
              const picked = code === null ? undefined : regions.get(String(code));
              if (picked && !role) setRole(suggestedRoleForLevel(picked.level));
            }}
          />
        </Form.Item>
        <Form.Item
          label={t('firstRun.role')}
          required
          validateStatus={hasTriedSubmit && roleError ? 'error' : undefined}
          help={hasTriedSubmit ? roleError : undefined}
        >
          <Radio.Group
            aria-label={t('firstRun.role')}
            value={role}
            onChange={(event) => setRole(event.target.value as Role)}
            optionType="button"
            options={ROLES.map((value) => ({ value, label: t(`roles.${value}`), title: t(`roleLong.${value}`) }))}
          />
        </Form.Item>
        {saveError && <Alert type="error" showIcon title={saveError} />}
        <Space className="atlas-dialog-actions">
          {!isFirstRun && <Button onClick={onClose}>{t('firstRun.cancel')}</Button>}
          <Button type="primary" htmlType="submit" loading={isSaving}>
            {isFirstRun ? t('firstRun.confirm') : t('firstRun.save')}
          </Button>
        </Space>
      </Form>
    </>
  );
}
