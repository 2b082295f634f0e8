import { ConfigProvider, App as AntApp } from 'antd';
import zhCNLocale from 'antd/locale/zh_CN';
import enUSLocale from 'antd/locale/en_US';
import { useTranslation } from 'react-i18next';
import { AtlasDb } from '../db/atlasDb';
import { AtlasDbContext } from '../db/atlasDbContext';
import { usePrefersReducedMotion } from './usePrefersReducedMotion';
import { Workspace, type WorkspaceProps } from './Workspace';

/** The app's antd theme. The same font stack as the first screen (app.css), so the text does not change face when antd takes over. */
export const ATLAS_THEME = {
  token: {
    colorPrimary: '#0f6b8f',
    borderRadius: 6,
    fontFamily: "'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', system-ui, sans-serif",
  },
};

/** {@link ATLAS_THEME} without antd's animations, for users whose system asks for reduced motion. */
const ATLAS_THEME_STILL = { token: { ...ATLAS_THEME.token, motion: false } };

// The register's database, opened once, when the workspace loads: nothing on the first screen reads it.
const db = new AtlasDb();

/**
 * Messages (已保存…, 已删除… 撤销) open below the 60 px top bar, never over it: a message under the
 * pointer stays while hovered, and over the area switcher it would hide the tabs until the pointer moved.
 */
const MESSAGE_CONFIG = { top: 72 } as const;

/**
 * autoInsertSpace off: antd spaces out two-character Chinese button texts ("保 存"); screen readers
 * and tests then hear a different word. One object, so the provider's context stays the same
 * across renders (a new one re-renders every antd component below, memoised ones too).
 */
export const ATLAS_BUTTON_CONFIG = { autoInsertSpace: false } as const;

/**
 * The workspace with antd's providers and the database: loaded lazily after the first screen has painted the map
 * (App.tsx), because antd and its styling engine are half of the app's start-up code. antd's own
 * texts (pagination, date pickers) follow the i18n language.
 */
export function AntdWorkspace(props: WorkspaceProps) {
  const { i18n } = useTranslation();
  const isMotionReduced = usePrefersReducedMotion();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUSLocale : zhCNLocale} theme={isMotionReduced ? ATLAS_THEME_STILL : ATLAS_THEME} button={ATLAS_BUTTON_CONFIG}>
      <AntApp className="atlas-app" message={MESSAGE_CONFIG}>
        <AtlasDbContext.Provider value={db}>
          <Workspace {...props} />
        </AtlasDbContext.Provider>
      </AntApp>
    </ConfigProvider>
  );
}
