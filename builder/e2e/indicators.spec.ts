import { expect, type Page, test } from '@playwright/test';
import { expectFitsWidth } from './fits-width.ts';
import { ADMIN_PASSWORD, apiAs, barsQuery, choose, dashboardDocument, loginUi, panelDocument } from './support.ts';

const CANDLES = 'nautilus.widgets-core/candlestick';

async function openInEditMode(page: Page) {
  const admin = await apiAs('admin', ADMIN_PASSWORD);
  const id = await admin.createDashboard(
    dashboardDocument('Indicators', [
      panelDocument('px', CANDLES, { x: 0, y: 0, w: 24, h: 12 }, { query: barsQuery('SIM:AAPL', '1d') }),
    ]),
  );
  await loginUi(page, 'admin', ADMIN_PASSWORD);
  await page.goto(`/#/d/${id}`);
  await page.getByTestId('mode-toggle').click();
  await page.getByTestId('panel-edit-px').click();
  await expect(page.getByTestId('inspector')).toBeVisible();
  return { admin, id };
}

/** The candlestick's own count of indicator lines and chart panes (data attributes the widget keeps). */
const chartCounts = (page: Page) =>
  page
    .getByTestId('panel-px')
    .locator('.nwc-candlestick')
    .evaluate((root) => [Number((root as HTMLElement).dataset.indicatorLines), Number((root as HTMLElement).dataset.panes)]);

test('adds an RSI pane and Bollinger overlay from the catalogue, edits a param, and saves them in the document', async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const { admin, id } = await openInEditMode(page);
  await choose(page, 'indicator-add', "Wilder's relative strength index (own pane)");
  await choose(page, 'indicator-add', 'Bollinger Bands (over price)');
  // RSI draws one line in a pane of its own; the three bands go over the price.
  await expect.poll(() => chartCounts(page)).toEqual([4, 2]);
  // antd puts the test id on the number input itself.
  await page.getByTestId('indicator-0-period').fill('7');
  await page.getByTestId('indicator-0-period').press('Tab');
  await expect(page.getByTestId('panel-px').locator('.nwc-legend')).toContainText('RSI 7');
  // The picker's list has faded out, so the screenshot shows the chart whole.
  await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('indicators-1440x900.png') });

  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('unsaved-indicator')).toHaveCount(0);
  const document = (await admin.call('dashboards.get', { id })).data.document;
  expect(document.panels[0].transforms).toEqual([
    { indicator: 'rsi', params: { period: 7 } },
    { indicator: 'bbands', params: { period: 20, k: 2 } },
  ]);

  // Removing the RSI takes its pane away.
  await page.getByTestId('indicator-0-remove').click();
  await expect.poll(() => chartCounts(page)).toEqual([3, 1]);
});

test('the indicator section and an RSI pane fit a phone', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openInEditMode(page);
  await choose(page, 'indicator-add', "Wilder's relative strength index (own pane)");
  await expect.poll(() => chartCounts(page)).toEqual([1, 2]);
  await page.keyboard.press('Escape');
  // The chart with its RSI pane, whole on the phone's width.
  const chart = page.getByTestId('panel-px');
  await chart.scrollIntoViewIfNeeded();
  const chartBox = (await chart.boundingBox())!;
  expect(chartBox.x).toBeGreaterThanOrEqual(0);
  expect(chartBox.x + chartBox.width).toBeLessThanOrEqual(390);
  await page.screenshot({ path: testInfo.outputPath('indicators-chart-390x844.png') });
  // The inspector's Indicators section, inside the width too, and no page scrolls sideways.
  const section = page.getByTestId('indicator-transforms');
  await section.scrollIntoViewIfNeeded();
  const box = (await section.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  await expectFitsWidth(page, 'indicator transforms at 390 px');
  await page.screenshot({ path: testInfo.outputPath('indicators-390x844.png') });
});
