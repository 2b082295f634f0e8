import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../shared/settings/settings';
import { en } from './en';
import { zhCN } from './zhCN';
import { vocabularyResources } from './vocabularyResources';
import { formEn, formZh } from '../features/register/messages/formMessages';
import { tableEn, tableZh } from '../features/register/messages/tableMessages';
import { detailEn, detailZh } from '../features/register/messages/detailMessages';
import { exportEn, exportZh } from '../features/export/exportMessages';
import { backupEn, backupZh } from '../features/backup/backupMessages';
import { exchangeEn, exchangeZh } from '../features/exchange/exchangeMessages';
import { importEn, importZh } from '../features/import/importMessages';
import { dashboardEn, dashboardZh } from '../features/dashboard/dashboardMessages';
import { companyEn, companyZh } from '../features/company/companyMessages';
import { partnersEn, partnersZh } from '../features/partners/partnerMessages';
import { pilotsEn, pilotsZh } from '../features/pilots/pilotMessages';
import { pilotMapEn, pilotMapZh } from '../features/register/messages/pilotMapMessages';

/** Creates the i18next instance: zh-CN first, English available, no network back-end (offline app). */
export function createI18n(language: Language): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'zh-CN',
    resources: {
      'zh-CN': { translation: { ...zhCN, vocab: vocabularyResources('zh'), form: formZh, table: tableZh, detail: detailZh, export: exportZh, backup: backupZh, exchange: exchangeZh, import: importZh, dashboard: dashboardZh, company: companyZh, pilotMap: pilotMapZh, partners: partnersZh, pilots: pilotsZh } },
      en: { translation: { ...en, vocab: vocabularyResources('en'), form: formEn, table: tableEn, detail: detailEn, export: exportEn, backup: backupEn, exchange: exchangeEn, import: importEn, dashboard: dashboardEn, company: companyEn, pilotMap: pilotMapEn, partners: partnersEn, pilots: pilotsEn } },
    },
    interpolation: { escapeValue: false }, // React escapes already
    initAsync: false, // resources are bundled: initialise synchronously so the first render is translated
  });
  return instance;
}
