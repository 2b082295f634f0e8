import { useMemo } from 'react';
import { ConfigProvider, App as AntApp, Result, Spin } from 'antd';
import zhCNLocale from 'antd/locale/zh_CN';
import enUSLocale from 'antd/locale/en_US';
import { I18nextProvider } from 'react-i18next';
import type { PlatformApi } from '../../shared/ipc/contract';
import { createI18n } from '../i18n/i18n';
import { zhCN } from '../i18n/zhCN';
import { en } from '../i18n/en';
import { PlatformContext } from './contexts';
import { useBoot } from './useBoot';
import { Workspace } from './Workspace';
import { ErrorBoundary } from './ErrorBoundary';

/** Props of {@link App}. */
export interface AppProps {
  readonly platform: PlatformApi;
}

const theme = { token: { colorPrimary: '#0f6b8f', borderRadius: 6 } };

/** The root: boots regions and settings, then hands over to the workspace. */
export function App({ platform }: AppProps) {
  const boot = useBoot(platform);
  const language = boot.status === 'ready' ? boot.settingsLoad.settings.language : 'zh-CN';
  // One i18n instance for the app's lifetime; the workspace switches its language from settings.
  const i18n = useMemo(() => createI18n(language), []); // eslint-disable-line react-hooks/exhaustive-deps -- created once; language changes go through i18n.changeLanguage
  const locale = language === 'en' ? enUSLocale : zhCNLocale;

  return (
    <PlatformContext.Provider value={platform}>
      <I18nextProvider i18n={i18n}>
        <ConfigProvider locale={locale} theme={theme}>
          <AntApp className="atlas-root">
            <ErrorBoundary>
              {boot.status === 'loading' && (
                <div className="atlas-center">
                  <Spin size="large" />
                  <span>{language === 'en' ? en.app.loading : zhCN.app.loading}</span>
                </div>
              )}
              {boot.status === 'failed' && (
                <Result status="error" title={i18n.t('app.loadFailed')} subTitle={boot.error.message} />
              )}
              {boot.status === 'ready' && (
                <Workspace regions={boot.regions} initialSettings={boot.settingsLoad.settings} resetKeys={boot.settingsLoad.resetKeys} />
              )}
            </ErrorBoundary>
          </AntApp>
        </ConfigProvider>
      </I18nextProvider>
    </PlatformContext.Provider>
  );
}
