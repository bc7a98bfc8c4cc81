import { expect, test } from '@playwright/test';
import { ADMIN_PASSWORD, apiAs, choose, loginUi } from './support.ts';

/** Bar 0: buys 1.5 × its cash worth at the close (more than a cash account holds); bar 1: buys one unit. */
const OVERSPENDER = `
export default defineStrategy({
  name: 'Overspender',
  onBar(ctx) {
    if (ctx.barIndex === 0) ctx.buy(Math.floor((ctx.cash * 1.5) / ctx.bar.close));
    if (ctx.barIndex === 1) ctx.buy(1);
  },
});
`;

test('the orders of a backtest show what the cash account rejected and why; a margin account takes them', async ({
  page,
}, testInfo) => {
  test.setTimeout(150_000);
  const admin = await apiAs('admin', ADMIN_PASSWORD);
  const created = await admin.call('strategies.create', { source: OVERSPENDER, name: 'Overspender e2e' });
  expect(created.status, JSON.stringify(created.error)).toBe(200);

  await loginUi(page, 'admin', ADMIN_PASSWORD);
  await page.goto(`/#/strategies/${created.data.id}`);
  await choose(page, 'lab-symbol', 'SIM:AAPL');
  await choose(page, 'lab-timeframe', '1d');
  await choose(page, 'lab-range', '1y');

  // The default cash account refuses the first order.
  await page.getByTestId('run-backtest').click();
  await expect(page.getByTestId('backtest-metrics')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('orders-tab')).toContainText('Orders (2)');
  await expect(page.getByTestId('rejected-count')).toHaveText('· 1 rejected');
  await page.getByTestId('orders-tab').click();
  const orders = page.getByTestId('backtest-orders');
  const rejected = orders.locator('tr[data-status="rejected"]');
  await expect(rejected).toHaveCount(1);
  await expect(rejected).toContainText('rejected');
  await expect(rejected).toContainText(
    /insufficient cash at submission: the order needs [\d.]+ \(\d+ × [\d.]+ \+ commission 0\.00\) but 100000\.00 is available/,
  );
  await expect(orders.locator('tr[data-status="filled"]')).toHaveCount(1);
  await page.screenshot({ path: testInfo.outputPath('strategy-lab-orders.png'), fullPage: true });

  // A margin account with leverage 2 (the default when switched on) takes both.
  await choose(page, 'lab-account', 'Margin');
  await expect(page.locator('input[data-testid="lab-leverage"], [data-testid="lab-leverage"] input')).toHaveValue('2');
  await page.getByTestId('run-backtest').click();
  await expect(page.getByTestId('orders-tab')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('rejected-count')).toHaveCount(0, { timeout: 90_000 });
  await page.getByTestId('orders-tab').click();
  await expect(page.getByTestId('backtest-orders').locator('tr[data-status="filled"]')).toHaveCount(2);
  const runs = await admin.call('backtests.list', { strategyId: created.data.id });
  const latest = await admin.call('backtests.get', { id: runs.data[0].id });
  expect(latest.data.config.account).toEqual({ type: 'margin', leverage: 2 });
});
