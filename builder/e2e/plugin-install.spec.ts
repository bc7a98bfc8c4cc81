import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import { packFolder } from '../../core/src/plugins/install/pack-folder.ts';
import { expectFitsWidth } from './fits-width.ts';
import { ADMIN_PASSWORD, apiAs, loginUi } from './support.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/installable/hello-widget', import.meta.url));
const WIDGET = 'e2e.hello-widget/hello';

/** The fixture at `version`, its greeting saying which version drew it, packed as `npm pack` would. */
async function packVersion(version: string): Promise<Buffer> {
  const dir = join(mkdtempSync(join(tmpdir(), 'nautilus-e2e-plugin-')), 'hello-widget');
  cpSync(FIXTURE, dir, { recursive: true });
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  pkg.version = version;
  pkg.nautilus.version = version;
  writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
  const bundle = join(dir, 'web/hello.js');
  writeFileSync(
    bundle,
    readFileSync(bundle, 'utf8').replace('Hello from version 1', `Hello from version ${version.split('.')[0]}`),
  );
  return packFolder(dir);
}

async function uploadPackage(page: Page, version: string): Promise<void> {
  await page.locator('.ant-upload input[type=file]').setInputFiles({
    name: `hello-widget-${version}.tgz`,
    mimeType: 'application/gzip',
    buffer: await packVersion(version),
  });
  await expect(page.getByTestId('review-dialog')).toBeVisible();
}

test('an admin uploads a widget plugin, approves it, uses it, updates it and uninstalls it without a restart', async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await loginUi(page, 'admin', ADMIN_PASSWORD);
  await page.getByTestId('nav-plugins').click();
  await expect(page.getByRole('heading', { name: 'Plugins' })).toBeVisible();

  // Version 1: reviewed before anything of it runs.
  await uploadPackage(page, '1.0.0');
  const dialog = page.getByTestId('review-dialog');
  await expect(dialog).toContainText('e2e.hello-widget 1.0.0 (@e2e/hello-widget)');
  await expect(page.getByTestId('review-hosts')).toHaveCount(0);
  await expect(page.getByTestId('review-contributes')).toContainText('widgets: Hello');
  await expect(page.getByTestId('review-signature')).toHaveText('unsigned');
  await page.screenshot({ path: testInfo.outputPath('review.png') });
  await page.getByTestId('review-approve').click();
  await expect(page.getByTestId('installed-state-e2e.hello-widget')).toHaveText('active');
  await expect(page.getByTestId('installed-version-e2e.hello-widget')).toHaveText('1.0.0');

  // Its widget goes on a new dashboard from the palette.
  await page.getByTestId('nav-dashboards').click();
  await page.getByTestId('create-dashboard-button').click();
  await page.getByTestId('create-dashboard-title').fill('Greetings');
  await page.getByTestId('create-dashboard-submit').click();
  await expect(page.getByTestId('palette')).toBeVisible();
  await page.getByTestId(`palette-item-${WIDGET}`).click();
  const panel = page.locator(`[data-panel-type="${WIDGET}"]`);
  await expect(panel).toHaveAttribute('data-state', 'drawn');
  await expect(panel.locator('.hello-greeting')).toHaveText('Hello from version 1');
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('unsaved-indicator')).toHaveCount(0);
  const dashboardUrl = page.url().replace(/\/edit$/, '');

  // Version 2 asks for nothing new; once approved the same panel draws the new bundle.
  await page.getByTestId('nav-plugins').click();
  await uploadPackage(page, '2.0.0');
  await expect(page.getByTestId('review-added')).toContainText('asks for nothing 1.0.0 did not');
  await page.getByTestId('review-approve').click();
  await expect(page.getByTestId('installed-version-e2e.hello-widget')).toHaveText('2.0.0');
  await expect(page.getByTestId('rollback-e2e.hello-widget')).toHaveText('Roll back to 1.0.0');
  await page.goto(dashboardUrl);
  await expect(panel.locator('.hello-greeting')).toHaveText('Hello from version 2');

  // Uninstalling lists the dashboard that uses it first.
  await page.getByTestId('nav-plugins').click();
  await page.getByTestId('uninstall-e2e.hello-widget').click();
  await expect(page.getByTestId('uninstall-dependents')).toContainText('Greetings');
  await expect(page.getByTestId('uninstall-dependents')).toContainText('panels Hello');
  await page.screenshot({ path: testInfo.outputPath('uninstall.png') });
  await page.getByTestId('uninstall-confirm').click();
  await expect(page.getByTestId('installed-e2e.hello-widget')).toHaveCount(0);

  // The dashboard says what is missing and where an admin installs it.
  await page.goto(dashboardUrl);
  await expect(panel).toHaveAttribute('data-state', 'error');
  await expect(panel).toContainText('Plugin e2e.hello-widget is not installed.');
  await page.locator('[data-testid^="panel-error-link-"]').click();
  await expect(page.getByRole('heading', { name: 'Plugins' })).toBeVisible();

  // The page fits a phone.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByTestId('require-signed')).toBeVisible();
  await expectFitsWidth(page, 'Plugins page at 390 px');
  await page.screenshot({ path: testInfo.outputPath('plugins-390.png'), fullPage: true });

  const admin = await apiAs('admin', ADMIN_PASSWORD);
  expect((await admin.call('pluginInstalls.list')).data.installed).toEqual([]);
});
