import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'leaflet/dist/leaflet.css';
import './app/app.css';
import { App } from './app/App';
import { createPlatformClient } from './platform/platformClient';

const container = document.getElementById('root');
if (!container) throw new Error('[renderer] #root is missing from index.html');

createRoot(container).render(
  <StrictMode>
    <App platform={createPlatformClient()} />
  </StrictMode>,
);
