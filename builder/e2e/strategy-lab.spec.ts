import { readFileSync } from 'node:fs';
import { expect, type Locator, test } from '@playwright/test';
import { ADMIN_PASSWORD, apiAs, choose, loginUi } from './support.ts';

/** Opaque pixels on the element's canvases that differ from the canvas's corner (background) colour. */
async function drawnPixels(panel: Locator): Promise<number> {
  return panel.locator('canvas').evaluateAll((canvases) => {
    let drawn = 0;
    for (const canvas of canvases as HTMLCanvasElement[]) {
      const context = canvas.getContext('2d');
      if (!context || canvas.width === 0 || canvas.height === 0) continue;
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      const [r0, g0, b0, a0] = [data[0], data[1], data[2], data[3]] as number[];
      for (let i = 0; i < data.length; i += 4) {
        if ((data[i + 3] as number) < 200) continue;
        const diff =
          Math.abs((data[i] as number) - (r0 as number)) +
          Math.abs((data[i + 1] as number) - (g0 as number)) +
          Math.abs((data[i + 2] as number) - (b0 as number)) +
          Math.abs((data[i + 3] as number) - (a0 as number));
        if (diff > 60) drawn++;
      }
    }
    return drawn;
  });
}

test('a new strategy from the template is edited in Monaco, backtested and charted', async ({ page }, testInfo) => {
  test.setTimeout(150_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));

  await loginUi(page, 'admin', ADMIN_PASSWORD);
  await page.getByTestId('nav-strategies').click();
  await expect(page).toHaveURL(/#\/strategies$/);
  // New strategy asks for a name and an example; the SMA crossover is the first example.
  await page.getByTestId('new-strategy').click();
  const name = `Lab template ${Date.now()}`;
  await page.getByTestId('new-strategy-name').fill(name);
  await page.getByTestId('create-strategy').click();
  await expect(page).toHaveURL(/#\/strategies\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('strategy-name')).toHaveText(name);
  await expect(page.getByTestId('strategy-version')).toHaveText('v1');

  // The editor loads lazily; its text is the template.
  const editor = page.getByTestId('strategy-editor');
  await expect(editor.locator('.view-lines')).toContainText('defineStrategy', { timeout: 30_000 });

  // Line 18 is the first line of onBar's body: open a new line under it and ask for ctx's members.
  await editor.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+Home');
  for (let line = 1; line < 18; line++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('ctx.');
  const suggest = page.locator('.suggest-widget');
  await expect(suggest).toBeVisible({ timeout: 30_000 });
  await expect(suggest.locator('.monaco-list-row').filter({ hasText: /^buy/ }).first()).toBeVisible();
  await page.keyboard.press('Escape');
  for (let i = 0; i < 4; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type('// tuned in the Strategy Lab');
  await expect(page.getByTestId('unsaved-changes')).toBeVisible();

  // A param from the generated form, and the market: SIM:AAPL, daily bars over three years.
  await page.locator('input[data-testid="param-fast"], [data-testid="param-fast"] input').fill('5');
  await choose(page, 'lab-symbol', 'SIM:AAPL');
  await choose(page, 'lab-timeframe', '1d');
  await choose(page, 'lab-range', '3y');

  // Running saves the edited source as version 2 first.
  await page.getByTestId('run-backtest').click();
  await expect(page.getByTestId('strategy-version')).toHaveText('v2');
  await expect(page.getByTestId('unsaved-changes')).toHaveCount(0);
  await expect(page.getByTestId('backtest-report')).toBeVisible();
  const metrics = page.getByTestId('backtest-metrics');
  await expect(metrics).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('report-status')).toContainText('done');
  await expect(metrics.locator('[data-metric="tradeCount"]')).toHaveCount(1);
  await expect(metrics.locator('[data-metric="totalReturn"]')).toContainText('%');

  const equity = page.getByTestId('equity-chart');
  await expect(equity).toHaveAttribute('data-state', 'drawn');
  await expect.poll(() => drawnPixels(equity)).toBeGreaterThan(200);
  await expect(page.getByTestId('drawdown-chart')).toHaveAttribute('data-state', 'drawn');
  // The report opens on the tear sheet; the trades are the next tab.
  await page.getByTestId('trades-tab').click();
  await expect(page.getByTestId('backtest-trades')).toBeVisible();

  await page.screenshot({ path: testInfo.outputPath('strategy-lab.png'), fullPage: true });
  expect(pageErrors).toEqual([]);
});

test('a compile error is marked in the editor; versions, run comparison and a paper deployment', async ({ page }, testInfo) => {
  test.setTimeout(150_000);
  const admin = await apiAs('admin', ADMIN_PASSWORD);
  const created = await admin.call('strategies.create', { source: STRATEGY_SOURCE, name: 'Lab e2e' });
  expect(created.status, JSON.stringify(created.error)).toBe(200);
  const id: string = created.data.id;

  await loginUi(page, 'admin', ADMIN_PASSWORD);
  await page.goto(`/#/strategies/${id}`);
  const editor = page.getByTestId('strategy-editor');
  await expect(editor.locator('.view-lines')).toContainText('defineStrategy', { timeout: 30_000 });

  // Break line 18 and save with Ctrl/Cmd+S: the server's diagnostics become a list and editor markers.
  // On a busy server CI once saw only the first typed character land (the rest went while the editor
  // had lost focus); type again until the text is on screen: any extra copy on line 18 is still broken.
  await expect(async () => {
    await editor.locator('.view-lines').click();
    await page.keyboard.press('ControlOrMeta+Home');
    for (let line = 1; line < 18; line++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    await page.keyboard.type(' const broken = ;');
    await expect(editor.locator('.view-lines')).toContainText('const broken = ;', { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await page.keyboard.press('Escape');
  await page.keyboard.press('ControlOrMeta+s');
  // The save waits for the server's type check (its worker may still be starting on a loaded machine).
  await expect(page.getByTestId('compile-errors')).toContainText('Line 18', { timeout: 30_000 });
  await expect(editor.locator('.squiggly-error').first()).toBeAttached();
  await expect(page.getByTestId('strategy-version')).toHaveText('v1');

  // Undo the change and save a valid edit instead: version 2.
  for (let i = 0; i < ' const broken = ;'.length; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type(' // checked');
  await page.getByTestId('save-strategy').click();
  await expect(page.getByTestId('strategy-version')).toHaveText('v2');
  await expect(page.getByTestId('compile-errors')).toHaveCount(0);

  // Two runs with different params, compared side by side.
  const slow = page.locator('input[data-testid="param-slow"], [data-testid="param-slow"] input');
  for (const value of ['20', '40']) {
    await slow.fill(value);
    await page.getByTestId('run-backtest').click();
    await expect(page.getByTestId('backtest-metrics')).toBeVisible({ timeout: 90_000 });
    await expect(page.getByTestId('backtest-metrics')).toContainText('Trades');
  }
  await page.getByRole('tab', { name: 'Past runs' }).click();
  const runs = page.getByTestId('backtest-runs');
  await expect(runs.locator('tbody tr.ant-table-row')).toHaveCount(2);
  for (const checkbox of await runs.locator('tbody .ant-checkbox-input').all()) await checkbox.check();
  await page.getByTestId('compare-runs').click();
  const compare = page.getByTestId('compare-table');
  await expect(compare).toContainText('slow=20');
  await expect(compare).toContainText('slow=40');
  await expect(compare.locator('tr', { hasText: 'Sharpe' })).toHaveCount(1);

  // The diff of version 2.
  await page.getByRole('tab', { name: 'Versions' }).click();
  await page.getByTestId('version-2').click();
  await expect(page.getByTestId('version-diff')).toContainText('+');
  await expect(page.getByTestId('version-diff')).toContainText('// checked');

  // Deploy to paper trading on an accelerated replay, watch the account, stop it.
  await page.getByTestId('deploy-button').click();
  await expect(page.getByRole('tab', { name: 'Deployments' })).toHaveAttribute('aria-selected', 'true', { timeout: 60_000 });
  const table = page.getByTestId('deployments-table');
  const row = table.locator('tbody tr.ant-table-row').first();
  await expect(row).toContainText('running', { timeout: 30_000 });
  await expect(row.locator('[data-testid^="deployment-equity-"]')).not.toHaveText('—');
  // The open deployment follows its events on the tab's live connection (its lossless deployment
  // channel) rather than polling; the server-sent event stream is only the fallback without one.
  await row.locator('.ant-table-row-expand-icon').click();
  const stopId = await row.locator('[data-testid^="stop-deployment-"]').getAttribute('data-testid');
  const deploymentId = stopId?.replace('stop-deployment-', '') ?? '';
  await expect
    .poll(
      () =>
        page.evaluate(
          (id) =>
            (
              window as unknown as {
                __nautilusLive?: { subscription(channel: unknown): { status: string } | undefined };
              }
            ).__nautilusLive?.subscription({ kind: 'deployment', deploymentId: id }),
          deploymentId,
        ),
      { timeout: 30_000 },
    )
    .toMatchObject({ status: 'live' });
  const liveChart = table.locator('[data-testid^="deployment-equity-chart-"]');
  await expect(liveChart).toHaveAttribute('data-state', 'drawn', { timeout: 30_000 });
  // Its execution quality (analytics.deploymentExecution): the overall row first, then one per order type.
  const execution = table.locator('[data-testid^="deployment-execution-"]');
  await expect(execution.locator('tbody tr.ant-table-row').first()).toContainText('All', { timeout: 30_000 });
  await page.screenshot({ path: testInfo.outputPath('strategy-lab-deployed.png'), fullPage: true });
  // On a phone the execution table stays at the screen's width and scrolls sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await execution.scrollIntoViewIfNeeded();
  expect((await execution.boundingBox())?.width).toBeLessThanOrEqual(390);
  await page.screenshot({ path: testInfo.outputPath('strategy-lab-execution-390.png') });
  await page.setViewportSize({ width: 1440, height: 900 });
  await row.locator('[data-testid^="stop-deployment-"]').click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: 'Stop' }).click();
  await expect(row).toContainText('stopped', { timeout: 30_000 });
  await expect(row.locator('[data-testid^="rollback-deployment-"]')).toBeVisible();
});

// The runtime's SMA crossover example, as the API would get it from a file.
const STRATEGY_SOURCE = readFileSync(new URL('../../runtime/examples/sma-crossover.ts', import.meta.url), 'utf8');
