import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

/**
 * Browser end-to-end tests run the built UI (browser platform) in Chromium. Debian's /usr/bin/chromium
 * is used where it exists (CI and machines without a Playwright download); elsewhere
 * `npx playwright install chromium` provides Playwright's own. CHROMIUM_PATH overrides both.
 */
const systemChromium = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const chromiumFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
// Parallel local runs (several people or agents on one checkout) each pass their own port, build
// folder (relative to renderer/, as vite's --outDir) and output folder; CI uses the defaults.
const port = Number(process.env.ATLAS_E2E_PORT ?? 4173);
const distArgument = process.env.ATLAS_E2E_DIST ? ` --outDir ${process.env.ATLAS_E2E_DIST}` : '';
const outputDir = process.env.ATLAS_E2E_OUT ?? 'test-results';

export default defineConfig({
  testDir: 'tests/e2e',
  globalSetup: './tests/e2e/globalSetup.ts',
  outputDir,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: process.env.CI ? 1 : 2,
  forbidOnly: true,
  retries: 0,
  reporter: [['list'], ['html', { open: 'never', outputFolder: process.env.ATLAS_E2E_OUT ? `${outputDir}-report` : 'playwright-report' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    // The app then opens dialogs without antd's zoom (usePrefersReducedMotion): a click during the
    // zoom could press and release on different places and be lost (CI stop 9, 核对并信任签名密钥).
    reducedMotion: 'reduce',
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: { executablePath: systemChromium, args: chromiumFlags },
  },
  projects: [
    { name: 'chromium', testIgnore: ['**/electron/**'] },
    { name: 'electron', testMatch: ['**/electron/**/*.spec.ts'] },
  ],
  webServer: {
    command: `npx vite preview --config renderer/vite.config.ts --host 127.0.0.1 --port ${port} --strictPort${distArgument}`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
  },
});
