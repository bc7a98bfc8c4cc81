import { expect, test } from '@playwright/test';
import { ADMIN_PASSWORD, apiAs, barsQuery, dashboardDocument, loginUi, panelDocument } from './support.ts';

test('identical queries from several panels are fetched once', async ({ page }) => {
  const admin = await apiAs('admin', ADMIN_PASSWORD);
  const id = await admin.createDashboard(
    dashboardDocument('Shared queries', [
      panelDocument('a', 'nautilus.widgets-core/candlestick', { x: 0, y: 0, w: 12, h: 8 }, { query: barsQuery('SIM:QQQ', '1d') }),
      panelDocument('b', 'nautilus.widgets-core/stat', { x: 12, y: 0, w: 6, h: 4 }, { query: barsQuery('SIM:QQQ', '1d') }),
      panelDocument('c', 'nautilus.widgets-core/table', { x: 12, y: 4, w: 12, h: 8 }, { query: barsQuery('SIM:QQQ', '1d') }),
      panelDocument('d', 'nautilus.widgets-core/stat', { x: 18, y: 0, w: 6, h: 4 }, { query: barsQuery('SIM:GC', '1d') }),
    ]),
  );
  const calls: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!url.pathname.startsWith('/trpc/')) return;
    const procedures = url.pathname.slice('/trpc/'.length).split(',');
    const inputs = JSON.parse(url.searchParams.get('input') ?? '{}') as Record<string, { params?: { symbol?: string } }>;
    procedures.forEach((procedure, index) => {
      if (procedure === 'dataSources.query') calls.push(inputs[index]?.params?.symbol ?? '?');
    });
  });
  await loginUi(page, 'admin', ADMIN_PASSWORD);
  await page.goto(`/#/d/${id}`);
  for (const panel of ['a', 'b', 'c', 'd'])
    await expect(page.getByTestId(`panel-${panel}`)).toHaveAttribute('data-state', 'drawn');
  expect(calls.sort()).toEqual(['SIM:GC', 'SIM:QQQ']);
});

test('a dashboard is readable on a phone: panels stack in one column', async ({ browser }, testInfo) => {
  const admin = await apiAs('admin', ADMIN_PASSWORD);
  const id = await admin.createDashboard(
    dashboardDocument('Phone', [
      panelDocument('left', 'nautilus.widgets-core/stat', { x: 0, y: 0, w: 12, h: 4 }, { query: barsQuery('SIM:AAPL', '1d') }),
      panelDocument('right', 'nautilus.widgets-core/stat', { x: 12, y: 0, w: 12, h: 4 }, { query: barsQuery('SIM:MSFT', '1d') }),
      panelDocument(
        'below',
        'nautilus.widgets-core/candlestick',
        { x: 0, y: 4, w: 24, h: 8 },
        { query: barsQuery('SIM:SPY', '1d') },
      ),
    ]),
  );
  const page = await (
    await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
  ).newPage();
  await loginUi(page, 'admin', ADMIN_PASSWORD);
  await page.goto(`/#/d/${id}`);
  const boxes = [];
  for (const panel of ['left', 'right', 'below']) {
    await expect(page.getByTestId(`panel-${panel}`)).toHaveAttribute('data-state', 'drawn');
    boxes.push((await page.getByTestId(`panel-${panel}`).boundingBox())!);
  }
  const [left, right, below] = boxes as [
    NonNullable<(typeof boxes)[number]>,
    NonNullable<(typeof boxes)[number]>,
    NonNullable<(typeof boxes)[number]>,
  ];
  for (const box of boxes) expect(box.width).toBeGreaterThan(300);
  expect(right.y).toBeGreaterThan(left.y + left.height - 1);
  expect(below.y).toBeGreaterThan(right.y + right.height - 1);
  await page.screenshot({ path: testInfo.outputPath('phone.png'), fullPage: true });
});
