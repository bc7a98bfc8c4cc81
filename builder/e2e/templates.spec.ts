import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { expectFitsWidth } from './fits-width.ts';
import { ADMIN_PASSWORD, type Api, apiAs, barsQuery, dashboardDocument, loginUi, panelDocument, pickOption } from './support.ts';

const SMA_CROSSOVER = readFileSync(new URL('../../runtime/examples/sma-crossover.ts', import.meta.url), 'utf8');
const DRAWN = /^(drawn|no-query)$/;

/** A stored portfolio for the risk template (its default name) and a finished backtest run for the strategy review. */
async function prepare(admin: Api): Promise<{ runId: string }> {
  const portfolio = await admin.call('portfolios.create', {
    name: 'Core holdings',
    capital: 100_000,
    positions: [
      { symbol: 'SIM:AAPL', quantity: 100 },
      { symbol: 'SIM:MSFT', quantity: 80 },
      { symbol: 'SIM:SPY', quantity: 50 },
    ],
    // A limit set, so the limit utilisation panel has bars to draw.
    limits: { onHardBreach: 'deny', limits: [{ kind: 'maxGrossExposure', warn: 100_000, hard: 5_000_000 }] },
  });
  expect([200, 409]).toContain(portfolio.status);
  const strategy = await admin.call('strategies.create', { source: SMA_CROSSOVER, name: 'Templates e2e SMA' });
  expect(strategy.status, JSON.stringify(strategy.error)).toBe(200);
  const run = await admin.call('backtests.run', {
    strategyId: strategy.data.id,
    params: { fast: 10, slow: 30 },
    dataSource: 'nautilus.sim-market/bars',
    symbol: 'SIM:AAPL',
    timeframe: '1d',
    range: { from: 'now-1y', to: 'now' },
  });
  expect(run.status, JSON.stringify(run.error)).toBe(200);
  await expect
    .poll(async () => (await admin.call('backtests.get', { id: run.data.id })).data?.status, { timeout: 60_000 })
    .toBe('done');
  return { runId: run.data.id };
}

/** Every panel of the dashboard on screen has drawn its data (text panels have none to draw); none shows an error. */
async function expectAllDrawn(page: Page, admin: Api, dashboardId: string): Promise<void> {
  const { data } = await admin.call('dashboards.get', { id: dashboardId });
  for (const panel of data.document.panels as { id: string }[]) {
    await expect(page.getByTestId(`panel-${panel.id}`), panel.id).toHaveAttribute('data-state', DRAWN, { timeout: 60_000 });
  }
  await expect(page.locator('[data-state="error"]')).toHaveCount(0);
}

const dashboardIdOf = (page: Page) => /#\/d\/([0-9a-f-]{36})/.exec(page.url())?.[1] as string;

test('every gallery template instantiates from the dashboards list and draws', async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const admin = await apiAs('admin', ADMIN_PASSWORD);
  const { runId } = await prepare(admin);
  const gallery = await admin.call('templates.gallery', undefined, 'GET');
  const ids = (gallery.data as { id: string }[]).map((template) => template.id);
  expect(ids).toHaveLength(7);

  await loginUi(page, 'admin', ADMIN_PASSWORD);
  for (const id of ids) {
    await page.goto('/#/');
    await page.getByTestId('from-template-button').click();
    await page.getByTestId(`template-card-${id}`).click();
    if (id === 'strategy-review') await page.getByTestId('template-input-run').fill(runId);
    await page.getByTestId('template-create').click();
    await expect(page).toHaveURL(/#\/d\/[0-9a-f-]{36}$/);
    await expectAllDrawn(page, admin, dashboardIdOf(page));
    await page.screenshot({ path: testInfo.outputPath(`${id}.png`), fullPage: true });
  }
  expect(pageErrors).toEqual([]);
});

test('the gallery and import dialogs fit a phone screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await loginUi(page, 'admin', ADMIN_PASSWORD);
  await page.getByTestId('from-template-button').click();
  await expect(page.getByTestId('template-card-fx-monitor')).toBeVisible();
  await expectFitsWidth(page, 'template gallery');
  await page.keyboard.press('Escape');
  await page.getByTestId('import-template-button').click();
  await expect(page.getByTestId('template-file')).toBeVisible();
  await expectFitsWidth(page, 'import dialog');
});

test('export → import round trip through the UI with a mapping, a missing plugin listed, and a replacement with its diff', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  const admin = await apiAs('admin', ADMIN_PASSWORD);
  const variables = [{ name: 'symbol', label: 'Stock', type: 'instrument', default: 'SIM:AAPL' }];
  const id = await admin.createDashboard(
    dashboardDocument(
      'Template round trip',
      [
        panelDocument(
          'price',
          'nautilus.widgets-core/candlestick',
          { x: 0, y: 0, w: 16, h: 9 },
          { query: barsQuery('$symbol', '1h') },
        ),
        panelDocument('last', 'nautilus.widgets-core/stat', { x: 16, y: 0, w: 8, h: 4 }, { query: barsQuery('$symbol', '1d') }),
      ],
      variables,
    ),
  );
  await loginUi(page, 'admin', ADMIN_PASSWORD);
  await page.goto(`/#/d/${id}`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-template-button').click()]);
  expect(download.suggestedFilename()).toBe('template-round-trip.json');
  const file = testInfo.outputPath('template-round-trip.json');
  await download.saveAs(file);
  const text = readFileSync(file, 'utf8');
  // The same bytes as the API's export: deterministic.
  expect(text).toBe((await admin.call('templates.export', { id }, 'GET')).data.text);

  // Import it with the bars mapped to core's cached bars source and another stock.
  await page.goto('/#/');
  await page.getByTestId('import-template-button').click();
  await page.locator('[data-testid="template-file"] input[type="file"]').setInputFiles(file);
  await expect(page.getByTestId('template-creates')).toContainText('Creates “Template round trip”: 2 panels');
  await pickOption(
    page,
    page.getByTestId('template-input-bars'),
    /^Bars \(any provider, cached\) \(nautilus\.core\/bars\)$/,
    'nautilus.core/bars',
  );
  await page.getByTestId('template-input-symbol').fill('SIM:MSFT');
  await expect(page.getByTestId('template-creates')).toContainText('$symbol = SIM:MSFT');
  await expect(page.getByTestId('template-input-bars')).toContainText('nautilus.core/bars');
  await expect(page.getByTestId('template-import-submit')).toBeEnabled();
  await page.getByTestId('template-import-submit').click();
  await expect(page).toHaveURL(/#\/d\/[0-9a-f-]{36}$/);
  const imported = dashboardIdOf(page);
  expect(imported).not.toBe(id);
  await expectAllDrawn(page, admin, imported);
  await expect(page.getByTestId('variable-symbol')).toContainText('SIM:MSFT');
  const stored = (await admin.call('dashboards.get', { id: imported })).data.document;
  expect(stored.panels.map((panel: any) => panel.query.dataSource)).toEqual(['nautilus.core/bars', 'nautilus.core/bars']);
  expect(stored.template).toEqual({ id: 'template-round-trip', version: '1.0.0' });

  // A newer version with a panel from a plugin this server lacks: listed, and replacing shows what changes.
  const newer = JSON.parse(text);
  newer.version = '1.1.0';
  newer.dashboard.panels.push({
    id: 'heat',
    type: 'acme.heatmaps/sectors',
    pluginVersion: '1.0.0',
    title: 'Sector heat',
    gridPos: { x: 16, y: 4, w: 8, h: 5 },
    options: {},
  });
  newer.requires.push({ plugin: 'acme.heatmaps', range: '^1.0.0', version: '1.0.0', digest: null });
  await page.goto('/#/');
  await page.getByTestId('import-template-button').click();
  await page
    .locator('[data-testid="template-file"] input[type="file"]')
    .setInputFiles({ name: 'newer.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(newer)) });
  await expect(page.getByTestId('template-missing-panels')).toContainText('Sector heat');
  await expect(page.getByTestId('template-missing-panels')).toContainText('acme.heatmaps is not installed');
  await pickOption(
    page,
    page.getByTestId('template-input-bars'),
    /^Bars \(any provider, cached\) \(nautilus\.core\/bars\)$/,
    'nautilus.core/bars',
  );
  await page.getByTestId('template-input-symbol').fill('SIM:MSFT');
  await page.getByTestId('template-target').getByText('Replace “Template round trip”').click();
  const diff = page.getByTestId('template-diff');
  await expect(diff).toContainText('Panel added: Sector heat');
  await expect(diff).not.toContainText('Panel removed');
  // The same mapping as the first import: the queries and the variable are unchanged.
  await expect(page.getByTestId('template-creates')).toContainText('$symbol = SIM:MSFT');
  await expect(diff).not.toContainText('query.dataSource');
  await expect(diff).not.toContainText('variables.symbol');
  await page.screenshot({ path: testInfo.outputPath('import-replace.png'), fullPage: true });
  // Nothing is replaced before the button.
  expect((await admin.call('dashboards.get', { id: imported })).data.version).toBe(1);
  await page.getByTestId('template-import-submit').click();
  await expect(page).toHaveURL(new RegExp(`#/d/${imported}$`));
  const replaced = (await admin.call('dashboards.get', { id: imported })).data;
  expect(replaced.version).toBe(2);
  expect(replaced.document.template).toEqual({ id: 'template-round-trip', version: '1.1.0' });
  expect(replaced.document.panels.map((panel: any) => panel.type)).toContain('acme.heatmaps/sectors');
});
