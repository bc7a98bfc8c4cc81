import { expect, type Locator, type Page, test } from '@playwright/test';
import { ADMIN_PASSWORD, apiAs, choose, loginUi } from './support.ts';

/** The <input> of an antd InputNumber or Input carrying this test id (antd puts the id on the input or its wrapper). */
const field = (page: Page | Locator, testId: string) =>
  page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();

/** Picks an instrument in an InstrumentSelect by typing its symbol: the list is virtual, so it may not be rendered. */
async function pickInstrument(page: Page, testId: string, symbol: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.keyboard.type(symbol);
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: new RegExp(`^${symbol}$`) })
    .first()
    .click();
}

/** Chooses a limit kind: its options show the kind's explanation under its label. */
async function chooseLimitKind(page: Page, index: number, label: string): Promise<void> {
  await page.getByTestId(`limit-kind-${index}`).click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: new RegExp(`^${label}`) })
    .first()
    .click();
}

/** The number an antd Statistic shows (its title aside), e.g. 3,019.42 → 3019.42. */
async function statisticValue(statistic: Locator): Promise<number> {
  const text = (await statistic.locator('.ant-statistic-content').textContent()) ?? '';
  return Number(text.replace(/[^0-9.-]/g, ''));
}

test('a portfolio with limits: VaR by three methods, backtest verdict, stress test and its risk dashboard', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));

  await loginUi(page, 'admin', ADMIN_PASSWORD);
  await page.getByTestId('nav-portfolios').click();
  await expect(page).toHaveURL(/#\/portfolios$/);
  await page.getByTestId('create-portfolio-button').click();
  await expect(page).toHaveURL(/#\/portfolios\/new$/);

  // Four positions of SIM instruments; the first row is there already.
  await page.getByTestId('portfolio-name').fill('E2E risk book');
  const positions: [string, string][] = [
    ['SIM:AAPL', '100'],
    ['SIM:MSFT', '80'],
    ['SIM:SPY', '50'],
    ['SIM:EURUSD', '100000'],
  ];
  for (const [row, [symbol, quantity]] of positions.entries()) {
    if (row > 0) await page.getByTestId('add-position').click();
    await pickInstrument(page, `position-symbol-${row}`, symbol);
    await field(page, `position-quantity-${row}`).fill(quantity);
  }

  // A gross exposure limit whose warning level (100,000) is below the book's exposure (about 190,000).
  await page.getByTestId('add-limit').click();
  await chooseLimitKind(page, 0, 'Max gross exposure');
  await field(page, 'limit-hard-0').fill('50000');
  await field(page, 'limit-warn-0').fill('100000');
  // Checked as typed: warn above hard is named under the hard field before anything is saved.
  await expect(page.getByTestId('limit-error-hard-0')).toContainText('must be > warn');
  await field(page, 'limit-hard-0').fill('1000000');
  await expect(page.getByTestId('limit-error-hard-0')).toHaveCount(0);

  await page.getByTestId('save-portfolio').click();
  await expect(page).toHaveURL(/#\/portfolios\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('portfolio-version')).toHaveText('v1');
  await expect(page.getByTestId('portfolio-title')).toHaveText('E2E risk book');

  // Risk summary: VaR and ES by the three methods side by side.
  const summary = page.getByTestId('risk-summary');
  for (const method of ['parametric', 'historical', 'montecarlo']) {
    await expect(summary.getByTestId(`var-value-${method}`), method).toBeVisible({ timeout: 60_000 });
    expect(await statisticValue(summary.getByTestId(`var-value-${method}`))).toBeGreaterThan(0);
  }
  await expect(summary.getByTestId('montecarlo-backend')).toContainText('Computed on');
  const at99 = await statisticValue(summary.getByTestId('var-value-parametric'));

  // The backtest verdict is a coloured traffic-light tag.
  await expect(summary.getByTestId('traffic-light-historical')).toHaveAttribute('data-light', /^(green|yellow|red)$/, {
    timeout: 60_000,
  });

  // At 95 % the parametric VaR is smaller: z drops from 2.33 to 1.64.
  await choose(page, 'risk-confidence', '95 %');
  await expect(summary.getByTestId('var-value-parametric')).toContainText('95.0 %');
  await expect.poll(() => statisticValue(summary.getByTestId('var-value-parametric'))).toBeLessThan(at99 * 0.8);

  // Stress test: equities −20 % loses money on a long equity book.
  await page.getByTestId('run-stress').click();
  const total = page.getByTestId('stress-total');
  await expect(total).toBeVisible({ timeout: 60_000 });
  expect(Number(await total.getAttribute('data-value'))).toBeLessThan(0);
  await expect(page.getByTestId('stress-positions')).toContainText('SIM:AAPL');

  // Pre-trade check: an order that would take gross exposure past its hard limit is denied, with the reason.
  await field(page, 'order-quantity').fill('10000');
  await pickInstrument(page, 'order-symbol', 'SIM:AAPL');
  await page.getByTestId('run-order-check').click();
  const verdict = page.getByTestId('order-check-result');
  await expect(verdict).toHaveAttribute('data-accepted', 'false', { timeout: 30_000 });
  await expect(verdict).toContainText(/Max gross exposure: resulting gross exposure [\d,.]+ exceeds hard limit 1,000,000/);
  await expect(verdict).not.toContainText('maxGrossExposure');
  await page.screenshot({ path: testInfo.outputPath('portfolio.png'), fullPage: true });

  // The risk dashboard of this portfolio: every panel drawn.
  await page.getByTestId('create-risk-dashboard').click();
  await expect(page).toHaveURL(/#\/d\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('variable-portfolio')).toContainText('E2E risk book');
  for (const panel of ['var', 'correlation', 'contribution', 'limits', 'stress', 'backtest']) {
    await expect(page.getByTestId(`panel-${panel}`), panel).toHaveAttribute('data-state', 'drawn', { timeout: 60_000 });
  }

  // The VaR tile switches method without a new query.
  const tile = page.getByTestId('panel-var');
  const parametric = tile.locator('button[data-method="parametric"]');
  await parametric.click();
  await expect(parametric).toHaveAttribute('aria-pressed', 'true');
  await expect(tile.locator('[data-measure="VaR"]')).toContainText(/\d/);
  await tile.locator('button[data-method="montecarlo"]').click();
  await expect(tile.locator('button[data-method="montecarlo"]')).toHaveAttribute('aria-pressed', 'true');

  // The correlation heatmap has a cell per pair of the four instruments; the limit bar is at its warning.
  await expect(page.getByTestId('panel-correlation').locator('td[aria-label]')).toHaveCount(16);
  const bars = page.getByTestId('panel-limits').locator('li[data-status]');
  await expect(bars).toHaveCount(1);
  await expect(bars.first()).toHaveAttribute('data-status', 'warn');
  await page.screenshot({ path: testInfo.outputPath('risk-dashboard.png'), fullPage: true });
  expect(pageErrors).toEqual([]);
});

test('a backtest with a maxPosition limit lists the denied orders under Risk events', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));

  // The template strategy buys all in: about 290 shares of SIM:AAPL with 100,000 of cash.
  await loginUi(page, 'admin', ADMIN_PASSWORD);
  await page.getByTestId('nav-strategies').click();
  await page.getByTestId('new-strategy').click();
  // The dialog suggests a free name and starts from the SMA crossover example.
  await page.getByTestId('create-strategy').click();
  await expect(page).toHaveURL(/#\/strategies\/[0-9a-f-]{36}$/);
  const editor = page.getByTestId('strategy-editor');
  await expect(editor.locator('.view-lines')).toContainText('defineStrategy', { timeout: 30_000 });
  // Tag the source in Monaco, as a user tuning it would: the run saves it as version 2.
  await editor.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.type('// capped at 100 shares by a maxPosition limit\n');
  await choose(page, 'lab-symbol', 'SIM:AAPL');
  await choose(page, 'lab-timeframe', '1d');
  await choose(page, 'lab-range', '1y');

  // Limits: at most 100 units of any instrument.
  const limits = page.getByTestId('lab-limits');
  await page.getByTestId('lab-limits-enabled').click();
  await limits.getByTestId('add-limit').click();
  await expect(limits.getByTestId('limit-kind-0')).toContainText('Max position');
  await field(limits, 'limit-hard-0').fill('100');

  await page.getByTestId('run-backtest').click();
  // A refused run says why in a message: fail with the server's words rather than a timeout.
  const refused = page.locator('.ant-message-notice').filter({ hasText: 'did not start' });
  await expect(page.getByTestId('backtest-report').or(refused).first()).toBeVisible({ timeout: 30_000 });
  if ((await refused.count()) > 0) throw new Error(`The backtest was refused: ${await refused.first().textContent()}`);
  await expect(page.getByTestId('backtest-metrics')).toBeVisible({ timeout: 90_000 });

  // Risk events: a count in the tab title and a denial whose reason names the limit in words (Max position).
  await expect(page.getByTestId('risk-events-count')).not.toHaveText('0');
  await page.getByTestId('risk-events-tab').click();
  const denial = page.getByTestId('risk-events-table').locator('tr[data-type="denial"]').first();
  await expect(denial).toBeVisible();
  await expect(denial).toContainText('Max position');
  await expect(denial).toContainText('SIM:AAPL');
  await page.screenshot({ path: testInfo.outputPath('risk-events.png'), fullPage: true });

  // The limits are remembered for this strategy: a reload does not ask for them again.
  await page.reload();
  await expect(page.getByTestId('lab-limits-enabled')).toHaveAttribute('aria-checked', 'true');
  await expect(field(page.getByTestId('lab-limits'), 'limit-hard-0')).toHaveValue('100');

  // The run's findings reach the alerts bell, grouped per run and limit; "Mark all read" clears the count.
  await expect(page.getByTestId('alerts-badge').locator('.ant-badge-count')).toBeVisible({ timeout: 20_000 });
  await page.getByTestId('alerts-bell').click();
  const drawer = page.getByTestId('alerts-drawer');
  // Wait for the drawer to finish sliding in, so that the screenshot shows it whole.
  await expect(page.locator('.ant-drawer-header')).toBeInViewport({ ratio: 1 });
  const alert = drawer.locator('[data-testid="alert-group"][data-limit="maxPosition"]').first();
  await expect(alert).toHaveAttribute('data-event', 'denial');
  await expect(alert).toContainText('Max position');
  await expect(alert).toContainText('Backtest');
  await page.screenshot({ path: testInfo.outputPath('alerts.png') });
  await drawer.getByTestId('alerts-mark-all-read').click();
  await expect(page.getByTestId('alerts-badge').locator('.ant-badge-count')).toHaveCount(0);

  // The alert's source opens the run it came from.
  await alert.getByRole('link', { name: /SMA crossover/ }).click();
  await expect(page).toHaveURL(/#\/strategies\/[0-9a-f-]{36}\/runs\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('risk-events-count')).not.toHaveText('0');
  expect(pageErrors).toEqual([]);
});

test('a portfolio saved by someone else meanwhile: the edits stay and can be saved over theirs', async ({ page }) => {
  const admin = await apiAs('admin', ADMIN_PASSWORD);
  const fields = { name: 'E2E conflict book', capital: 100_000, positions: [{ symbol: 'SIM:AAPL', quantity: 10 }] };
  const created = await admin.call('portfolios.create', fields);
  expect(created.status, JSON.stringify(created.error)).toBe(200);
  const id: string = created.data.id;

  await loginUi(page, 'admin', ADMIN_PASSWORD);
  await page.goto(`/#/portfolios/${id}`);
  await expect(page.getByTestId('portfolio-version')).toHaveText('v1');
  await field(page, 'position-quantity-0').fill('25');

  // Someone else saves version 2 first.
  const theirs = await admin.call('portfolios.update', { ...fields, id, baseVersion: 1, description: 'theirs' });
  expect(theirs.status, JSON.stringify(theirs.error)).toBe(200);

  await page.getByTestId('save-portfolio').click();
  await expect(page.getByTestId('portfolio-conflict')).toContainText('version 2');
  await expect(field(page, 'position-quantity-0')).toHaveValue('25');
  await page.getByTestId('portfolio-conflict').getByRole('button', { name: 'Save mine over theirs' }).click();
  await expect(page.getByTestId('portfolio-version')).toHaveText('v3');
  await expect(page.getByTestId('portfolio-conflict')).toHaveCount(0);
  const stored = await admin.call('portfolios.get', { id });
  expect(stored.data.positions).toEqual([{ symbol: 'SIM:AAPL', quantity: 25 }]);
});
