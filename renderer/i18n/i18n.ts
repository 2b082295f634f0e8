import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../shared/settings/settings';
import { en } from './en';
import { zhCN } from './zhCN';
import { vocabularyResources } from './vocabularyResources';

/** Creates the i18next instance: zh-CN first, English available, no network back-end (offline app). */
export function createI18n(language: Language): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'zh-CN',
    resources: {
      'zh-CN': { translation: { ...zhCN, vocab: vocabularyResources('zh') } },
      en: { translation: { ...en, vocab: vocabularyResources('en') } },
    },
    interpolation: { escapeValue: false }, // React escapes already
    initAsync: false, // resources are bundled: initialise synchronously so the first render is translated
  });
  return instance;
}
