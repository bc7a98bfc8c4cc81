import { expect, test } from '@playwright/test';
import { expectFitsWidth } from './fits-width.ts';
import { ADMIN_PASSWORD, apiAs, dashboardDocument, loginUi, panelDocument } from './support.ts';

const CROSSOVER = `
export default defineStrategy({
  name: 'Analytics widgets crossover',
  params: { fast: { type: 'integer', default: 5, min: 1 }, slow: { type: 'integer', default: 20, min: 2 } },
  onBar(ctx) {
    const fast = ctx.indicators.sma(ctx.params.fast).value;
    const slow = ctx.indicators.sma(ctx.params.slow).value;
    if (fast === undefined || slow === undefined) return;
    if (fast > slow && ctx.position.quantity === 0) ctx.buy(Math.floor((ctx.buyingPower * 0.9) / ctx.bar.close));
    else if (fast < slow && ctx.position.quantity > 0) ctx.sell(ctx.position.quantity);
  },
});
`;
const WIDGETS = 'nautilus.widgets-analytics';

/** Nothing of the page is wider than the viewport (no sideways page scroll). */

test('the analytics widgets draw a run’s tear sheet, monthly heatmap and drawdown periods and a portfolio’s attribution, at 1440 and 390 px', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const admin = await apiAs('admin', ADMIN_PASSWORD);
  const strategyId: string = (await admin.call('strategies.create', { source: CROSSOVER, name: 'Analytics widgets e2e' })).data
    .id;
  const queued = await admin.call('backtests.run', {
    strategyId,
    dataSource: 'nautilus.sim-market/bars',
    symbol: 'SIM:MSFT',
    timeframe: '1d',
    range: { from: '2022-01-01', to: '2024-01-01' },
  });
  expect(queued.status, JSON.stringify(queued.error)).toBe(200);
  const runId: string = queued.data.id;
  await expect.poll(async () => (await admin.call('backtests.get', { id: runId })).data.status, { timeout: 90_000 }).toBe('done');
  const portfolio = await admin.call('portfolios.create', {
    name: 'Analytics widgets book',
    capital: 100_000,
    dataSource: 'nautilus.sim-market/bars',
    positions: [
      { symbol: 'SIM:MSFT', quantity: 100 },
      { symbol: 'SIM:AAPL', quantity: 150 },
    ],
  });
  expect(portfolio.status, JSON.stringify(portfolio.error)).toBe(200);
  const sheet = (await admin.call('analytics.backtestTearSheet', { id: runId }, 'GET')).data;

  const run = (view: string) => ({ query: { dataSource: 'nautilus.core/analytics', params: { id: runId, view } } });
  const attributionQuery = {
    query: {
      dataSource: 'nautilus.core/analytics',
      params: { kind: 'portfolio', id: portfolio.data.id, view: 'attribution', weights: 'SIM:SPX=0.5,SIM:MSFT=0.3,SIM:AAPL=0.2' },
    },
  };
  const id = await admin.createDashboard(
    dashboardDocument('Analytics widgets', [
      panelDocument('sheet', `${WIDGETS}/tear-sheet`, { x: 0, y: 0, w: 8, h: 12 }, run('tear-sheet')),
      panelDocument('monthly', `${WIDGETS}/monthly-heatmap`, { x: 8, y: 0, w: 16, h: 5 }, run('monthly-returns')),
      panelDocument('drawdown', `${WIDGETS}/drawdown-chart`, { x: 8, y: 5, w: 16, h: 7 }, run('drawdown')),
      panelDocument('attribution', `${WIDGETS}/attribution`, { x: 0, y: 12, w: 8, h: 10 }, attributionQuery),
      // Rolling metrics and the benchmark overlay are line charts: widgets-core's line draws them as they are.
      panelDocument('rolling', 'nautilus.widgets-core/line', { x: 8, y: 12, w: 8, h: 10 }, run('rolling')),
      panelDocument('benchmark', 'nautilus.widgets-core/line', { x: 16, y: 12, w: 8, h: 10 }, run('benchmark')),
    ]),
  );
  await page.setViewportSize({ width: 1440, height: 900 });
  await loginUi(page, 'admin', ADMIN_PASSWORD);
  await page.goto(`/#/d/${id}`);
  for (const panel of ['sheet', 'monthly', 'drawdown', 'attribution', 'rolling', 'benchmark']) {
    await expect(page.getByTestId(`panel-${panel}`), panel).toHaveAttribute('data-state', 'drawn', { timeout: 60_000 });
  }
  // Tear sheet: the server's Sharpe, and its formula and conventions on hover.
  const sharpe = sheet.metrics.find((metric: { id: string }) => metric.id === 'sharpe');
  const sharpeRow = page.getByTestId('panel-sheet').locator('tr[data-metric="Sharpe"]');
  await expect(sharpeRow.locator('td')).toHaveText(sharpe.value.toFixed(2));
  await sharpeRow.hover();
  const tooltip = page.getByTestId('panel-sheet').getByRole('tooltip');
  await expect(tooltip).toContainText('mean(r − rf) / stdev(r − rf) × √P');
  await expect(tooltip).toContainText('P = 252');
  // Monthly heatmap: 2022 and 2023, twelve months and a total each.
  const monthly = page.getByTestId('panel-monthly');
  await expect(monthly.locator('tbody tr')).toHaveCount(2);
  await expect(monthly.locator('tbody tr').first().locator('td')).toHaveCount(13);
  // Drawdown: the periods shaded, the deepest one's depth matching the tear sheet's max drawdown.
  const drawdown = page.getByTestId('panel-drawdown');
  await expect(drawdown.locator('rect.nan-period')).toHaveCount(Math.min(5, sheet.drawdown.periods.length));
  await expect(drawdown.locator('svg')).toHaveAttribute(
    'aria-label',
    new RegExp(`deepest −${(sheet.drawdown.periods[0].depth * 100).toFixed(2)} %`),
  );
  // Attribution: four effect bars and the active return; the residual line says they add up.
  const attribution = page.getByTestId('panel-attribution');
  await expect(attribution.locator('rect.nan-bar')).toHaveCount(5);
  await expect(attribution.locator('.nan-check')).toContainText('= active return');
  await expect(attribution.locator('.nan-effects tbody tr')).toHaveCount(3);
  await expectFitsWidth(page, 'analytics widgets at 1440 px');
  await page.screenshot({ path: testInfo.outputPath('analytics-widgets-1440.png') });

  // A phone: panels stack; the heatmap scrolls sideways inside its panel, never the page.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(monthly).toHaveAttribute('data-state', 'drawn');
  await expectFitsWidth(page, 'analytics widgets at 390 px');
  // The grid animates panels into one column: wait until each sits inside the screen before looking.
  for (const panel of ['sheet', 'monthly', 'drawdown', 'attribution']) {
    await expect
      .poll(
        async () => {
          const box = (await page.getByTestId(`panel-${panel}`).boundingBox())!;
          return box.x >= 0 && box.x + box.width <= 390;
        },
        { message: panel },
      )
      .toBe(true);
  }
  await expect(page.getByTestId('panel-sheet').locator('tr[data-metric="Sharpe"] td')).toBeInViewport();
  await page.screenshot({ path: testInfo.outputPath('analytics-widgets-390-sheet.png') });
  await monthly.scrollIntoViewIfNeeded();
  const scroll = monthly.locator('.nan-monthly-scroll');
  expect(await scroll.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
  const box = (await monthly.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  await page.screenshot({ path: testInfo.outputPath('analytics-widgets-390-monthly.png') });
  await drawdown.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('analytics-widgets-390-drawdown.png') });
  await attribution.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('analytics-widgets-390-attribution.png') });
  expect(pageErrors).toEqual([]);
});
