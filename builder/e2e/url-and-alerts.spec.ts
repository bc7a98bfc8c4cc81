import { expect, type Locator, type Page, test } from '@playwright/test';
import {
  ADMIN_PASSWORD,
  apiAs,
  choose,
  dashboardDocument,
  loginUi,
  panelDocument,
  pickOption,
  runOrderCheck,
} from './support.ts';

const symbolVariable = [{ name: 'symbol', type: 'instrument', default: 'SIM:AAPL' }];
const note = (id: string) =>
  panelDocument(id, 'nautilus.widgets-core/text', { x: 0, y: 0, w: 8, h: 4 }, { options: { markdown: `Desk ${id}` } });

test('the time range and variables live in the URL: a reload and a link keep the view, invalid values are named', async ({
  page,
}, testInfo) => {
  const admin = await apiAs('admin', ADMIN_PASSWORD);
  const first = await admin.createDashboard(dashboardDocument('URL desk', [note('one')], symbolVariable));
  const second = await admin.createDashboard(dashboardDocument('Other desk', [note('two')], symbolVariable));
  await loginUi(page, 'admin', ADMIN_PASSWORD);
  await page.goto(`/#/d/${first}`);
  await expect(page.getByTestId('panel-one')).toBeVisible();
  // At its defaults the address stays plain.
  await expect(page).toHaveURL(new RegExp(`#/d/${first}$`));
  const entries = await page.evaluate(() => history.length);

  await choose(page, 'time-range', 'Last 7 days');
  await choose(page, 'variable-symbol', 'SIM:MSFT');
  await expect(page).toHaveURL(new RegExp(`#/d/${first}\\?from=now-7d&to=now&var-symbol=SIM%3AMSFT$`));
  // Replaced, not pushed: changing the view adds no history entries.
  expect(await page.evaluate(() => history.length)).toBe(entries);

  await page.reload();
  await expect(page.getByTestId('time-range')).toContainText('Last 7 days');
  await expect(page.getByTestId('variable-symbol')).toContainText('SIM:MSFT');
  await testInfo.attach('view-after-reload', { body: await page.screenshot(), contentType: 'image/png' });

  // Edit mode keeps the view in the address; back in view mode too.
  await page.getByTestId('mode-toggle').click();
  await expect(page).toHaveURL(new RegExp(`#/d/${first}/edit\\?from=now-7d&to=now&var-symbol=SIM%3AMSFT$`));
  await page.getByTestId('mode-toggle').click();
  await expect(page).toHaveURL(new RegExp(`#/d/${first}\\?from=now-7d&to=now&var-symbol=SIM%3AMSFT$`));

  // Back and forward between dashboards: each comes back with its own view.
  await page.goto(`/#/d/${second}`);
  await expect(page.getByTestId('panel-two')).toBeVisible();
  await expect(page.getByTestId('time-range')).toContainText('Last 90 days');
  await page.goBack();
  await expect(page.getByTestId('panel-one')).toBeVisible();
  await expect(page.getByTestId('time-range')).toContainText('Last 7 days');
  await expect(page.getByTestId('variable-symbol')).toContainText('SIM:MSFT');
  await page.goForward();
  await expect(page.getByTestId('panel-two')).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`#/d/${second}$`));

  // A link with a bad range and an unknown variable: a notice names each, the valid value applies.
  const link = await page.context().newPage();
  await link.goto(`/#/d/${first}?from=bogus&to=now&var-symbol=SIM:BTCUSD&var-nope=1`);
  const notice = link.getByTestId('url-view-notice');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('from=bogus: expected now, now-<n>');
  await expect(notice).toContainText("showing the dashboard's range (Last 90 days)");
  await expect(notice).toContainText('var-nope=1: expected a variable of this dashboard (symbol)');
  await expect(link.getByTestId('time-range')).toContainText('Last 90 days');
  await expect(link.getByTestId('variable-symbol')).toContainText('SIM:BTCUSD');
  await testInfo.attach('invalid-link-notice', { body: await link.screenshot(), contentType: 'image/png' });
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toBeHidden();
  // What shows is what the address now says.
  await expect(link).toHaveURL(new RegExp(`#/d/${first}\\?var-symbol=SIM%3ABTCUSD$`));
});

const book = (name: string) => ({
  name,
  capital: 100_000,
  dataSource: 'nautilus.sim-market/bars',
  positions: [{ symbol: 'SIM:AAPL', quantity: 10 }],
  limits: {
    onHardBreach: 'deny',
    limits: [
      { kind: 'maxOrderQuantity', hard: 100 },
      { kind: 'maxPosition', hard: 50 },
    ],
  },
});

async function openAlerts(page: Page): Promise<Locator> {
  await page.getByTestId('alerts-bell').click();
  const drawer = page.getByTestId('alerts-drawer');
  await expect(page.locator('.ant-drawer-header')).toBeInViewport({ ratio: 1 });
  return drawer;
}

/** Picks an option of an antd Select inside the drawer by its label. */
async function pick(page: Page, select: Locator, label: string): Promise<void> {
  await pickOption(page, select, label, label);
}

test('alerts are grouped per source and limit with counts, filter, mark read; a what-if check raises none', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const admin = await apiAs('admin', ADMIN_PASSWORD);
  const created = await admin.call('portfolios.create', book('E2E alerts book'));
  expect(created.status, JSON.stringify(created.error)).toBe(200);
  const portfolioId: string = created.data.id;
  // Alerts other tests left are read first, so the badge counts this test's alone.
  const cleared = await admin.call('risk.markAllAlertsRead', { upTo: new Date().toISOString() });
  expect(cleared.status, JSON.stringify(cleared.error)).toBe(200);
  // Real pre-trade checks: 1,000 breaks both limits (twice), 60 only the position one.
  const order = (quantity: number) =>
    admin.call('risk.checkOrder', { portfolioId, order: { symbol: 'SIM:AAPL', side: 'buy', quantity } });
  for (const quantity of [1_000, 1_000, 60]) {
    const result = await order(quantity);
    expect(result.status, JSON.stringify(result.error)).toBe(200);
    expect(result.data.accepted).toBe(false);
  }
  const groupsOf = async () =>
    (await admin.call('risk.alertGroups', { sourceId: portfolioId }, 'GET')).data as {
      groups: { limit: string; count: number; unread: number }[];
      unread: number;
    };

  await loginUi(page, 'admin', ADMIN_PASSWORD);
  await expect(page.getByTestId('alerts-badge').locator('.ant-badge-count')).toHaveText('5', { timeout: 20_000 });
  const drawer = await openAlerts(page);
  await pick(page, drawer.getByTestId('alert-filter-source'), 'E2E alerts book');
  const groups = drawer.getByTestId('alert-group');
  await expect(groups).toHaveCount(2);
  const position = drawer.locator('[data-testid="alert-group"][data-limit="maxPosition"]').filter({ hasText: 'E2E alerts book' });
  await expect(position).toHaveAttribute('data-count', '3');
  await expect(position).toHaveAttribute('data-unread', '3');
  await expect(position).toContainText('Max position');
  await expect(position).toContainText('3 alerts · 3 unread');
  await expect(drawer.locator('[data-testid="alert-group"][data-limit="maxOrderQuantity"]')).toHaveAttribute('data-count', '2');
  await testInfo.attach('alerts-grouped', { body: await page.screenshot(), contentType: 'image/png' });

  // Filter by limit, mark that group read; "unread only" then hides it.
  await pick(page, drawer.getByTestId('alert-filter-limit'), 'Max position');
  await expect(groups).toHaveCount(1);
  await position.getByTestId('alert-group-mark-read').click();
  await expect(position).toHaveAttribute('data-unread', '0');
  await expect(page.getByTestId('alerts-badge').locator('.ant-badge-count')).toHaveText('2');
  await drawer.getByTestId('alert-filter-unread').click();
  await expect(groups).toHaveCount(0);
  await expect(drawer).toContainText('No alerts match these filters.');

  // Everything read, kept on the server: a reload still shows none unread.
  // (Other tests' alerts show too once the filters are cleared.)
  await drawer.getByTestId('alert-filter-clear').click();
  await expect(drawer.getByRole('checkbox', { name: 'Unread only' })).not.toBeChecked();
  await expect(position).toHaveAttribute('data-unread', '0');
  await drawer.getByTestId('alerts-mark-all-read').click();
  await expect(page.getByTestId('alerts-badge').locator('.ant-badge-count')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('alerts-bell')).toBeVisible();
  expect((await groupsOf()).unread).toBe(0);
  await expect(page.getByTestId('alerts-badge').locator('.ant-badge-count')).toHaveCount(0);

  // The portfolio page's what-if check lists both broken limits by name and raises no alert.
  await page.goto(`/#/portfolios/${portfolioId}`);
  const verdict = await runOrderCheck(page, 1000, 'SIM:AAPL');
  await expect(verdict).toHaveAttribute('data-accepted', 'false', { timeout: 30_000 });
  await expect(verdict).toContainText('Denied: breaks 2 limits');
  await expect(verdict.locator('li[data-limit]')).toHaveCount(2);
  await expect(verdict).toContainText('Max order quantity');
  await expect(verdict).toContainText('Max position');
  await testInfo.attach('what-if-denial', { body: await page.getByTestId('order-check').screenshot(), contentType: 'image/png' });
  const after = await groupsOf();
  expect(after.unread).toBe(0);
  expect(after.groups.map((group) => [group.limit, group.count]).sort()).toEqual([
    ['maxOrderQuantity', 2],
    ['maxPosition', 3],
  ]);
});
