import { expect, type Locator, type Page, test } from '@playwright/test';
import { expectFitsWidth } from './fits-width.ts';
import { ADMIN_PASSWORD, apiAs, choose, loginUi } from './support.ts';

/** An SMA crossover that logs each entry (ctx.log, info) and each exit (console.warn). */
const LOGGING_CROSSOVER = `
export default defineStrategy({
  name: 'Logging crossover',
  params: {
    fast: { type: 'integer', default: 5, min: 1 },
    slow: { type: 'integer', default: 20, min: 2 },
  },
  onBar(ctx) {
    const fast = ctx.indicators.sma(ctx.params.fast).value;
    const slow = ctx.indicators.sma(ctx.params.slow).value;
    if (fast === undefined || slow === undefined) return;
    const held = ctx.position.quantity;
    if (fast > slow && held === 0) {
      const quantity = Math.floor((ctx.buyingPower * 0.9) / ctx.bar.close);
      ctx.log('entry signal: buy', quantity, 'near', ctx.bar.close.toFixed(2));
      ctx.buy(quantity);
    } else if (fast < slow && held > 0) {
      console.warn('exit signal: sell', held);
      ctx.sell(held);
    }
  },
});
`;

/** A strategy that never orders: its report's Execution tab has nothing to measure. */
const IDLE = `
export default defineStrategy({
  name: 'Idle',
  params: {},
  onBar() {},
});
`;

/** "12.3 bps" / "45.6 %" / "–", as the execution table prints the server's figures. */
const bpsText = (value: number | null) => (value === null ? '–' : `${value.toFixed(1)} bps`);
const ratioText = (value: number | null) => (value === null ? '–' : `${(value * 100).toFixed(1)} %`);

/** The element's box lies within the viewport: its top edge on screen, nothing of it above the fold. */
async function inViewport(page: Page, element: Locator): Promise<boolean> {
  const box = await element.boundingBox();
  const viewport = page.viewportSize();
  if (!box || !viewport) return false;
  return box.y >= 0 && box.y < viewport.height - 100 && box.x >= 0 && box.x + Math.min(box.width, 200) <= viewport.width;
}

test('Run lands on the report: trades marked on the candles, the strategy log, and two runs compared with buy & hold', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.setViewportSize({ width: 1440, height: 900 });
  const admin = await apiAs('admin', ADMIN_PASSWORD);
  const created = await admin.call('strategies.create', { source: LOGGING_CROSSOVER, name: 'Report e2e' });
  expect(created.status, JSON.stringify(created.error)).toBe(200);
  const strategyId: string = created.data.id;
  // A run that places no orders, queued now so it is done when its empty Execution tab is checked.
  const idleStrategy = await admin.call('strategies.create', { source: IDLE, name: 'Report e2e idle' });
  expect(idleStrategy.status, JSON.stringify(idleStrategy.error)).toBe(200);
  const idleRun = await admin.call('backtests.run', {
    strategyId: idleStrategy.data.id,
    dataSource: 'nautilus.sim-market/bars',
    symbol: 'SIM:AAPL',
    timeframe: '1d',
    range: { from: '2023-01-01', to: '2024-01-01' },
  });
  expect(idleRun.status, JSON.stringify(idleRun.error)).toBe(200);

  await loginUi(page, 'admin', ADMIN_PASSWORD);
  await page.goto(`/#/strategies/${strategyId}`);
  await choose(page, 'lab-symbol', 'SIM:AAPL');
  await choose(page, 'lab-timeframe', '1d');
  await choose(page, 'lab-range', '1y');

  // Run: the address becomes the run's report, which is on screen (not below the editor) and focused.
  await page.getByTestId('run-backtest').click();
  await expect(page).toHaveURL(new RegExp(`#/strategies/${strategyId}/runs/[0-9a-f-]{36}$`));
  const runId = page.url().split('/runs/')[1]!;
  const report = page.getByTestId('backtest-report');
  await expect(report).toBeVisible();
  await expect(page.getByTestId('report-status')).toContainText('done', { timeout: 90_000 });
  await expect.poll(() => inViewport(page, report)).toBe(true);
  await expect(report).toBeFocused();
  await expect(page.getByTestId('report-title')).toHaveText('Run #1');
  await expect(page.getByTestId('report-subtitle')).toContainText('SIM:AAPL 1d');
  await expect(page.getByTestId('report-subtitle')).toContainText('fast=5, slow=20');

  // Every stored trade is drawn: an entry and an exit marker each, as many as the run has trades.
  const run = (await admin.call('backtests.get', { id: runId })).data;
  const trades: number = run.result.trades.length;
  expect(trades).toBeGreaterThan(1);
  const price = page.getByTestId('price-chart');
  await expect(price).toHaveAttribute('data-state', 'drawn');
  await expect(price).toHaveAttribute('data-trades', String(trades));
  // A position still open at the end is marked at its entry too.
  const open = run.result.final.position.quantity === 0 ? 0 : 1;
  await expect(price).toHaveAttribute('data-open-position', String(open));
  await expect(price).toHaveAttribute('data-markers', String(2 * trades + open));
  await expect(price).toHaveAttribute('data-bars', String(run.result.bars));
  await expect(page.getByTestId('backtest-metrics').locator('[data-metric="tradeCount"]')).toContainText(String(trades));

  // Equity with buy & hold over it, and the drawdown.
  const equity = page.getByTestId('equity-chart');
  await expect(equity).toHaveAttribute('data-state', 'drawn');
  await expect(equity).toHaveAttribute('data-series', '2');
  await expect(page.getByTestId('equity-chart-legend')).toHaveText(['Equity', 'Buy & hold']);
  await expect(page.getByTestId('drawdown-chart')).toHaveAttribute('data-state', 'drawn');

  // Hovering the candles finds a trade's bar: the tooltip names side, size, price (and P&L on exits).
  await price.scrollIntoViewIfNeeded();
  const box = (await price.boundingBox())!;
  const tooltip = page.getByTestId('trade-tooltip');
  for (let x = box.x + 4; x < box.x + box.width - 70 && !(await tooltip.isVisible()); x += 2) {
    await page.mouse.move(x, box.y + box.height / 2);
  }
  await expect(tooltip).toContainText(/#\d+ Long (entry: buy \d+ @ [\d,.]+|exit: sell \d+ @ [\d,.]+ · P&L [+-][\d,.]+)/);
  await testInfo.attach('report-1440', { body: await page.screenshot(), contentType: 'image/png' });

  // The log tab lists the strategy's lines with their level and bar time.
  await page.getByTestId('log-tab').click();
  const log = page.getByTestId('backtest-log');
  await expect(log.locator('tr[data-level="info"]').first()).toContainText(/entry signal: buy \d+ near [\d.]+/);
  await expect(log.locator('tr[data-level="warn"]').first()).toContainText(/exit signal: sell \d+/);
  await expect(log.locator('tr[data-level="info"]').first()).toContainText(/\d{4}-\d{2}-\d{2}/);
  // Each closed trade was entered (info) and left (warn) with a line.
  expect(run.result.logs.filter((line: { level: string }) => line.level === 'warn').length).toBeGreaterThanOrEqual(trades);
  await expect(page.getByTestId('log-tab')).toHaveText(`Log (${run.result.logs.length})`);
  await testInfo.attach('report-log', { body: await report.screenshot(), contentType: 'image/png' });

  // The Execution tab: an "All" row and one per order type, with analytics.backtestExecution's figures.
  const quality = await admin.call('analytics.backtestExecution', { id: runId }, 'GET');
  expect(quality.status, JSON.stringify(quality.error)).toBe(200);
  const types = Object.keys(quality.data.byType);
  expect(quality.data.orders).toBeGreaterThan(0);
  expect(types.length).toBeGreaterThan(0);
  await page.getByTestId('execution-tab').click();
  const execution = page.getByTestId('backtest-execution');
  await expect(execution.locator('tbody tr.ant-table-row')).toHaveCount(1 + types.length);
  const rowsExpected: Array<[string, string, { [field: string]: any }]> = [
    ['all', 'All', quality.data],
    ...types.map((type): [string, string, { [field: string]: any }] => [type, type, quality.data.byType[type]]),
  ];
  for (const [key, label, figures] of rowsExpected) {
    await expect(execution.locator(`tr[data-row="${key}"] td`)).toHaveText([
      label,
      String(figures.orders),
      ratioText(figures.fillRatio),
      bpsText(figures.shortfallVsDecisionBps),
      bpsText(figures.shortfallVsArrivalBps),
      bpsText(figures.slippageBps),
      figures.implementationShortfall.toFixed(2),
      figures.commissions.toFixed(2),
    ]);
  }
  // Hover a heading: what the figure is measured against, and which sign is a cost.
  await execution.locator('thead').getByText('vs decision', { exact: true }).first().hover();
  await expect(page.getByRole('tooltip')).toContainText('close of the bar the strategy submitted on');
  await expect(page.getByRole('tooltip')).toContainText('Positive = the fill cost the account');
  await execution.locator('thead').getByText('vs arrival', { exact: true }).first().hover();
  await expect(page.getByRole('tooltip').filter({ hasText: 'arrival price' })).toContainText('open of the next bar');
  await testInfo.attach('execution-1440', { body: await page.screenshot(), contentType: 'image/png' });

  // A second run with other params is Run #2; both are named by number and params in the list.
  await page.locator('input[data-testid="param-fast"], [data-testid="param-fast"] input').fill('10');
  await page.getByTestId('run-backtest').click();
  await expect(page.getByTestId('report-title')).toHaveText('Run #2', { timeout: 30_000 });
  await expect(page.getByTestId('report-status')).toContainText('done', { timeout: 90_000 });
  await expect.poll(() => inViewport(page, report)).toBe(true);

  await page.getByRole('tab', { name: 'Past runs' }).click();
  const runs = page.getByTestId('backtest-runs');
  await expect(runs.locator('tbody tr.ant-table-row')).toHaveCount(2);
  await expect(runs.locator('tbody tr.ant-table-row').first()).toContainText('Run #2');
  await expect(runs.locator('tbody tr.ant-table-row').first()).toContainText('fast=10, slow=20');
  // Clicked where a user clicks: the box of each row's checkbox.
  for (const checkbox of await runs.locator('tbody .ant-checkbox').all()) await checkbox.click();
  await expect(page.getByTestId('compare-runs')).toHaveText('Compare selected (2)');
  await page.getByTestId('compare-runs').click();
  const chart = page.getByTestId('compare-chart');
  await expect(chart).toHaveAttribute('data-state', 'drawn', { timeout: 30_000 });
  await expect(chart).toHaveAttribute('data-series', '3');
  await expect(page.getByTestId('compare-chart-legend')).toHaveText([
    'Run #2 (fast=10, slow=20)',
    'Run #1 (fast=5, slow=20)',
    'Buy & hold',
  ]);
  await page.getByTestId('run-comparison').scrollIntoViewIfNeeded();
  await testInfo.attach('compare-1440', {
    body: await page.getByTestId('run-comparison').screenshot(),
    contentType: 'image/png',
  });

  // A run's report opens from its link too, and lands on it.
  await page.getByTestId(`open-run-${runId}`).click();
  await expect(page).toHaveURL(new RegExp(`/runs/${runId}$`));
  await expect(page.getByTestId('report-title')).toHaveText('Run #1');
  await expect.poll(() => inViewport(page, report)).toBe(true);
  await expect(report).toBeFocused();

  // On a phone the report is on screen after Run as well.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(page.getByTestId('report-title')).toHaveText('Run #1');
  await expect(page.getByTestId('price-chart')).toHaveAttribute('data-state', 'drawn', { timeout: 30_000 });
  await expect.poll(() => inViewport(page, report)).toBe(true);
  await testInfo.attach('report-390', { body: await page.screenshot(), contentType: 'image/png' });
  // The execution table scrolls inside its card; the page stays 390 px wide.
  await page.getByTestId('execution-tab').click();
  await expect(page.getByTestId('backtest-execution').locator('tr[data-row="all"]')).toContainText('All');
  await page.getByTestId('backtest-execution').scrollIntoViewIfNeeded();
  await expectFitsWidth(page, 'backtest report, execution tab at 390 px');
  await testInfo.attach('execution-390', { body: await page.screenshot(), contentType: 'image/png' });

  // A run with no orders says so instead of a table of dashes (on another strategy: the page opens a
  // second editor, which must not raise page errors either).
  await expect
    .poll(async () => (await admin.call('backtests.get', { id: idleRun.data.id })).data.status, { timeout: 60_000 })
    .toBe('done');
  expect((await admin.call('analytics.backtestExecution', { id: idleRun.data.id }, 'GET')).data.orders).toBe(0);
  await page.goto(`/#/strategies/${idleStrategy.data.id}/runs/${idleRun.data.id}`);
  await expect(page.getByTestId('report-status')).toContainText('done', { timeout: 30_000 });
  await page.getByTestId('execution-tab').click();
  await expect(page.getByTestId('backtest-execution-empty')).toContainText('This run placed no orders');
  await expect(page.getByTestId('backtest-execution').locator('table')).toHaveCount(0);
  await expectFitsWidth(page, 'backtest report, empty execution tab at 390 px');
  await testInfo.attach('execution-empty-390', { body: await page.screenshot(), contentType: 'image/png' });
  expect(pageErrors).toEqual([]);
});
