import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectFitsWidth } from './fits-width.ts';
import { ADMIN_PASSWORD, apiAs, loginUi } from './support.ts';

const SMA = readFileSync(new URL('../../runtime/examples/sma-crossover.ts', import.meta.url), 'utf8');

test('a 100-point sweep fills its heatmap, shows PBO and deflated Sharpe, and a picked point becomes a new version', async ({
  page,
}, testInfo) => {
  test.setTimeout(150_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const api = await apiAs('admin', ADMIN_PASSWORD);
  const created = await api.call('strategies.create', { source: SMA, name: `Sweep lab ${Date.now()}` });
  expect(created.status, JSON.stringify(created.error)).toBe(200);
  const strategyId: string = created.data.id;

  await page.setViewportSize({ width: 1440, height: 900 });
  await loginUi(page, 'admin', ADMIN_PASSWORD);
  await page.goto(`/#/strategies/${strategyId}`);
  await page.getByRole('tab', { name: 'Sweeps' }).click();
  const form = page.getByTestId('sweep-form');
  // Drafted from the declarations: fast 1-20 step 2 and slow 2-60 step 6, 10 × 10 points.
  await expect(form).toContainText('100 backtests');
  await page.getByTestId('sweep-run').click();
  await expect(page.getByTestId('sweep-progress')).toBeVisible();
  await expect(page.getByTestId('sweep-status')).toHaveText('done', { timeout: 120_000 });
  await expect(page.getByTestId('sweep-progress')).toContainText('100 / 100');
  await expect(page.getByTestId('sweep-cell')).toHaveCount(100);
  const statistics = page.getByTestId('sweep-statistics');
  await expect(statistics).toContainText('PBO');
  await expect(statistics).toContainText(/Deflated Sharpe\s*\d+(\.\d)? %/);
  await expect(page.getByTestId('sweep-chosen')).toContainText('Best point');
  await page.getByTestId('sweeps-panel').evaluate((element) => element.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: testInfo.outputPath('sweeps-1440.png') });
  await testInfo.attach('sweeps-1440', { path: testInfo.outputPath('sweeps-1440.png'), contentType: 'image/png' });

  // Pick the top-left cell (smallest slow and fast) and save it as version 2.
  await page.getByTestId('sweep-cell').first().click();
  const chosen = page.getByTestId('sweep-chosen');
  await expect(chosen).toContainText('Picked point: fast=1, slow=2');
  await page.getByTestId('sweep-save-version').click();
  await expect(page.getByText('Saved version 2 with fast=1, slow=2')).toBeVisible();
  const saved = await api.call('strategies.get', { id: strategyId, version: 2 });
  expect(saved.data.params.fast.default).toBe(1);
  expect(saved.data.params.slow.default).toBe(2);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByTestId('sweep-heatmap').scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('sweeps-390.png'), fullPage: false });
  await testInfo.attach('sweeps-390', { path: testInfo.outputPath('sweeps-390.png'), contentType: 'image/png' });
  // The heatmap scrolls inside its card on a phone instead of widening the page.
  await expectFitsWidth(page, 'Sweeps tab at 390 px');
  expect(pageErrors).toEqual([]);
});
