import { useTranslation } from 'react-i18next';

const logoUrl = new URL('../../assets/icons/icon.png', import.meta.url).href;

/** The app's logo, title and subtitle at the left of the top bar (plain markup: on the first screen too). */
export function Brand() {
  const { t } = useTranslation();
  return (
    <div className="atlas-brand">
      <img src={logoUrl} alt="" className="atlas-logo" />
      <div>
        <h1 className="atlas-title">{t('app.title')}</h1>
        <span className="atlas-subtitle">{t('app.subtitle')}</span>
      </div>
    </div>
  );
}
