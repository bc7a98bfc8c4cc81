import { expect, type Page, type TestInfo, test, type WebSocketRoute } from '@playwright/test';
import { ADMIN_PASSWORD, apiAs, barsQuery, candlePixels, dashboardDocument, loginUi, panelDocument } from './support.ts';

// Live bars come from the simulated market in real time: it moves within the minute (a seeded path
// sampled every second), so the forming bar of every timeframe changes about once a second and a
// few seconds show a tick. A closed 1m bar needs the minute boundary: only that check waits for it.
const TICK_WAIT = { timeout: 10_000 };
const MINUTE_BOUNDARY_WAIT = { timeout: 75_000 };
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

function liveDashboard() {
  return {
    ...dashboardDocument('Live market', [
      panelDocument(
        'candles',
        'nautilus.widgets-core/candlestick',
        { x: 0, y: 0, w: 12, h: 12 },
        { query: barsQuery('SIM:BTCUSD', '1m') },
      ),
      panelDocument('last', 'nautilus.widgets-core/stat', { x: 12, y: 0, w: 5, h: 5 }, { query: barsQuery('SIM:BTCUSD', '1m') }),
      panelDocument(
        'book',
        'nautilus.widgets-core/depth',
        { x: 17, y: 0, w: 7, h: 14 },
        { query: { dataSource: 'nautilus.sim-market/book', params: { symbol: 'SIM:BTCUSD' } } },
      ),
    ]),
    timeRange: { from: 'now-1d', to: 'now' },
  };
}

async function openLiveDashboard(page: Page): Promise<string> {
  const admin = await apiAs('admin', ADMIN_PASSWORD);
  const id = await admin.createDashboard(liveDashboard());
  await loginUi(page, 'admin', ADMIN_PASSWORD);
  await page.goto(`/#/d/${id}`);
  return id;
}

const badge = (page: Page, panelId: string) => page.getByTestId(`panel-live-${panelId}`);
const lastUpdate = async (page: Page, panelId: string) =>
  Number((await badge(page, panelId).getAttribute('data-last-update')) || 0);
const depthRoot = (page: Page) => page.getByTestId('panel-book').locator('.nwc-depth');
const seq = async (page: Page) => Number((await depthRoot(page).getAttribute('data-seq')) ?? Number.NaN);

/** What the stat tile and the candlestick show now: the tile's text, the newest candle's time and close. */
async function shown(page: Page) {
  const legend = page.getByTestId('panel-candles').locator('.nwc-legend-candle');
  return {
    stat: await page.getByTestId('panel-last').locator('.nwc-root.nwc-stat').textContent(),
    candleTime: await legend.getAttribute('data-time'),
    candleClose: await legend.locator('[data-field="close"]').textContent(),
    bars: Number(await page.getByTestId('panel-candles').locator('.nwc-candlestick').getAttribute('data-bars')),
  };
}

/**
 * Records every moment a panel leaves its ready state (data-state other than drawn, or aria-busy
 * true) from now on; `left()` answers what was seen. A live tick is not a load: there should be none.
 */
async function watchReadyState(page: Page, panelIds: string[]) {
  await page.evaluate((ids) => {
    const seen: string[] = [];
    (window as { readyLeft?: string[] }).readyLeft = seen;
    for (const id of ids) {
      const cell = document.querySelector(`[data-testid="panel-${id}"]`);
      if (!cell) throw new Error(`no panel ${id}`);
      const check = () => {
        const state = cell.getAttribute('data-state');
        const busy = cell.querySelector('.nautilus-panel')?.getAttribute('aria-busy');
        if (state !== 'drawn' || busy === 'true') seen.push(`${id}: data-state=${state} aria-busy=${busy}`);
      };
      new MutationObserver(check).observe(cell, {
        attributes: true,
        subtree: true,
        attributeFilter: ['data-state', 'aria-busy'],
      });
    }
  }, panelIds);
  return { left: () => page.evaluate(() => (window as { readyLeft?: string[] }).readyLeft ?? []) };
}

async function expectDrawnAndLive(page: Page) {
  for (const panel of ['candles', 'last', 'book']) {
    await expect(page.getByTestId(`panel-${panel}`)).toHaveAttribute('data-state', 'drawn');
    await expect(badge(page, panel)).toHaveAttribute('data-status', /^(live|waiting)$/);
  }
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-status', /^(live|resynced)$/);
}

/** Waits until the stat tile and the forming candle have both changed from `before`, without a reload. */
async function expectTicked(page: Page, before: Awaited<ReturnType<typeof shown>>) {
  await expect.poll(async () => (await shown(page)).stat, TICK_WAIT).not.toBe(before.stat);
  await expect
    .poll(async () => {
      const now = await shown(page);
      return now.candleClose !== before.candleClose || now.candleTime !== before.candleTime;
    }, TICK_WAIT)
    .toBe(true);
  // The page was not reloaded: a mark left on its window is still there.
  expect(await page.evaluate(() => (window as { liveMark?: number }).liveMark)).toBe(1);
}

test('the stat tile and the forming candle update live on two tabs, and the depth ladder moves', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  await page.setViewportSize(DESKTOP);
  const id = await openLiveDashboard(page);
  const second = await page.context().newPage();
  await second.setViewportSize(PHONE);
  await second.goto(`/#/d/${id}`);
  const tabs = [page, second];
  for (const tab of tabs) {
    await expectDrawnAndLive(tab);
    await tab.evaluate(() => {
      (window as { liveMark?: number }).liveMark = 1;
    });
  }

  const watchers = await Promise.all(tabs.map((tab) => watchReadyState(tab, ['candles', 'last', 'book'])));
  // The book moves several times a second: its sequence number climbs and the ladder redraws.
  for (const tab of tabs) {
    const first = await seq(tab);
    expect(first).toBeGreaterThan(0);
    await expect.poll(() => seq(tab), { timeout: 15_000 }).toBeGreaterThan(first);
    expect(Number(await depthRoot(tab).getAttribute('data-rows'))).toBeGreaterThan(4);
    const pixels = await candlePixels(tab.getByTestId('panel-book'));
    expect(pixels.green, 'bid depth drawn').toBeGreaterThan(50);
    expect(pixels.red, 'ask depth drawn').toBeGreaterThan(50);
    await expect(depthRoot(tab).locator('.nwc-depth-meta')).toContainText(/Seq [\d,]+ · Resyncs \d+/);
  }

  const before = await Promise.all(tabs.map(shown));
  await Promise.all(tabs.map((tab, index) => expectTicked(tab, before[index]!)));
  // Many ticks and ~10 book redraws a second later, no panel ever showed loading or set aria-busy.
  for (const watcher of watchers) expect(await watcher.left()).toEqual([]);
  for (const tab of tabs) {
    expect(await lastUpdate(tab, 'last')).toBeGreaterThan(0);
    await expect(badge(tab, 'last')).toHaveAttribute('data-status', 'live');
    await expect(badge(tab, 'last')).toContainText('LIVE');
  }

  await attachScreenshots(page, testInfo, 'live-dashboard');
  await testInfo.attach('live-dashboard-second-tab-390x844', {
    body: await second.screenshot({ fullPage: true }),
    contentType: 'image/png',
  });
  await second.close();
});

test('a dropped connection shows Reconnecting…, then the panels resume live without duplicates', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await page.setViewportSize(DESKTOP);
  let blocked = false;
  let current: WebSocketRoute | undefined;
  // Between the page and the server: lets the test cut the connection and refuse reconnects for a while.
  await page.routeWebSocket(/\/live$/, (socket) => {
    if (blocked) {
      socket.close({ code: 4000, reason: 'test: network down' });
      return;
    }
    current = socket;
    socket.connectToServer();
  });
  await openLiveDashboard(page);
  await expectDrawnAndLive(page);
  const instanceBefore = await page.getByTestId('live-status').getAttribute('data-instance');
  expect(instanceBefore).toBeTruthy();
  const seqBefore = await seq(page);

  blocked = true;
  await current?.close({ code: 4000, reason: 'test: connection cut' });
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-status', 'reconnecting');
  for (const panel of ['candles', 'last', 'book']) {
    await expect(badge(page, panel)).toHaveAttribute('data-status', 'reconnecting');
    await expect(badge(page, panel)).toContainText('Reconnecting…');
  }
  await attachScreenshots(page, testInfo, 'reconnecting');

  blocked = false;
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-status', /^(live|resynced)$/, { timeout: 40_000 });
  await expect(badge(page, 'book')).toHaveAttribute('data-status', /^(live|resynced)$/);
  await expect.poll(() => seq(page), { timeout: 15_000 }).toBeGreaterThan(seqBefore);

  // Ticks again within seconds after the reconnect.
  const before = await shown(page);
  await expect.poll(async () => (await shown(page)).stat, TICK_WAIT).not.toBe(before.stat);
  // The closed bars resumed from their offset: at the minute boundary the bar closes and the next
  // minute's bar follows it, once, after the ones before it (the only wait for a boundary here).
  const beforeTime = Number(before.candleTime);
  await expect.poll(async () => Number((await shown(page)).candleTime), MINUTE_BOUNDARY_WAIT).toBe(beforeTime + 60_000);
  // A bar twice (or out of order) would make the chart refuse its data and the panel show an error.
  await expect(page.getByTestId('panel-candles')).toHaveAttribute('data-state', 'drawn');
  await expect(page.getByTestId('panel-last')).toHaveAttribute('data-state', 'drawn');
  expect((await shown(page)).bars).toBe(before.bars + 1);
  await attachScreenshots(page, testInfo, 'recovered');

  // A book that asks for a snapshot again (as on a sequence gap) is resynced: counted, and said so.
  const resyncsBefore = Number(await depthRoot(page).getAttribute('data-resyncs'));
  await page.evaluate(() =>
    (window as { __nautilusLive?: { requestResync(channel: unknown): void } }).__nautilusLive?.requestResync({
      kind: 'book',
      dataSource: 'nautilus.sim-market/book',
      symbol: 'SIM:BTCUSD',
    }),
  );
  await expect(badge(page, 'book')).toHaveAttribute('data-status', 'resynced');
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-status', 'resynced');
  await expect(depthRoot(page)).toHaveAttribute('data-resyncs', String(resyncsBefore + 1));
  await expect(depthRoot(page).locator('.nwc-depth-meta')).toContainText(`Resyncs ${resyncsBefore + 1}`);
  await attachScreenshots(page, testInfo, 'resynced');
  // The book goes on moving after its resync, and the page says Live again after a few seconds.
  const afterResync = await seq(page);
  await expect.poll(() => seq(page), { timeout: 15_000 }).toBeGreaterThan(afterResync);
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-status', 'live', { timeout: 15_000 });
});

async function attachScreenshots(page: Page, testInfo: TestInfo, name: string) {
  for (const size of [DESKTOP, PHONE]) {
    await page.setViewportSize(size);
    // Let the grid and the widgets take the new width.
    await page.waitForTimeout(400);
    const label = `${name}-${size.width}x${size.height}`;
    const body = await page.screenshot({ fullPage: true, path: testInfo.outputPath(`${label}.png`) });
    await testInfo.attach(label, { body, contentType: 'image/png' });
  }
  await page.setViewportSize(DESKTOP);
}

test('a risk alert reaches the bell over the live connection, with no polling', async ({ page }) => {
  const admin = await apiAs('admin', ADMIN_PASSWORD);
  const created = await admin.call('portfolios.create', {
    name: 'E2E live alerts book',
    capital: 100_000,
    dataSource: 'nautilus.sim-market/bars',
    positions: [{ symbol: 'SIM:AAPL', quantity: 10 }],
    limits: { onHardBreach: 'deny', limits: [{ kind: 'maxOrderQuantity', hard: 100 }] },
  });
  expect(created.status, JSON.stringify(created.error)).toBe(200);
  const cleared = await admin.call('risk.markAllAlertsRead', { upTo: new Date().toISOString() });
  expect(cleared.status, JSON.stringify(cleared.error)).toBe(200);

  await loginUi(page, 'admin', ADMIN_PASSWORD);
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-status', 'live');
  const count = page.getByTestId('alerts-badge').locator('.ant-badge-count');
  await expect(count).toHaveCount(0);
  // The bell does not poll while the connection is live: only the alerts channel can bring this in time.
  await page.waitForTimeout(500);
  const check = await admin.call('risk.checkOrder', {
    portfolioId: created.data.id,
    order: { symbol: 'SIM:AAPL', side: 'buy', quantity: 1_000 },
  });
  expect(check.status, JSON.stringify(check.error)).toBe(200);
  expect(check.data.accepted).toBe(false);
  await expect(count).toHaveText('1', { timeout: 5_000 });
});
