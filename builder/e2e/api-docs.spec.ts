import { expect, type Page, test } from '@playwright/test';
import { expectFitsWidth } from './fits-width.ts';
import { ADMIN_PASSWORD, apiAs, loginUi } from './support.ts';

/** The operation block of Swagger UI for one route and method. */
function operation(page: Page, method: string, path: string) {
  return page.locator(`.opblock-${method.toLowerCase()}`).filter({ has: page.locator(`[data-path="${path}"]`) });
}

test('the API documentation is reached from the API keys page and tries a call with the logged-in session', async ({
  page,
  context,
}, testInfo) => {
  const admin = await apiAs('admin', ADMIN_PASSWORD);
  const title = `Docs e2e ${Date.now()}`;
  expect((await admin.call('dashboards.create', { title })).status).toBe(200);
  // Everything the pages load comes from Nautilus itself (Swagger UI is bundled, not from a CDN).
  const origin = new URL(testInfo.project.use.baseURL ?? '').origin;
  const external: string[] = [];
  context.on('request', (request) => {
    if (!request.url().startsWith(origin) && !request.url().startsWith('data:')) external.push(request.url());
  });
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));

  await page.setViewportSize({ width: 1440, height: 900 });
  await loginUi(page, 'admin', ADMIN_PASSWORD);
  await page.goto('/#/admin/api-keys');
  const [docs] = await Promise.all([context.waitForEvent('page'), page.getByTestId('api-docs-link').click()]);
  await expect(docs.getByRole('heading', { name: /Nautilus API/ })).toBeVisible({ timeout: 30_000 });
  docs.on('pageerror', (error) => pageErrors.push(error.message));

  // Try dashboards.list: the browser sends the session cookie, the answer lists the new dashboard.
  const list = operation(docs, 'GET', '/api/v1/dashboards/list');
  await list.locator('.opblock-summary').click();
  await list.getByRole('button', { name: 'Try it out' }).click();
  await list.getByRole('button', { name: 'Execute' }).click();
  const live = list.locator('.live-responses-table');
  await expect(live.locator('tr.response .response-col_status')).toHaveText('200');
  await expect(live.locator('tr.response .response-col_description')).toContainText(title);
  await testInfo.attach('docs-1440', { body: await docs.screenshot(), contentType: 'image/png' });

  // Swagger UI checks the input against the schema before sending (an id that is not a UUID is held
  // back, naming the field); a dashboard that does not exist answers 404 in the API's error shape.
  const get = operation(docs, 'GET', '/api/v1/dashboards/get');
  await get.locator('.opblock-summary').click();
  await get.getByRole('button', { name: 'Try it out' }).click();
  await get.locator('input[placeholder="id"]').fill('not-a-uuid');
  await get.getByRole('button', { name: 'Execute' }).click();
  await expect(get).toContainText("For 'id': Value must be a Guid.");
  await get.locator('input[placeholder="id"]').fill('00000000-0000-4000-8000-000000000000');
  await get.getByRole('button', { name: 'Execute' }).click();
  await expect(get.locator('.live-responses-table tr.response .response-col_status')).toHaveText('404');
  await expect(get.locator('.live-responses-table tr.response .response-col_description')).toContainText('"code": "NOT_FOUND"');

  // On a phone the page does not scroll sideways.
  await docs.setViewportSize({ width: 390, height: 844 });
  await expectFitsWidth(docs, 'API documentation at 390 px');
  await testInfo.attach('docs-390', { body: await docs.screenshot(), contentType: 'image/png' });
  expect(external).toEqual([]);
  expect(pageErrors).toEqual([]);
});
