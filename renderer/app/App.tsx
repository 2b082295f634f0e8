import { Suspense, use, type ReactNode } from 'react';
import { ConfigProvider, App as AntApp, Spin } from 'antd';
import zhCNLocale from 'antd/locale/zh_CN';
import enUSLocale from 'antd/locale/en_US';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import type { PlatformApi } from '../../shared/ipc/contract';
import { PlatformContext } from './contexts';
import type { AtlasDb } from '../db/atlasDb';
import { AtlasDbContext } from '../db/atlasDbContext';
import type { Boot } from './boot';
import { Workspace } from './Workspace';
import { ErrorBoundary } from './ErrorBoundary';

/** Props of {@link App}. */
export interface AppProps {
  readonly platform: PlatformApi;
  readonly i18n: I18n;
  /** Regions and settings, loading since before the first render (see boot.ts). */
  readonly boot: Promise<Boot>;
  /** The register's database, opened once. */
  readonly db: AtlasDb;
}

const theme = { token: { colorPrimary: '#0f6b8f', borderRadius: 6 } };
// antd spaces out two-character Chinese button texts ("保 存"); screen readers and tests then hear a different word.

/** The root: providers, then the workspace once regions and settings are in. */
export function App({ platform, i18n, boot, db }: AppProps) {
  return (
    <PlatformContext.Provider value={platform}>
      <AtlasDbContext.Provider value={db}>
        <I18nextProvider i18n={i18n}>
          <LocalizedShell>
            <Suspense fallback={<Loading />}>
              <Booted boot={boot} />
            </Suspense>
          </LocalizedShell>
        </I18nextProvider>
      </AtlasDbContext.Provider>
    </PlatformContext.Provider>
  );
}

function Booted({ boot }: { readonly boot: Promise<Boot> }) {
  const { regions, settingsLoad } = use(boot);
  return (
    <Workspace regions={regions} initialSettings={settingsLoad.settings} resetKeys={settingsLoad.resetKeys} />
  );
}

/** antd's own texts (pagination, date pickers) follow the i18n language; a boot failure lands in the boundary. */
function LocalizedShell({ children }: { readonly children: ReactNode }) {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUSLocale : zhCNLocale} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp className="atlas-root">
        <ErrorBoundary>{children}</ErrorBoundary>
      </AntApp>
    </ConfigProvider>
  );
}

function Loading() {
  const { t } = useTranslation();
  return (
    <div className="atlas-center" role="status">
      <Spin size="large" />
      <span>{t('app.loading')}</span>
    </div>
  );
}
