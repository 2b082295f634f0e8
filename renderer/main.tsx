import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'leaflet/dist/leaflet.css';
import './app/app.css';
import { App } from './app/App';
import { startBoot } from './app/boot';
import { whenMapDrawn } from './features/map/MapDrawnMark';
import { createI18n } from './i18n/i18n';
import { createPlatformClient } from './platform/platformClient';
import { requestPersistentStorage } from './db/storage';

const container = document.getElementById('root');
if (!container) throw new Error('[renderer] #root is missing from index.html');

const platform = createPlatformClient();
const i18n = createI18n('zh-CN');
// Started before React renders: the region file downloads while the UI mounts.
const boot = startBoot(platform, i18n);
// Ask once for persistent storage so the browser does not evict the register under disk pressure.
void requestPersistentStorage();

if (import.meta.env.MODE === 'bench') {
  // Only in `vite build --mode bench` (npm run bench): the page API the benchmarks drive. Loaded
  // after the first paint like the workspace, so it does not slow the cold start it measures.
  void whenMapDrawn().then(() => import('./bench/benchApi')).then(({ benchApi }) => {
    (window as unknown as { __atlasBench: unknown }).__atlasBench = benchApi;
  });
}

createRoot(container).render(
  <StrictMode>
    <App platform={platform} i18n={i18n} boot={boot} />
  </StrictMode>,
);
