import { lazy, Suspense } from 'react';
import { Button, Segmented, Space } from 'antd';
import { SettingOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../shared/settings/settings';
import { useRegions, useSettings } from './contexts';
import { Brand } from './Brand';

// Its select (with virtual list and popup) is not needed to draw the first screen.
const RegionSearch = lazy(() =>
  import('../features/regions/RegionSearch').then((module) => ({ default: module.RegionSearch })),
);
import type { Section, SectionKey } from './sections';

/** Props of {@link TopBar}. */
export interface TopBarProps {
  readonly onOpenUnitDialog: () => void;
  readonly onOpenSettings: () => void;
  readonly onGoToRegion: (code: string) => void;
  /** The working areas this role sees, the current one, and how to switch. */
  readonly sections: readonly Section[];
  readonly section: SectionKey;
  readonly onSection: (key: SectionKey) => void;
}

/** Title, region search, my unit and role (click to change), language and settings. */
export function TopBar({ onOpenUnitDialog, onOpenSettings, onGoToRegion, sections, section, onSection }: TopBarProps) {
  const { t } = useTranslation();
  const regions = useRegions();
  const { settings, updateSettings } = useSettings();
  const unit = settings.unitCode ? regions.get(settings.unitCode) : undefined;
  return (
    <header className="atlas-topbar">
      <Brand />
      {sections.length > 1 && (
        <Segmented<SectionKey>
          className="atlas-sections"
          aria-label={t('sections.label')}
          value={section}
          options={sections.map((candidate) => ({ value: candidate.key, label: t(candidate.labelKey) }))}
          onChange={onSection}
        />
      )}
      <Suspense fallback={<div className="atlas-topbar-search" />}>
        <RegionSearch className="atlas-topbar-search" onPick={onGoToRegion} />
      </Suspense>
      <Space size="middle" className="atlas-topbar-right">
        {unit && settings.role && (
          <Button icon={<EnvironmentOutlined />} onClick={onOpenUnitDialog} title={t('topbar.changeUnit')} aria-label={`${t('topbar.myUnit')}: ${unit.name} · ${t(`roles.${settings.role}`)}`}>
            <span className="atlas-unit-name">{unit.name}</span>
            <span className="atlas-unit-role">{t(`roles.${settings.role}`)}</span>
          </Button>
        )}
        <Segmented<Language>
          aria-label={t('topbar.language')}
          size="small"
          value={settings.language}
          options={[
            { value: 'zh-CN', label: '中文' },
            { value: 'en', label: 'EN' },
          ]}
          onChange={(language) => void updateSettings({ language })}
        />
        <Button icon={<SettingOutlined />} onClick={onOpenSettings}>
          {t('topbar.settings')}
        </Button>
      </Space>
    </header>
  );
}
