import { useEffect, useState } from 'react';
import { App as AntApp, Button, Descriptions, Drawer, Form, Input, Radio, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { BASEMAPS, LANGUAGES, type Basemap, type Language } from '../../../shared/settings/settings';
import { usePlatform, useRegions, useSettings } from '../../app/contexts';
import { TrustedKeysList } from '../exchange/TrustedKeysList';

/** Props of {@link SettingsDrawer}. */
export interface SettingsDrawerProps {
  readonly isOpen: boolean;
  readonly onClose: () => void;
  readonly onChangeUnit: () => void;
}

const keyPattern = /^[0-9a-zA-Z]*$/;

/** Unit and role, language, and the optional online basemap (off by default). */
export function SettingsDrawer({ isOpen, onClose, onChangeUnit }: SettingsDrawerProps) {
  const { t } = useTranslation();
  return (
    <Drawer open={isOpen} onClose={onClose} title={t('settings.title')} size={420} destroyOnHidden>
      {/* Mounted afresh on every opening, so unsaved basemap edits start from the saved settings. */}
      <SettingsForm onChangeUnit={onChangeUnit} />
    </Drawer>
  );
}

function SettingsForm({ onChangeUnit }: Pick<SettingsDrawerProps, 'onChangeUnit'>) {
  const { t } = useTranslation();
  const platform = usePlatform();
  const regions = useRegions();
  const { message } = AntApp.useApp();
  const { settings, updateSettings } = useSettings();
  const [basemap, setBasemap] = useState<Basemap>(settings.basemap);
  const [tiandituKey, setTiandituKey] = useState(settings.tiandituKey);
  const [version, setVersion] = useState('');

  useEffect(
    function loadVersion() {
      let isCurrent = true;
      void platform.getAppInfo().then((info) => {
        if (isCurrent) setVersion(`${info.version} (${info.platform})`);
      });
      return function ignoreLateAnswer() {
        isCurrent = false;
      };
    },
    [platform],
  );

  const keyError = !keyPattern.test(tiandituKey)
    ? t('settings.tiandituKeyInvalid')
    : basemap === 'tianditu' && tiandituKey === ''
      ? t('settings.tiandituKeyRequired')
      : null;

  async function save(patch: Parameters<typeof updateSettings>[0]) {
    const problem = await updateSettings(patch);
    if (problem) void message.error(t('settings.saveFailed', { message: problem }));
    else void message.success(t('settings.saved'));
  }

  const unit = settings.unitCode ? regions.get(settings.unitCode) : undefined;
  return (
    <>
      <Form layout="vertical">
        <Form.Item label={t('settings.unitAndRole')}>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('firstRun.unit')}>{unit ? regions.path(unit.code).map((r) => r.name).join(' › ') : '—'}</Descriptions.Item>
            <Descriptions.Item label={t('firstRun.role')}>{settings.role ? t(`roleLong.${settings.role}`) : '—'}</Descriptions.Item>
          </Descriptions>
          <Button className="atlas-settings-change-unit" onClick={onChangeUnit}>
            {t('topbar.changeUnit')}
          </Button>
        </Form.Item>
        <Form.Item label={t('settings.language')}>
          <Radio.Group
            value={settings.language}
            onChange={(event) => void save({ language: event.target.value as Language })}
            options={LANGUAGES.map((value) => ({ value, label: t(`languages.${value}`) }))}
          />
        </Form.Item>
        <Form.Item label={t('settings.basemap')} extra={t('settings.basemapHint')}>
          <Radio.Group
            value={basemap}
            onChange={(event) => setBasemap(event.target.value as Basemap)}
            options={BASEMAPS.map((value) => ({ value, label: t(`settings.basemaps.${value}`) }))}
          />
        </Form.Item>
        {basemap === 'tianditu' && (
          <Form.Item label={t('settings.tiandituKey')} htmlFor="tianditu-key" validateStatus={keyError ? 'error' : undefined} help={keyError}>
            <Input id="tianditu-key" value={tiandituKey} maxLength={64} autoComplete="off" onChange={(event) => setTiandituKey(event.target.value.trim())} />
          </Form.Item>
        )}
        <Button
          type="primary"
          disabled={keyError !== null || (basemap === settings.basemap && tiandituKey === settings.tiandituKey)}
          onClick={() => void save({ basemap, tiandituKey })}
        >
          {t('firstRun.save')}
        </Button>
      </Form>
      {/* Issue 6: this installation's signing fingerprint and the trusted keys of other units. */}
      <TrustedKeysList />
      <Typography.Paragraph type="secondary" className="atlas-settings-version">
        {t('settings.version')}: {version}
      </Typography.Paragraph>
    </>
  );
}
