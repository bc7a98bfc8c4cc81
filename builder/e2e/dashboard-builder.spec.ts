import { expect, test } from '@playwright/test';
import { ADMIN_PASSWORD, apiAs, candlePixels, choose, loginUi } from './support.ts';

const CANDLES = 'nautilus.widgets-core/candlestick';
const STAT = 'nautilus.widgets-core/stat';
const TABLE = 'nautilus.widgets-core/table';

test('builds a dashboard by drag and drop, and it survives a reload', async ({ page }, testInfo) => {
  await loginUi(page, 'admin', ADMIN_PASSWORD);
  await page.getByTestId('create-dashboard-button').click();
  await page.getByTestId('create-dashboard-title').fill('Built by dragging');
  await page.getByTestId('create-dashboard-submit').click();
  // Create opens the new dashboard, in edit mode.
  await expect(page.getByTestId('dashboard-page')).toBeVisible();
  await expect(page.getByTestId('palette')).toBeVisible();
  await page
    .getByTestId(`palette-item-${CANDLES}`)
    .dragTo(page.getByTestId('dashboard-canvas'), { targetPosition: { x: 80, y: 40 } });
  const chart = page.locator(`[data-panel-type="${CANDLES}"]`);
  await expect(chart).toHaveCount(1);
  const chartId = ((await chart.getAttribute('data-testid')) as string).replace('panel-', '');

  await page.getByTestId(`panel-edit-${chartId}`).click();
  await expect(page.getByTestId('inspector')).toBeVisible();
  await choose(page, 'query-param-symbol', 'SIM:AAPL');
  await choose(page, 'query-param-timeframe', '1h');
  await expect(chart).toHaveAttribute('data-state', 'drawn');
  await expect.poll(async () => (await candlePixels(chart)).green, { message: 'green candles drawn' }).toBeGreaterThan(100);
  expect((await candlePixels(chart)).red).toBeGreaterThan(100);

  await page
    .getByTestId(`palette-item-${STAT}`)
    .dragTo(page.getByTestId('dashboard-canvas'), { targetPosition: { x: 1100, y: 40 } });
  await page.getByTestId(`palette-item-${TABLE}`).click();
  const stat = page.locator(`[data-panel-type="${STAT}"]`);
  const table = page.locator(`[data-panel-type="${TABLE}"]`);
  await expect(stat).toHaveAttribute('data-state', 'drawn');
  await expect(table).toHaveAttribute('data-state', 'drawn');

  const before = (await stat.boundingBox())!;
  const handle = stat.locator('.react-resizable-handle').last();
  const grip = (await handle.boundingBox())!;
  await page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2);
  await page.mouse.down();
  await page.mouse.move(grip.x + 160, grip.y + 120, { steps: 12 });
  await page.mouse.up();
  await expect.poll(async () => (await stat.boundingBox())!.height).toBeGreaterThan(before.height + 60);
  await page.screenshot({ path: testInfo.outputPath('edited-dashboard.png'), fullPage: true });

  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('unsaved-indicator')).toHaveCount(0);
  const boxes = async () =>
    Object.fromEntries(
      await Promise.all(
        [CANDLES, STAT, TABLE].map(async (type) => {
          const box = (await page.locator(`[data-panel-type="${type}"]`).boundingBox())!;
          return [type, [Math.round(box.x), Math.round(box.y), Math.round(box.width), Math.round(box.height)]];
        }),
      ),
    );
  const saved = await boxes();

  await page.reload();
  await expect(page.locator(`[data-panel-type="${CANDLES}"]`)).toHaveAttribute('data-state', 'drawn');
  await expect(page.locator('[data-panel-type]')).toHaveCount(3);
  const reloaded = await boxes();
  for (const type of [CANDLES, STAT, TABLE]) {
    for (const [index, value] of (saved[type] as number[]).entries()) {
      expect(Math.abs(value - reloaded[type][index])).toBeLessThanOrEqual(2);
    }
  }
  expect((await candlePixels(page.locator(`[data-panel-type="${CANDLES}"]`))).green).toBeGreaterThan(100);
  await page.screenshot({ path: testInfo.outputPath('after-reload.png'), fullPage: true });

  // The stored document holds what was chosen in the inspector, not just what is on screen.
  const admin = await apiAs('admin', ADMIN_PASSWORD);
  const list = await admin.call('dashboards.list');
  const id = list.data.find((item: { title: string }) => item.title === 'Built by dragging').id;
  const document = (await admin.call('dashboards.get', { id })).data.document;
  const storedChart = document.panels.find((panel: { type: string }) => panel.type === CANDLES);
  expect(storedChart.query).toEqual({
    dataSource: 'nautilus.sim-market/bars',
    params: expect.objectContaining({ symbol: 'SIM:AAPL', timeframe: '1h' }),
  });
  expect(document.panels.map((panel: { type: string }) => panel.type).sort()).toEqual([CANDLES, STAT, TABLE].sort());
});
