import { expect, type Page, test } from '@playwright/test';
import { expectFitsWidth } from './fits-width.ts';
import { ADMIN_PASSWORD, apiAs, barsQuery, dashboardDocument, loginUi, panelDocument } from './support.ts';

const CANDLES = 'nautilus.widgets-core/candlestick';
const RIBBON = 'nautilus.regimes/regime-ribbon';

async function openRegimeDashboard(page: Page) {
  const admin = await apiAs('admin', ADMIN_PASSWORD);
  const document = dashboardDocument('Regimes', [
    panelDocument('px', CANDLES, { x: 0, y: 0, w: 24, h: 10 }, { query: barsQuery('SIM:SPY', '1d') }),
    panelDocument(
      'rb',
      RIBBON,
      { x: 0, y: 10, w: 24, h: 5 },
      { query: { dataSource: 'nautilus.core/regimes', params: { symbol: 'SIM:SPY', timeframe: '1d' } } },
    ),
  ]);
  const id = await admin.createDashboard({ ...document, timeRange: { from: 'now-1y', to: 'now' } });
  await loginUi(page, 'admin', ADMIN_PASSWORD);
  await page.goto(`/#/d/${id}`);
}

/** Checks the ribbon drew labelled bars under the candles, with a six-entry legend, all inside the panel and the page. */
async function expectRibbonUnderCandles(page: Page, width: number) {
  const ribbon = page.getByTestId('panel-rb');
  await expect(ribbon.locator('.nrg-legend li')).toHaveCount(6);
  await expect(ribbon.locator('.nrg-now')).toContainText('SIM:SPY now:');
  // Every bar of the range is labelled: the source warmed the model up on the bars before it.
  await expect.poll(() => ribbon.locator('rect:not([data-regime="warm-up"])').count()).toBeGreaterThan(0);
  expect(await ribbon.locator('rect[data-regime="warm-up"]').count()).toBe(0);
  const candles = (await page.getByTestId('panel-px').boundingBox())!;
  const panel = (await ribbon.boundingBox())!;
  expect(panel.y).toBeGreaterThanOrEqual(candles.y + candles.height - 1);
  for (const part of ['.nrg-now', '.nrg-chart', '.nrg-legend']) {
    const box = (await ribbon.locator(part).boundingBox())!;
    expect(box.x, part).toBeGreaterThanOrEqual(panel.x - 0.5);
    expect(box.x + box.width, part).toBeLessThanOrEqual(panel.x + panel.width + 0.5);
    expect(box.y + box.height, part).toBeLessThanOrEqual(panel.y + panel.height + 0.5);
  }
  const legendItems = await ribbon.locator('.nrg-legend li').evaluateAll((items) =>
    items.map((item) => {
      const box = item.getBoundingClientRect();
      return box.right;
    }),
  );
  for (const right of legendItems) expect(right).toBeLessThanOrEqual(width);
  await expectFitsWidth(page, `regime ribbon at ${width} px`);
}

test('draws the regime ribbon with its legend under a candlestick (1440×900)', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openRegimeDashboard(page);
  await expectRibbonUnderCandles(page, 1440);
  await page.screenshot({ path: testInfo.outputPath('regimes-1440x900.png') });
});

test('the regime ribbon and its legend fit a phone (390×844)', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openRegimeDashboard(page);
  await page.getByTestId('panel-rb').scrollIntoViewIfNeeded();
  await expectRibbonUnderCandles(page, 390);
  await page.screenshot({ path: testInfo.outputPath('regimes-390x844.png'), fullPage: true });
});
