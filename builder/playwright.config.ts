import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './e2e/chromium.ts';

// The config is evaluated by the runner and again by each worker: pick the port and data dir once
// and hand them to the workers through the environment.
process.env.NAUTILUS_E2E_PORT ??= String(41_000 + Math.floor(Math.random() * 8_000));
process.env.NAUTILUS_E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'nautilus-e2e-'));
process.env.NAUTILUS_E2E_ADMIN_PASSWORD ??= 'e2e admin password 42';

const port = process.env.NAUTILUS_E2E_PORT;
const baseURL = `http://127.0.0.1:${port}`;
const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  // One server, two cores: tests run one at a time.
  workers: 1,
  fullyParallel: false,
  // Under CI a test that fails is run once more, and `npm test` lists it as "passed on its retry" with
  // its first failure, so flakiness stays visible. On two cores several specs (live ticks, a second
  // instance killed with -9, Monaco loading) wait on timing that a busy machine can push past a bound.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list'], ['json', { outputFile: '.playwright-report.json' }]],
  use: {
    baseURL,
    viewport: { width: 1600, height: 1000 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
  // The real server, started the way `npm start` starts it, on a fresh data dir.
  webServer: {
    command: `node --no-node-snapshot ${join(here, '../core/src/cli.ts')} start --port ${port}`,
    url: `${baseURL}/readyz`,
    timeout: 60_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      NAUTILUS_DATA_DIR: process.env.NAUTILUS_E2E_DATA_DIR,
      NAUTILUS_ADMIN_PASSWORD: process.env.NAUTILUS_E2E_ADMIN_PASSWORD,
      NAUTILUS_PLUGIN_DIRS: join(here, 'e2e/fixtures/plugins'),
      NAUTILUS_LOG_LEVEL: 'warn',
    },
  },
});
