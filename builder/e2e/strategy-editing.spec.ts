import { expect, type Page, type TestInfo, test } from '@playwright/test';
import { ADMIN_PASSWORD, apiAs, loginUi } from './support.ts';

async function attach(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await testInfo.attach(name, { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
}

/** Puts the cursor at the start of `line` (1-based) in the Monaco editor. */
async function goToLine(page: Page, line: number): Promise<void> {
  const editor = page.getByTestId('strategy-editor');
  await editor.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+Home');
  for (let index = 1; index < line; index++) await page.keyboard.press('ArrowDown');
  // Home goes to the first non-blank character: Enter there opens a line above the code.
  await page.keyboard.press('Home');
}

test('New strategy asks for a name and an example; ctx. completes above existing code; a type error is refused, a draft is kept but not deployed; rename', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const stamp = Date.now();
  const admin = await apiAs('admin', ADMIN_PASSWORD);
  const other = await admin.call('strategies.create', {
    source: 'export default defineStrategy({ onBar() {} });',
    name: `Editing e2e taken ${stamp}`,
  });
  expect(other.status, JSON.stringify(other.error)).toBe(200);

  await page.setViewportSize({ width: 1440, height: 900 });
  await loginUi(page, 'admin', ADMIN_PASSWORD);
  await page.getByTestId('nav-strategies').click();

  // New strategy: a dialog with a name and the examples; picking one suggests its title as the name.
  await page.getByTestId('new-strategy').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('New strategy');
  for (const example of ['sma-crossover', 'rsi-mean-reversion', 'bollinger-breakout', 'empty']) {
    await expect(dialog.getByTestId(`example-${example}`)).toBeVisible();
  }
  await dialog.getByTestId('example-rsi-mean-reversion').click();
  await expect(dialog.getByTestId('new-strategy-name')).toHaveValue(/^RSI mean reversion( \d+)?$/);
  // A name another strategy has is refused before anything is created.
  await dialog.getByTestId('new-strategy-name').fill(`editing E2E taken ${stamp}`);
  await dialog.getByTestId('create-strategy').click();
  await expect(dialog).toContainText('Another strategy has this name');
  await attach(page, testInfo, 'new-strategy-dialog-1440');
  const name = `Editing e2e ${stamp}`;
  await dialog.getByTestId('new-strategy-name').fill(name);
  await dialog.getByTestId('create-strategy').click();
  await expect(page).toHaveURL(/#\/strategies\/[0-9a-f-]{36}$/);
  const id = /strategies\/([0-9a-f-]{36})$/.exec(page.url())![1]!;
  await expect(page.getByTestId('strategy-name')).toHaveText(name);
  const editor = page.getByTestId('strategy-editor');
  await expect(editor.locator('.view-lines')).toContainText('ctx.indicators.rsi', { timeout: 30_000 });

  // Line 14 is onBar's first line (`const rsi = …`): open a new line ABOVE it and ask for ctx's members.
  await goToLine(page, 14);
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.type('ctx.');
  const suggest = page.locator('.suggest-widget');
  await expect(suggest).toBeVisible({ timeout: 30_000 });
  // Narrow the list: ctx has more members (book, regime, …) than the widget shows rows.
  await page.keyboard.type('li');
  await expect(
    suggest
      .locator('.monaco-list-row')
      .filter({ hasText: /^liquidate/ })
      .first(),
  ).toBeVisible();
  await attach(page, testInfo, 'ctx-completion-above-code-1440');

  // Type a misspelt method and save: refused, the diagnostic listed and marked in the editor.
  await page.keyboard.press('Escape');
  // One input event, so no suggestion list opens between the keys (CI lost the rest of the line once).
  await page.keyboard.insertText('quidat();');
  await expect(page.getByTestId('strategy-editor').locator('.view-lines')).toContainText('ctx.liquidat();');
  await page.keyboard.press('Escape');
  await page.keyboard.press('ControlOrMeta+s');
  const errors = page.getByTestId('compile-errors');
  await expect(errors).toContainText('type errors');
  await expect(errors).toContainText(/Line 14, column \d+: Property 'liquidat' does not exist/);
  await expect(editor.locator('.squiggly-error').first()).toBeVisible();
  await expect(page.getByTestId('strategy-version')).toHaveText('v1');
  await expect(page.getByTestId('unsaved-changes')).toBeVisible();
  const versionsBefore = await admin.call('strategies.versions', { id }, 'GET');
  expect(versionsBefore.data.map((item: { version: number }) => item.version)).toEqual([1]);
  await attach(page, testInfo, 'type-error-refused-1440');

  // Save as draft: a new version, tagged draft.
  await errors.getByTestId('save-draft').click();
  await expect(page.getByTestId('strategy-version')).toHaveText('v2');
  await expect(page.getByTestId('strategy-draft')).toBeVisible();
  await expect(page.getByTestId('compile-errors')).toHaveCount(0);

  // The draft cannot be deployed: the server says why, and nothing is deployed.
  await page.getByTestId('deploy-button').click();
  await expect(page.locator('.ant-message')).toContainText(/Not deployed: .*version 2 is a draft/);
  const deployments = await admin.call('deployments.list', { strategyId: id }, 'GET');
  expect(deployments.data).toEqual([]);

  // The versions tab marks the draft.
  await page.getByRole('tab', { name: 'Versions' }).click();
  await expect(page.getByTestId('version-2-draft')).toBeVisible();
  await expect(page.getByTestId('version-1-draft')).toHaveCount(0);

  // Rename: a taken name is refused with the server's reason; a free one is shown at once.
  await page.getByTestId('rename-strategy').click();
  const rename = page.getByRole('dialog');
  await rename.getByTestId('rename-strategy-name').fill(`Editing e2e taken ${stamp}`);
  await rename.getByTestId('rename-strategy-submit').click();
  await expect(rename.getByTestId('rename-strategy-error')).toContainText('Another strategy is already named');
  await rename.getByTestId('rename-strategy-name').fill(`${name} renamed`);
  await rename.getByTestId('rename-strategy-submit').click();
  await expect(page.getByTestId('strategy-name')).toHaveText(`${name} renamed`);
  const stored = await admin.call('strategies.get', { id }, 'GET');
  expect(stored.data).toMatchObject({ name: `${name} renamed`, latestVersion: 2, draft: true });

  await page.getByTestId('strategy-lab').scrollIntoViewIfNeeded();
  await attach(page, testInfo, 'lab-after-rename-1440');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByTestId('rename-strategy').click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await attach(page, testInfo, 'rename-dialog-390');
  await page.keyboard.press('Escape');
  await page.goto('/#/strategies');
  await page.getByTestId('new-strategy').click();
  await expect(page.getByRole('dialog').getByTestId('example-empty')).toBeVisible();
  await attach(page, testInfo, 'new-strategy-dialog-390');
  expect(pageErrors).toEqual([]);
});

test('a click on the source and the keys typed while the editor is still loading reach the editor', async ({ page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const admin = await apiAs('admin', ADMIN_PASSWORD);
  const created = await admin.call('strategies.create', {
    source: 'export default defineStrategy({\n  onBar(ctx) {},\n});\n',
    name: `Hand-over e2e ${Date.now()}`,
  });
  expect(created.status, JSON.stringify(created.error)).toBe(200);
  await page.setViewportSize({ width: 1440, height: 900 });
  await loginUi(page, 'admin', ADMIN_PASSWORD);

  // Hold Monaco's chunk back: the Lab shows the source as text meanwhile.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route('**/assets/CodeEditor-*.js', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`/#/strategies/${created.data.id}`);
  const preview = page.getByTestId('strategy-source-preview');
  const firstLine = preview.locator('[data-line="1"]');
  await expect(firstLine).toBeVisible();
  // A click just left of the first character of line 1, then a comment typed on a line of its own.
  const box = (await firstLine.boundingBox())!;
  await page.mouse.click(box.x + 1, box.y + box.height / 2);
  await page.keyboard.type('// typed early');
  await page.keyboard.press('Enter');
  release();

  const editor = page.getByTestId('strategy-editor');
  await expect(editor.locator('.view-lines')).toContainText(/\/\/\styped\searly/);
  await expect(page.getByTestId('unsaved-changes')).toBeVisible();
  // The cursor is where the typing left it (the start of the old first line): what is typed next follows on.
  await page.keyboard.insertText('// then more ');
  await expect(editor.locator('.view-line').filter({ hasText: /typed\searly/ })).toHaveText(/^\/\/\styped\searly$/);
  await expect(editor.locator('.view-line').filter({ hasText: /then\smore/ })).toHaveText(
    /^\/\/\sthen\smore\sexport\sdefault\sdefineStrategy\(\{$/,
  );
  expect(pageErrors).toEqual([]);
});
