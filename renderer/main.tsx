import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'leaflet/dist/leaflet.css';
import './app/app.css';
import { App } from './app/App';
import { startBoot } from './app/boot';
import { createI18n } from './i18n/i18n';
import { createPlatformClient } from './platform/platformClient';

const container = document.getElementById('root');
if (!container) throw new Error('[renderer] #root is missing from index.html');

const platform = createPlatformClient();
const i18n = createI18n('zh-CN');
// Started before React renders: the region file downloads while the UI mounts.
const boot = startBoot(platform, i18n);

createRoot(container).render(
  <StrictMode>
    <App platform={platform} i18n={i18n} boot={boot} />
  </StrictMode>,
);
