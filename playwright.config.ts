import { defineConfig } from '@playwright/test';

// Browser tests drive Debian's Chromium (playwright-core cannot download
// browsers here) against the real backend serving the built app.
const port = Number(process.env.E2E_PORT ?? 7077);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  timeout: 60_000,
  expect: { timeout: 20_000 },
  retries: 0,
  workers: 1,
  reporter: [['list']],
  outputDir: 'test-results/playwright',
  webServer: {
    command: `node scripts/e2e/serve-portal.js ${port}`,
    url: `${baseURL}/.backstage/health/v1/readiness`,
    reuseExistingServer: false,
    timeout: 180_000,
    // SIGTERM, so that serve-portal.js stops the backend and removes its
    // throwaway folders (a kill would leave them behind).
    gracefulShutdown: { signal: 'SIGTERM', timeout: 30_000 },
    stdout: 'ignore',
    stderr: 'pipe',
  },
  use: {
    baseURL,
    screenshot: 'only-on-failure',
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
