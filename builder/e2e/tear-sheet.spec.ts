import { expect, test } from '@playwright/test';
import { expectFitsWidth } from './fits-width.ts';
import { ADMIN_PASSWORD, apiAs, dashboardDocument, loginUi, panelDocument } from './support.ts';

const CROSSOVER = `
export default defineStrategy({
  name: 'Tear sheet crossover',
  params: {
    fast: { type: 'integer', default: 5, min: 1 },
    slow: { type: 'integer', default: 20, min: 2 },
  },
  onBar(ctx) {
    const fast = ctx.indicators.sma(ctx.params.fast).value;
    const slow = ctx.indicators.sma(ctx.params.slow).value;
    if (fast === undefined || slow === undefined) return;
    if (fast > slow && ctx.position.quantity === 0) ctx.buy(Math.floor((ctx.buyingPower * 0.9) / ctx.bar.close));
    else if (fast < slow && ctx.position.quantity > 0) ctx.sell(ctx.position.quantity);
  },
});
`;

test('a finished backtest shows its tear sheet: metrics with formulas on hover, heatmap, rolling and drawdown charts, runs side by side', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const admin = await apiAs('admin', ADMIN_PASSWORD);
  const strategyId: string = (await admin.call('strategies.create', { source: CROSSOVER, name: 'Tear sheet e2e' })).data.id;
  const market = {
    dataSource: 'nautilus.sim-market/bars',
    symbol: 'SIM:AAPL',
    timeframe: '1d',
    range: { from: '2022-01-01', to: '2024-01-01' },
  };
  const runIds: string[] = [];
  for (const fast of [5, 10]) {
    const queued = await admin.call('backtests.run', { strategyId, params: { fast, slow: 20 }, ...market });
    expect(queued.status, JSON.stringify(queued.error)).toBe(200);
    runIds.push(queued.data.id);
  }
  await expect
    .poll(
      async () => (await Promise.all(runIds.map(async (id) => (await admin.call('backtests.get', { id })).data.status))).join(),
      { timeout: 90_000 },
    )
    .toBe('done,done');
  const sheet = (await admin.call('analytics.backtestTearSheet', { id: runIds[0] }, 'GET')).data;

  await page.setViewportSize({ width: 1440, height: 900 });
  await loginUi(page, 'admin', ADMIN_PASSWORD);
  await page.goto(`/#/strategies/${strategyId}/runs/${runIds[0]}`);
  await expect(page.getByTestId('report-status')).toContainText('done', { timeout: 30_000 });
  await page.getByTestId('tear-sheet-tab').click();
  const tearSheet = page.getByTestId('tear-sheet');
  await expect(tearSheet).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('tear-sheet-conventions')).toContainText('P = 252 periods a year');
  await expect(page.getByTestId('tear-sheet-conventions')).toContainText('SIM:SPX');
  // The figures are the server's, formatted: Sharpe with two decimals.
  const sharpe = sheet.metrics.find((metric: { id: string }) => metric.id === 'sharpe');
  await expect(tearSheet.locator('[data-metric="sharpe"] .value')).toHaveText(sharpe.value.toFixed(2));
  await expect(tearSheet.locator('[data-metric="beta"]')).toBeVisible();
  await expect(page.getByTestId('tear-sheet-var').locator('[data-metric="VaR"] .value')).toContainText('%');
  // Hover a label: its formula and conventions.
  await tearSheet.locator('[data-metric="sharpe"] .label').hover();
  await expect(page.getByRole('tooltip')).toContainText('mean(r − rf) / stdev(r − rf) × √P');
  await expect(page.getByRole('tooltip')).toContainText('P = 252');
  // Two years: 2022 and 2023 rows, twelve months each.
  await expect(page.getByTestId('monthly-heatmap').locator('tbody tr')).toHaveCount(2);
  for (const chart of ['rolling-sharpe-chart', 'rolling-volatility-chart', 'tear-sheet-drawdown-chart', 'benchmark-chart']) {
    await expect(page.getByTestId(chart)).toHaveAttribute('data-state', 'drawn');
  }
  await expect(page.getByTestId('benchmark-chart')).toHaveAttribute('data-series', '2');
  await expect(page.getByTestId('drawdown-periods').locator('tbody tr.ant-table-row')).toHaveCount(
    Math.min(10, sheet.drawdown.periods.length),
  );
  await expectFitsWidth(page, 'tear sheet at 1440 px');
  await tearSheet.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('tear-sheet-1440.png'), fullPage: true });

  // On a phone: the same tab, nothing wider than the screen (the heatmap scrolls inside its box).
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByTestId('rolling-sharpe-chart')).toHaveAttribute('data-state', 'drawn');
  await expectFitsWidth(page, 'tear sheet at 390 px');
  await page.getByTestId('tear-sheet-returns').scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('tear-sheet-390-metrics.png') });
  await page.getByTestId('monthly-heatmap').scrollIntoViewIfNeeded();
  // The heatmap and the drawdown periods fit the phone's width: no sideways scroll inside them either.
  for (const id of ['monthly-heatmap', 'drawdown-periods']) {
    const box = await page.getByTestId(id).boundingBox();
    expect(box!.x + box!.width, id).toBeLessThanOrEqual(390);
  }
  expect(await page.locator('.nautilus-heatmap-scroll').evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(
    true,
  );
  await page.screenshot({ path: testInfo.outputPath('tear-sheet-390-heatmap.png') });
  await page.getByTestId('drawdown-periods').scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('tear-sheet-390-drawdowns.png') });

  // Run comparison: the tear sheets side by side.
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByRole('tab', { name: 'Past runs' }).click();
  const runs = page.getByTestId('backtest-runs');
  await expect(runs.locator('tbody tr.ant-table-row')).toHaveCount(2);
  for (const checkbox of await runs.locator('tbody .ant-checkbox').all()) await checkbox.click();
  await page.getByTestId('compare-runs').click();
  const compared = page.getByTestId('compare-tear-sheet');
  await expect(compared.locator('tbody tr.ant-table-row').first()).toBeVisible({ timeout: 30_000 });
  const sharpeRow = compared.locator('tbody tr.ant-table-row', { hasText: 'Sharpe' }).first();
  await expect(sharpeRow.locator('td')).toHaveCount(3);
  await expect(sharpeRow).toContainText(sharpe.value.toFixed(2));
  await compared.scrollIntoViewIfNeeded();
  await page.getByTestId('run-comparison').screenshot({ path: testInfo.outputPath('compare-tear-sheet-1440.png') });
  expect(pageErrors).toEqual([]);
});

test('a dashboard shows a run’s tear sheet, monthly heatmap, rolling metrics, drawdown and benchmark overlay from nautilus.core/analytics', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  const admin = await apiAs('admin', ADMIN_PASSWORD);
  const strategyId: string = (await admin.call('strategies.create', { source: CROSSOVER, name: 'Tear sheet panels' })).data.id;
  const queued = await admin.call('backtests.run', {
    strategyId,
    dataSource: 'nautilus.sim-market/bars',
    symbol: 'SIM:MSFT',
    timeframe: '1d',
    range: { from: '2022-01-01', to: '2024-01-01' },
  });
  const runId: string = queued.data.id;
  await expect.poll(async () => (await admin.call('backtests.get', { id: runId })).data.status, { timeout: 90_000 }).toBe('done');
  const analytics = (view: string) => ({ query: { dataSource: 'nautilus.core/analytics', params: { id: runId, view } } });
  const id = await admin.createDashboard(
    dashboardDocument('Run performance', [
      panelDocument('sheet', 'nautilus.widgets-core/table', { x: 0, y: 0, w: 12, h: 10 }, analytics('tear-sheet')),
      panelDocument(
        'monthly',
        'nautilus.widgets-risk/risk-heatmap',
        { x: 12, y: 0, w: 12, h: 5 },
        {
          ...analytics('monthly-returns'),
          options: { decimals: 1, scale: 'diverging' },
        },
      ),
      panelDocument('periods', 'nautilus.widgets-core/table', { x: 12, y: 5, w: 12, h: 5 }, analytics('drawdown-periods')),
      panelDocument('rolling', 'nautilus.widgets-core/line', { x: 0, y: 10, w: 8, h: 6 }, analytics('rolling')),
      panelDocument('drawdown', 'nautilus.widgets-core/line', { x: 8, y: 10, w: 8, h: 6 }, analytics('drawdown')),
      panelDocument('benchmark', 'nautilus.widgets-core/line', { x: 16, y: 10, w: 8, h: 6 }, analytics('benchmark')),
    ]),
  );
  await page.setViewportSize({ width: 1440, height: 900 });
  await loginUi(page, 'admin', ADMIN_PASSWORD);
  await page.goto(`/#/d/${id}`);
  for (const panel of ['sheet', 'monthly', 'periods', 'rolling', 'drawdown', 'benchmark']) {
    await expect(page.getByTestId(`panel-${panel}`), panel).toHaveAttribute('data-state', 'drawn', { timeout: 60_000 });
  }
  await expect(page.getByTestId('panel-sheet')).toContainText('Sharpe');
  await expect(page.getByTestId('panel-sheet')).toContainText(' %');
  await expect(page.getByTestId('panel-monthly')).toContainText('2023');
  await page.screenshot({ path: testInfo.outputPath('dashboard-1440.png') });
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByTestId('panel-monthly')).toHaveAttribute('data-state', 'drawn');
  await expectFitsWidth(page, 'tear sheet in a dashboard at 390 px');
  await page.screenshot({ path: testInfo.outputPath('dashboard-390.png') });
});
