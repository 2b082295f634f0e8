import { lazy, Suspense, use } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import type { PlatformApi } from '../../shared/ipc/contract';
import { PlatformContext, RegionsContext } from './contexts';
import { whenMapDrawn } from '../features/map/MapDrawnMark';
import { useMapSelection } from '../features/map/useMapSelection';
import type { Boot } from './boot';
import { ErrorBoundary } from './ErrorBoundary';
import { FirstScreen } from './FirstScreen';
import { LoadingStatus } from './LoadingStatus';

/** Props of {@link App}. */
export interface AppProps {
  readonly platform: PlatformApi;
  readonly i18n: I18n;
  /** Regions and settings, loading since before the first render (see boot.ts). */
  readonly boot: Promise<Boot>;
}

// The workspace (antd, table, filters, dialogs) is fetched once the first screen has painted the
// map, so its code does not compete with the first paint for the CPU (issue 3, first paint ≤ 1500 ms).
const AntdWorkspace = lazy(async () => {
  await whenMapDrawn();
  const module = await import('./AntdWorkspace');
  return { default: module.AntdWorkspace };
});

/**
 * The root: providers, then the first screen (antd-free: the map of Sichuan) once regions and
 * settings are in, then the full workspace in its place.
 */
export function App({ platform, i18n, boot }: AppProps) {
  return (
    <PlatformContext.Provider value={platform}>
      <I18nextProvider i18n={i18n}>
        <div className="atlas-root">
          <ErrorBoundary>
            <Suspense fallback={<Loading />}>
              <Booted boot={boot} />
            </Suspense>
          </ErrorBoundary>
        </div>
      </I18nextProvider>
    </PlatformContext.Provider>
  );
}

/** The map's drill-down state lives here, above the first screen and the workspace, so it survives the hand-over. */
function Booted({ boot }: { readonly boot: Promise<Boot> }) {
  const { regions, settingsLoad } = use(boot);
  const selection = useMapSelection(regions, settingsLoad.settings.unitCode);
  return (
    <RegionsContext.Provider value={regions}>
      <Suspense fallback={<FirstScreen selection={selection} settings={settingsLoad.settings} />}>
        <AntdWorkspace selection={selection} initialSettings={settingsLoad.settings} resetKeys={settingsLoad.resetKeys} />
      </Suspense>
    </RegionsContext.Provider>
  );
}

function Loading() {
  const { t } = useTranslation();
  return <LoadingStatus label={t('app.loading')} />;
}
