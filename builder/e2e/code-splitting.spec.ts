import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { ADMIN_PASSWORD, apiAs, loginUi } from './support.ts';

const SMA_CROSSOVER = readFileSync(new URL('../../runtime/examples/sma-crossover.ts', import.meta.url), 'utf8');
/** Monaco's chunks: the editor's API, the Lab's editor component and the editor's workers. */
const MONACO = /\/assets\/(editor\.api|CodeEditor|editor\.worker|ts\.worker)-[\w-]+\.js$/;

/** Every script the page has fetched so far (the page's own resource timings). */
const scripts = (page: Page) =>
  page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((entry) => new URL(entry.name).pathname)
      .filter((path) => path.endsWith('.js')),
  );

test('a dashboard loads without Monaco, which comes with the Strategy Lab; assets are cached as immutable', async ({ page }) => {
  const admin = await apiAs('admin', ADMIN_PASSWORD);
  const dashboard = await admin.createDashboard({
    schemaVersion: 1,
    title: 'Code splitting e2e',
    tags: [],
    variables: [],
    timeRange: { from: 'now-30d', to: 'now' },
    refresh: 'off',
    panels: [
      {
        id: 'candles',
        type: 'nautilus.widgets-core/candlestick',
        pluginVersion: '0.1.0',
        title: 'AAPL',
        gridPos: { x: 0, y: 0, w: 12, h: 8 },
        options: {},
        query: { dataSource: 'nautilus.sim-market/bars', params: { symbol: 'SIM:AAPL', timeframe: '1d' } },
      },
    ],
  });
  const strategy = await admin.call('strategies.create', { source: SMA_CROSSOVER, name: 'Code splitting e2e' });
  expect(strategy.status, JSON.stringify(strategy.error)).toBe(200);

  await loginUi(page, 'admin', ADMIN_PASSWORD);
  // A fresh document on the dashboard, drawn: nothing of Monaco was fetched.
  await page.goto('about:blank');
  const entry = page.waitForResponse((response) => /\/assets\/index-[\w-]+\.js$/.test(new URL(response.url()).pathname));
  await page.goto(`/#/d/${dashboard}`);
  await expect(page.getByTestId('panel-candles')).toHaveAttribute('data-state', 'drawn');
  const dashboardScripts = await scripts(page);
  expect(dashboardScripts.length).toBeGreaterThan(3);
  expect(dashboardScripts.filter((path) => MONACO.test(path))).toEqual([]);
  const headers = await (await entry).allHeaders();
  expect(headers['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(headers['content-encoding']).toMatch(/^(br|gzip)$/);

  // The Lab, opened in the same document, brings the editor.
  await page.evaluate((id) => {
    window.location.hash = `#/strategies/${id}`;
  }, strategy.data.id as string);
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('export');
  expect((await scripts(page)).filter((path) => MONACO.test(path)).length).toBeGreaterThan(0);
});
