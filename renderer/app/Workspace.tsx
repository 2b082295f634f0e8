import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { App as AntApp } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MenuCommand } from '../../shared/ipc/contract';
import { needsFirstRun, type Settings, type SettingsPatch } from '../../shared/settings/settings';
import { SettingsContext, usePlatform, useRegions, type SettingsContextValue } from './contexts';
import { TopBar } from './TopBar';
import { useDailyBackup } from '../db/useBackups';
import type { MapSelection } from '../features/map/useMapSelection';
import { RegisterWorkspace } from '../features/register/RegisterWorkspace';
import { sectionsFor, type SectionKey, type SectionProps } from './sections';

// Loaded when first opened: not needed to draw the first screen.
const UnitRoleDialog = lazy(() =>
  import('../features/onboarding/UnitRoleDialog').then((module) => ({ default: module.UnitRoleDialog })),
);
// The breadcrumb's city/county selects are not needed to draw the first screen.
const MapBreadcrumb = lazy(() =>
  import('../features/map/MapBreadcrumb').then((module) => ({ default: module.MapBreadcrumb })),
);
const SettingsDrawer = lazy(() =>
  import('../features/settings/SettingsDrawer').then((module) => ({ default: module.SettingsDrawer })),
);

/** Props of {@link Workspace}. */
export interface WorkspaceProps {
  /** The map's drill-down state, kept above the workspace so the first screen's map hands it over. */
  readonly selection: MapSelection;
  readonly initialSettings: Settings;
  /** Settings keys that were broken on disk and reset; the user is told once. */
  readonly resetKeys: readonly (keyof Settings)[];
}

/** The working screen: top bar, the register (filters, map, table, detail); first-run dialog when needed. */
export function Workspace({ selection, initialSettings, resetKeys }: WorkspaceProps) {
  const platform = usePlatform();
  const regions = useRegions();
  const { t, i18n } = useTranslation();
  const { message } = AntApp.useApp();
  const [settings, setSettings] = useState(initialSettings);
  const [isUnitDialogOpen, setUnitDialogOpen] = useState(false);
  const [isSettingsOpen, setSettingsOpen] = useState(false);
  const [section, setSection] = useState<{ readonly key: SectionKey; readonly scenarioId: string | null }>({
    key: 'register',
    scenarioId: null,
  });
  const sections = sectionsFor(settings.role);
  const current = sections.find((candidate) => candidate.key === section.key) ?? sections[0];
  const sectionProps = useMemo<SectionProps>(
    () => ({
      goTo: (key, options) => setSection({ key, scenarioId: options?.scenarioId ?? null }),
    }),
    [],
  );
  const isFirstRun = needsFirstRun(settings, (code) => regions.has(code));
  useDailyBackup(!isFirstRun);

  const updateSettings = useCallback(
    async (patch: SettingsPatch): Promise<string | null> => {
      const result = await platform.updateSettings(patch);
      if (!result.ok) return result.message;
      setSettings(result.value);
      return null;
    },
    [platform],
  );
  const settingsContext = useMemo<SettingsContextValue>(
    () => ({ settings, updateSettings }),
    [settings, updateSettings],
  );

  useEffect(
    function followLanguage() {
      if (i18n.language !== settings.language) void i18n.changeLanguage(settings.language);
      document.documentElement.lang = settings.language;
    },
    [i18n, settings.language],
  );

  const hasToldReset = useRef(false);
  useEffect(
    function tellAboutResetSettingsOnce() {
      if (resetKeys.length === 0 || hasToldReset.current) return;
      hasToldReset.current = true;
      const keys = resetKeys.map((key) => t(`settingKeys.${key}`)).join('、');
      void message.warning({ content: t('app.settingsReset', { keys }), duration: 8 });
    },
    [message, resetKeys, t],
  );

  const { resetView } = selection;
  useEffect(
    function followMenuCommands() {
      return platform.onMenuCommand(function onMenuCommand(command: MenuCommand) {
        if (command === 'open-settings') setSettingsOpen(true);
        if (command === 'change-unit') setUnitDialogOpen(true);
        if (command === 'toggle-language')
          void updateSettings({ language: settings.language === 'en' ? 'zh-CN' : 'en' });
        if (command === 'reset-map-view') resetView();
      });
    },
    [platform, resetView, settings.language, updateSettings],
  );

  return (
    <SettingsContext.Provider value={settingsContext}>
      <div className="atlas-layout">
        <TopBar
          onOpenUnitDialog={() => setUnitDialogOpen(true)}
          onOpenSettings={() => setSettingsOpen(true)}
          onGoToRegion={(code) => {
            setSection({ key: 'register', scenarioId: null });
            selection.goTo(code);
          }}
          sections={sections}
          section={current?.key ?? 'register'}
          onSection={(key) => setSection({ key, scenarioId: null })}
        />
        {current?.component ? (
          <Suspense fallback={<main className="atlas-content" aria-busy />}>
            <current.component {...sectionProps} />
          </Suspense>
        ) : (
          <RegisterWorkspace
            key={section.scenarioId ?? 'register'}
            selection={selection}
            breadcrumb={
              <Suspense fallback={null}>
                <MapBreadcrumb selection={selection} />
              </Suspense>
            }
            initialSelectedId={section.scenarioId}
          />
        )}
      </div>
      <Suspense fallback={null}>
        {(isFirstRun || isUnitDialogOpen) && (
          <UnitRoleDialog
            isOpen
            isFirstRun={isFirstRun}
            onClose={() => setUnitDialogOpen(false)}
            onSaved={(unitCode) => {
              setUnitDialogOpen(false);
              selection.goTo(unitCode);
            }}
          />
        )}
      </Suspense>
      <Suspense fallback={null}>
        {isSettingsOpen && (
          <SettingsDrawer
            isOpen
            onClose={() => setSettingsOpen(false)}
            onChangeUnit={() => {
              setSettingsOpen(false);
              setUnitDialogOpen(true);
            }}
          />
        )}
      </Suspense>
    </SettingsContext.Provider>
  );
}
