import { expect, type Locator, type Page, test } from '@playwright/test';
import { ADMIN_PASSWORD, apiAs, barsQuery, choose, dashboardDocument, loginUi, panelDocument } from './support.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The candlestick's root inside a panel: it carries the requested and visible ranges as data attributes. */
const chartRoot = (panel: Locator) => panel.locator('.nwc-candlestick');

async function ranges(panel: Locator) {
  return chartRoot(panel).evaluate((root) => {
    const data = (root as HTMLElement).dataset;
    return {
      rangeFrom: Number(data.rangeFrom),
      rangeTo: Number(data.rangeTo),
      visibleFrom: Number(data.visibleFrom),
      visibleTo: Number(data.visibleTo),
      loadedBars: Number(data.loadedBars),
    };
  });
}

/** Waits until the chart shows the range of `days` days: its first visible bar within an hour of the start. */
async function expectVisibleRange(panel: Locator, days: number) {
  await expect
    .poll(async () => {
      const shown = await ranges(panel);
      const spanOk = Math.abs(shown.rangeTo - shown.rangeFrom - days * DAY) < HOUR;
      const startOk = shown.visibleFrom >= shown.rangeFrom && shown.visibleFrom - shown.rangeFrom <= HOUR;
      const endOk = shown.visibleTo <= shown.rangeTo && shown.rangeTo - shown.visibleTo <= 2 * HOUR;
      return spanOk && startOk && endOk;
    })
    .toBe(true);
  return ranges(panel);
}

async function openDashboard(page: Page, panels: unknown[], timeRange = { from: 'now-30d', to: 'now' }) {
  const admin = await apiAs('admin', ADMIN_PASSWORD);
  const id = await admin.createDashboard({ ...dashboardDocument('Charts', panels), timeRange });
  await loginUi(page, 'admin', ADMIN_PASSWORD);
  await page.goto(`/#/d/${id}`);
  return admin;
}

/** A dashboard of one hourly SIM:BTCUSD candlestick over the last 30 days, drawn and showing them. */
async function openHourlyChart(page: Page) {
  await openDashboard(page, [
    panelDocument(
      'btc',
      'nautilus.widgets-core/candlestick',
      { x: 0, y: 0, w: 16, h: 12 },
      { query: barsQuery('SIM:BTCUSD', '1h') },
    ),
  ]);
  const panel = page.getByTestId('panel-btc');
  await expect(panel).toHaveAttribute('data-state', 'drawn');
  return { panel, shown: await expectVisibleRange(panel, 30) };
}

const number = (text: string | null) => Number((text ?? '').replace(/,/g, '').replace('−', '-'));

test('the candlestick shows the dashboard range, and a new range refits it', async ({ page }, testInfo) => {
  const { panel } = await openHourlyChart(page);

  await choose(page, 'time-range', 'Last 7 days');
  await expectVisibleRange(panel, 7);
  await testInfo.attach('range-7d', { body: await page.screenshot(), contentType: 'image/png' });

  // A year of hourly bars is more than the chart is first handed (3,000): the range still shows whole.
  await choose(page, 'time-range', 'Last 1 year');
  const year = await expectVisibleRange(panel, 365);
  expect(year.loadedBars).toBeGreaterThan(8_000);
  await testInfo.attach('range-1y', { body: await page.screenshot(), contentType: 'image/png' });
});

test('a window or phone resize keeps the range the chart shows, latest bar included', async ({ page }, testInfo) => {
  const { panel, shown: wide } = await openHourlyChart(page);
  let pixels = (await chartRoot(panel).boundingBox())!.width;
  for (const size of [
    { width: 390, height: 844 },
    { width: 1440, height: 900 },
    { width: 390, height: 844 },
  ]) {
    await page.setViewportSize(size);
    // The chart is resized with its panel; the same 30 days stay in view, not the same bar width.
    await expect.poll(async () => (await chartRoot(panel).boundingBox())!.width).not.toBe(pixels);
    pixels = (await chartRoot(panel).boundingBox())!.width;
    await expectVisibleRange(panel, 30);
    const shown = await ranges(panel);
    expect(Math.abs(shown.visibleTo - wide.visibleTo)).toBeLessThanOrEqual(HOUR);
  }
  await testInfo.attach('resized-390', { body: await page.screenshot(), contentType: 'image/png' });
});

test('the legend shows the hovered bar: O/H/L/C, change and volume, and each overlay by name', async ({ page }, testInfo) => {
  const admin = await openDashboard(page, [
    panelDocument(
      'btc',
      'nautilus.widgets-core/candlestick',
      { x: 0, y: 0, w: 18, h: 14 },
      { query: barsQuery('SIM:BTCUSD', '1h'), options: { smaEnabled: true, bollingerEnabled: true } },
    ),
  ]);
  const panel = page.getByTestId('panel-btc');
  await expect(panel).toHaveAttribute('data-state', 'drawn');
  const shown = await expectVisibleRange(panel, 30);
  const legend = panel.locator('.nwc-legend-candle');

  const box = (await chartRoot(panel).boundingBox())!;
  const times: string[] = [];
  for (const fraction of [0.35, 0.6]) {
    await page.mouse.move(box.x + box.width * fraction, box.y + box.height * 0.5);
    const previous = times.at(-1) ?? '';
    await expect.poll(async () => (await legend.getAttribute('data-time')) ?? '').not.toBe(previous);
    times.push((await legend.getAttribute('data-time')) as string);
  }

  // The same bars, straight from the API over the range the panel was given.
  const result = await admin.call(
    'dataSources.query',
    { ...barsQuery('SIM:BTCUSD', '1h'), range: { from: shown.rangeFrom, to: shown.rangeTo } },
    'GET',
  );
  const bars = result.data.frames[0];
  const time = Number(times.at(-1));
  const index = bars.time.indexOf(time);
  expect(index, `the hovered bar ${time} is one of the query's bars`).toBeGreaterThan(0);
  const field = (name: string) => legend.locator(`[data-field="${name}"]`).textContent();
  for (const name of ['open', 'high', 'low', 'close'] as const) {
    const text = await field(name);
    // BTC trades in the tens of thousands: thousands separators, two decimals.
    expect(text).toMatch(/^\d{1,3}(,\d{3})+\.\d{2}$/);
    expect(number(text)).toBeCloseTo(bars[name][index], 2);
  }
  const change = bars.close[index] - bars.close[index - 1];
  const changeText = (await field('change')) as string;
  expect(number(changeText.split(' ')[0] as string)).toBeCloseTo(change, 2);
  const percent = (change / bars.close[index - 1]) * 100;
  expect(Number(/\(([-+]?[\d.]+)%\)/.exec(changeText)?.[1])).toBeCloseTo(percent, 2);
  expect(await field('volume')).toMatch(/^[\d,.]+[KMB]?$/);
  await expect(legend).toContainText('SMA 20');
  await expect(legend).toContainText('BB 20 2');
  expect(await field('overlay:SMA 20')).toMatch(/^\d{1,3}(,\d{3})+\.\d{2}$/);
  await testInfo.attach('legend-hover', { body: await panel.screenshot(), contentType: 'image/png' });
});

test('a query over the point limit says so in the panel and in the response, with a timeframe that fits', async ({
  page,
}, testInfo) => {
  // 200 days of 1-minute bars around the clock: 288,000 bars, over the default limit of 200,000.
  const admin = await openDashboard(
    page,
    [
      panelDocument(
        'minutes',
        'nautilus.widgets-core/candlestick',
        { x: 0, y: 0, w: 16, h: 12 },
        { query: barsQuery('SIM:BTCUSD', '1m') },
      ),
    ],
    { from: 'now-200d', to: 'now' },
  );
  const panel = page.getByTestId('panel-minutes');
  const notice = page.getByTestId('panel-truncated-minutes');
  await expect(notice).toBeVisible({ timeout: 60_000 });
  await expect(notice).toHaveText(
    'Showing the last 200,000 bars; pick a larger timeframe (5m fits this range) or a shorter range.',
  );
  // 200,000 bars take a while to draw on a busy two-core machine.
  await expect(panel).toHaveAttribute('data-state', 'drawn', { timeout: 45_000 });
  // The panel streams (its range ends now): a minute that closes meanwhile is appended after the 200,000.
  const drawnBars = Number(await chartRoot(panel).getAttribute('data-bars'));
  expect(drawnBars).toBeGreaterThanOrEqual(200_000);
  expect(drawnBars).toBeLessThanOrEqual(200_002);
  await testInfo.attach('truncated', { body: await page.screenshot(), contentType: 'image/png' });

  const result = await admin.call(
    'dataSources.query',
    { ...barsQuery('SIM:BTCUSD', '1m'), range: { from: 'now-200d', to: 'now' } },
    'GET',
  );
  expect(result.data.truncation).toMatchObject({ limit: 200_000, suggestedTimeframe: '5m' });
  expect(result.data.frames[0].time).toHaveLength(200_000);
  expect(result.data.truncation.from).toBe(result.data.frames[0].time[0]);
});

test('on a phone a vertical swipe over a chart scrolls the page; a tap hands the chart its gestures', async ({
  browser,
}, testInfo) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await openDashboard(page, [
    panelDocument(
      'btc',
      'nautilus.widgets-core/candlestick',
      { x: 0, y: 0, w: 24, h: 12 },
      { query: barsQuery('SIM:BTCUSD', '1h') },
    ),
    panelDocument('spy', 'nautilus.widgets-core/line', { x: 0, y: 12, w: 24, h: 10 }, { query: barsQuery('SIM:SPY', '1h') }),
    panelDocument(
      'aapl',
      'nautilus.widgets-core/candlestick',
      { x: 0, y: 22, w: 24, h: 12 },
      { query: barsQuery('SIM:AAPL', '1h') },
    ),
  ]);
  const panel = page.getByTestId('panel-btc');
  await expect(panel).toHaveAttribute('data-state', 'drawn');
  const before = await expectVisibleRange(panel, 30);
  const client = await context.newCDPSession(page);

  /** Total scroll of the chart's scrolling ancestors and the page: whatever scrolls the dashboard. */
  const scrolled = () =>
    chartRoot(panel).evaluate((root) => {
      let total = 0;
      for (let element = root.parentElement; element; element = element.parentElement) total += element.scrollTop;
      return total + window.scrollY;
    });
  const swipe = async (from: { x: number; y: number }, to: { x: number; y: number }) => {
    await client.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [from] });
    for (let step = 1; step <= 10; step++) {
      const point = { x: from.x + ((to.x - from.x) * step) / 10, y: from.y + ((to.y - from.y) * step) / 10 };
      await client.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [point] });
    }
    await client.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  };

  const box = (await chartRoot(panel).boundingBox())!;
  const centre = { x: box.x + box.width / 2, y: box.y + box.height * 0.6 };
  const top = await scrolled();
  await swipe(centre, { x: centre.x, y: centre.y - 250 });
  await expect.poll(scrolled).toBeGreaterThan(top + 100);
  // The chart did not pan.
  expect((await ranges(panel)).visibleFrom).toBe(before.visibleFrom);
  await testInfo.attach('phone-after-swipe', { body: await page.screenshot(), contentType: 'image/png' });

  // A tap gives the chart one-finger gestures: a sideways swipe now pans it.
  const tapped = (await chartRoot(panel).boundingBox())!;
  const point = { x: tapped.x + tapped.width / 2, y: tapped.y + tapped.height / 2 };
  await page.touchscreen.tap(point.x, point.y);
  await expect(chartRoot(panel)).toHaveAttribute('data-touch', 'active');
  // Dragging leftwards brings later bars in (the range starts at the data's first bar, so not rightwards).
  // From left of the price axis, which takes drags of its own.
  await swipe({ x: tapped.x + tapped.width * 0.6, y: point.y }, { x: tapped.x + tapped.width * 0.1, y: point.y });
  await expect.poll(async () => (await ranges(panel)).visibleFrom).toBeGreaterThan(before.visibleFrom);
  await testInfo.attach('phone-chart-active', { body: await page.screenshot(), contentType: 'image/png' });
  await context.close();
});

// A panel closed (a dashboard left, a template's preview replaced) within two frames of a draw: the
// legend's second fit then ran on the removed chart and threw "Cannot read properties of undefined".
test('a chart destroyed right after a draw throws nothing in the frames after', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const admin = await apiAs('admin', ADMIN_PASSWORD);
  const widgets = (await admin.call('widgets.list', undefined, 'GET')).data as { type: string; bundleUrl: string }[];
  const bundleUrl = widgets.find((widget) => widget.type === 'nautilus.widgets-core/candlestick')?.bundleUrl as string;
  expect(bundleUrl).toBeTruthy();
  await loginUi(page, 'admin', ADMIN_PASSWORD);
  // The real bundle, mounted as a panel mounts it; the chart is gone before its next frames run.
  const drawn = await page.evaluate(async (url) => {
    const { default: bundle } = await import(/* @vite-ignore */ url);
    const time = Array.from({ length: 5_000 }, (_, at) => Date.UTC(2026, 0, 1) + at * 3_600_000);
    const close = time.map((_, at) => 100 + Math.sin(at / 20) * 5);
    const frame = {
      kind: 'ohlcv',
      symbol: 'SIM:X',
      timeframe: '1h',
      time,
      open: close,
      high: close.map((c) => c + 1),
      low: close.map((c) => c - 1),
      close,
      volume: close,
    };
    const props = (width: number) => ({
      frames: [frame],
      options: { smaEnabled: true },
      width,
      height: 300,
      theme: 'dark',
      timeRange: { from: time[0], to: time.at(-1) },
    });
    const element = document.createElement('div');
    document.body.append(element);
    const chart = await bundle.widgets.candlestick.mount(element, props(600));
    const bars = element.querySelector('.nwc-candlestick')?.getAttribute('data-bars');
    chart.update(props(500));
    chart.destroy();
    element.remove();
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 50))));
    return bars;
  }, bundleUrl);
  expect(drawn).toBe('5000');
  await page.waitForTimeout(200);
  expect(errors).toEqual([]);
});
