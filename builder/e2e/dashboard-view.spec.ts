import { expect, test } from '@playwright/test';
import {
  ADMIN_PASSWORD,
  apiAs,
  barsQuery,
  candlePixels,
  canvasFingerprint,
  choose,
  dashboardDocument,
  loginUi,
  panelDocument,
  USER_PASSWORD,
} from './support.ts';

const symbolVariable = [{ name: 'symbol', type: 'instrument', default: 'SIM:AAPL' }];

test('changing $symbol re-queries and redraws the chart with other data', async ({ page }, testInfo) => {
  const admin = await apiAs('admin', ADMIN_PASSWORD);
  const id = await admin.createDashboard(
    dashboardDocument(
      'Variables',
      [
        panelDocument(
          'chart',
          'nautilus.widgets-core/candlestick',
          { x: 0, y: 0, w: 16, h: 12 },
          { query: barsQuery('$symbol', '1d') },
        ),
      ],
      symbolVariable,
    ),
  );
  await loginUi(page, 'admin', ADMIN_PASSWORD);
  await page.goto(`/#/d/${id}`);
  const chart = page.getByTestId('panel-chart');
  await expect(chart).toHaveAttribute('data-state', 'drawn');
  await expect.poll(async () => (await candlePixels(chart)).green).toBeGreaterThan(100);
  const aapl = await canvasFingerprint(chart);

  const queries: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('dataSources.query')) queries.push(decodeURIComponent(request.url()));
  });
  await choose(page, 'variable-symbol', 'SIM:BTCUSD');
  await expect.poll(() => canvasFingerprint(chart)).not.toBe(aapl);
  await expect(chart).toHaveAttribute('data-state', 'drawn');
  expect(queries.some((url) => url.includes('SIM:BTCUSD'))).toBe(true);
  await page.screenshot({ path: testInfo.outputPath('symbol-btcusd.png') });
});

test('a second save of the same version gets the conflict message and the first save is kept', async ({ browser }, testInfo) => {
  const admin = await apiAs('admin', ADMIN_PASSWORD);
  await admin.createUser('editor-two', 'editor');
  const id = await admin.createDashboard(
    dashboardDocument('Shared desk', [
      panelDocument('note', 'nautilus.widgets-core/text', { x: 0, y: 0, w: 8, h: 4 }, { options: { markdown: 'hello' } }),
    ]),
  );
  const first = await (await browser.newContext()).newPage();
  const second = await (await browser.newContext()).newPage();
  await loginUi(first, 'admin', ADMIN_PASSWORD);
  await loginUi(second, 'editor-two', USER_PASSWORD);
  for (const page of [first, second]) {
    await page.goto(`/#/d/${id}`);
    await page.getByTestId('mode-toggle').click();
    await page.getByTestId('panel-edit-note').click();
  }
  await first.getByTestId('inspector-title').fill('First writer');
  await first.getByTestId('save-button').click();
  await expect(first.getByTestId('unsaved-indicator')).toHaveCount(0);

  await second.getByTestId('inspector-title').fill('Second writer');
  await second.getByTestId('save-button').click();
  const conflict = second.getByTestId('save-conflict');
  await expect(conflict).toBeVisible();
  await expect(conflict).toContainText('admin');
  await second.screenshot({ path: testInfo.outputPath('save-conflict.png') });
  await second.getByTestId('conflict-keep-editing').click();
  // Nothing the second user typed is lost, and the server kept the first user's save.
  await expect(second.getByTestId('inspector-title')).toHaveValue('Second writer');
  await expect(second.getByTestId('panel-title-note')).toContainText('Second writer');
  const stored = await admin.call('dashboards.get', { id });
  expect(stored.data.version).toBe(2);
  expect(stored.data.document.panels[0].title).toBe('First writer');
});

test('a viewer cannot edit, and a widget that throws shows its error in its own panel only', async ({ page }, testInfo) => {
  const admin = await apiAs('admin', ADMIN_PASSWORD);
  await admin.createUser('viewer-one', 'viewer');
  const id = await admin.createDashboard(
    dashboardDocument('Mixed', [
      panelDocument('boom', 'test.broken-widget/boom', { x: 0, y: 0, w: 8, h: 6 }),
      panelDocument('last', 'nautilus.widgets-core/stat', { x: 8, y: 0, w: 6, h: 6 }, { query: barsQuery('SIM:MSFT', '1d') }),
      panelDocument(
        'chart',
        'nautilus.widgets-core/candlestick',
        { x: 14, y: 0, w: 10, h: 10 },
        { query: barsQuery('SIM:SPY', '1d') },
      ),
    ]),
  );
  await loginUi(page, 'viewer-one', USER_PASSWORD);
  await page.goto(`/#/d/${id}`);
  await expect(page.getByTestId('panel-error-boom')).toContainText('Boom: this widget failed on purpose');
  await expect(page.getByTestId('panel-boom')).toHaveAttribute('data-state', 'error');
  await expect(page.getByTestId('panel-last')).toHaveAttribute('data-state', 'drawn');
  await expect(page.getByTestId('panel-chart')).toHaveAttribute('data-state', 'drawn');
  await expect.poll(async () => (await candlePixels(page.getByTestId('panel-chart'))).green).toBeGreaterThan(50);
  await expect(page.getByTestId('mode-toggle')).toHaveCount(0);
  await expect(page.getByTestId('save-button')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('viewer-with-broken-widget.png') });

  // The server refuses a viewer's write whatever the UI shows.
  const viewer = await apiAs('viewer-one', USER_PASSWORD);
  const current = await viewer.call('dashboards.get', { id });
  const write = await viewer.call('dashboards.save', { id, baseVersion: current.data.version, document: current.data.document });
  expect(write.status).toBe(403);
});
