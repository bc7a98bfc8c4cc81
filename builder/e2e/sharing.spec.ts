import { expect, test } from '@playwright/test';
import { expectFitsWidth } from './fits-width.ts';
import {
  ADMIN_PASSWORD,
  Api,
  apiAs,
  barsQuery,
  candlePixels,
  choose,
  dashboardDocument,
  loginUi,
  panelDocument,
} from './support.ts';

const symbolVariable = [{ name: 'symbol', type: 'instrument', default: 'SIM:AAPL' }];

test('an admin creates a user, shares a dashboard by link, the link opens without login, then is revoked', async ({
  page,
  browser,
}, testInfo) => {
  await loginUi(page, 'admin', ADMIN_PASSWORD);

  // A new user, with a password the server generates and shows once.
  await page.getByTestId('nav-admin').click();
  await page.getByTestId('create-user-button').click();
  await page.getByTestId('create-user-username').fill('shared-analyst');
  await choose(page, 'create-user-role', 'Editor: also creates and changes');
  await page.getByRole('button', { name: 'Create' }).click();
  const password = await page.getByTestId('one-time-secret').inputValue();
  expect(password).toMatch(/^[\w-]{24}$/);
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByTestId('users-table')).toContainText('shared-analyst');
  const analyst = await apiAs('shared-analyst', password);
  expect((await analyst.call('auth.me')).data.role).toBe('editor');

  // A dashboard only the admin sees, shared with $symbol set to bitcoin.
  const admin = await apiAs('admin', ADMIN_PASSWORD);
  const created = await admin.call('dashboards.create', {
    document: dashboardDocument(
      'Shared desk',
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
    access: 'private',
  });
  const id = created.data.id as string;
  expect((await analyst.call('dashboards.get', { id })).status).toBe(404);

  await page.goto(`/#/d/${id}`);
  await expect(page.getByTestId('panel-chart')).toHaveAttribute('data-state', 'drawn');
  await choose(page, 'variable-symbol', 'SIM:BTCUSD');
  await page.getByTestId('share-button').click();
  await choose(page, 'share-expiry', '1 day');
  await page.getByTestId('share-create-link').click();
  const url = await page.getByTestId('share-link-url').inputValue();
  expect(url).toMatch(/#\/s\/nsh_[\w-]{43}$/);
  await expect(page.getByTestId('share-links-table')).toContainText('active');
  await page.screenshot({ path: testInfo.outputPath('share-dialog.png') });

  // Someone without an account, on a phone.
  const stranger = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const anonymous = await stranger.newPage();
  const calls: string[] = [];
  anonymous.on('request', (request) => {
    if (request.url().includes('/trpc/')) calls.push(decodeURIComponent(request.url()));
  });
  await anonymous.goto(url);
  await expect(anonymous.getByTestId('shared-dashboard')).toBeVisible();
  await expect(anonymous.getByTestId('dashboard-title')).toHaveText('Shared desk');
  await expect(anonymous.getByTestId('shared-variable-symbol')).toContainText('SIM:BTCUSD');
  const chart = anonymous.getByTestId('panel-chart');
  await expect(chart).toHaveAttribute('data-state', 'drawn');
  await expect.poll(async () => (await candlePixels(chart)).green).toBeGreaterThan(50);
  await expect(anonymous.getByTestId('current-user')).toHaveCount(0);
  await expectFitsWidth(anonymous, 'shared dashboard link');
  expect(calls.some((call) => call.includes('sharing.query') && call.includes('SIM:BTCUSD'))).toBe(true);
  expect(calls.some((call) => call.includes('dataSources.query'))).toBe(false);
  await anonymous.screenshot({ path: testInfo.outputPath('shared-view-390.png') });

  // The link is no key to anything else.
  const outsider = new Api(stranger.request);
  expect((await outsider.call('dashboards.get', { id })).status).toBe(401);

  // Revoked: the same address now says so.
  await page.getByTestId('share-revoke-link').click();
  await page.getByRole('button', { name: 'Revoke' }).last().click();
  await expect(page.getByTestId('share-links-table')).toContainText('revoked');
  await anonymous.reload();
  await expect(anonymous.getByTestId('shared-link-problem')).toContainText('This link was revoked');
  await expect(anonymous.getByTestId('panel-chart')).toHaveCount(0);
  await anonymous.screenshot({ path: testInfo.outputPath('revoked-link.png') });

  // The audit log shows who made and revoked it.
  await page.getByTestId('share-dialog').press('Escape');
  await page.goto('/#/admin/audit');
  await expect(page.getByTestId('audit-table')).toContainText('sharing.revokeLink');
  await expect(page.getByTestId('audit-table')).toContainText('sharing.createLink');
  await expect(page.getByTestId('audit-table')).toContainText('users.create');
  // The admin pages fit a phone.
  await page.setViewportSize({ width: 390, height: 844 });
  await expectFitsWidth(page, 'admin audit at 390 px');
  await page.getByTestId('admin-nav').getByText('Users').click();
  await expect(page.getByTestId('users-table')).toContainText('shared-analyst');
  await expectFitsWidth(page, 'admin users at 390 px');
  await page.getByTestId('admin-nav').getByText('API keys').click();
  await expect(page.getByTestId('api-keys-table')).toBeVisible();
  await expectFitsWidth(page, 'admin API keys at 390 px');
  await page.screenshot({ path: testInfo.outputPath('api-keys-390.png') });
  await stranger.close();
});

test('the dashboards list files dashboards in folders and searches titles', async ({ page }) => {
  const admin = await apiAs('admin', ADMIN_PASSWORD);
  await admin.call('dashboards.create', { title: 'Folder rates', folder: 'Rates' });
  await admin.call('dashboards.create', { title: 'Folder equities' });
  await loginUi(page, 'admin', ADMIN_PASSWORD);
  const table = page.getByTestId('dashboards-table');
  await page.getByTestId('dashboards-search').locator('input').fill('folder ');
  await expect(table).toContainText('Folder rates');
  await expect(table).toContainText('Folder equities');
  await choose(page, 'dashboards-folder', 'Rates');
  await expect(table).toContainText('Folder rates');
  await expect(table).not.toContainText('Folder equities');

  // Move the other one into the folder.
  await choose(page, 'dashboards-folder', 'All folders');
  const row = table.locator('tr', { hasText: 'Folder equities' });
  await row.getByTestId('move-dashboard-button').click();
  await page.getByTestId('move-dashboard-folder').locator('input').fill('Rates');
  // Close the suggestions list first (a click on the title) so it cannot take the button's click.
  const dialog = page.getByRole('dialog');
  await dialog.getByText('Move “Folder equities”').click();
  await expect(dialog.getByRole('combobox')).toHaveAttribute('aria-expanded', 'false');
  // The dialog's own button: every row has a Move button too, and other specs' dashboards are listed.
  await dialog.getByRole('button', { name: 'Move' }).click();
  await expect(dialog).toBeHidden();
  await choose(page, 'dashboards-folder', 'Rates');
  await expect(table).toContainText('Folder equities');
  await page.setViewportSize({ width: 390, height: 844 });
  await expectFitsWidth(page, 'dashboards list at 390 px');
});
