import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { ADMIN_PASSWORD, apiAs, dashboardDocument, loginUi, panelDocument } from './support.ts';

// A loopback stand-in for Yahoo and FRED that answers with their recorded responses; the admin
// points the providers at it on the Data sources page, exactly as at a proxy.
const fixture = (plugin: string, file: string) =>
  readFileSync(new URL(`../../plugins/${plugin}/test/fixtures/${file}`, import.meta.url));
let server: Server;
let base = '';
let yahooDown = false;

test.beforeAll(async () => {
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://loopback');
    const json = (status: number, body: Buffer | string) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(body);
    };
    if (url.pathname.startsWith('/yahoo/')) {
      if (yahooDown) return json(503, '{"error":"down"}');
      if (url.pathname.startsWith('/yahoo/v8/finance/chart/'))
        return json(200, fixture('yahoo', 'v8-chart-AAPL-1d-2020-01-01_2020-01-03.json'));
      if (url.pathname.startsWith('/yahoo/v1/finance/search')) return json(200, fixture('yahoo', 'v1-search-AAPL.json'));
    }
    if (url.pathname === '/fred/series/observations') {
      if (url.searchParams.get('api_key') !== 'e2e-fred-key-123')
        return json(400, fixture('fred', 'error-400-series-observations-bad-series_id.json'));
      return json(200, fixture('fred', 'series-observations-GDP-json.json'));
    }
    json(404, '{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('an admin configures providers, charts AAPL from Yahoo beside a FRED series, and sees source, gaps and stale flags', async ({
  page,
}) => {
  await loginUi(page, 'admin', ADMIN_PASSWORD);
  await page.getByTestId('nav-data-sources').click();

  // Yahoo: point it at the loopback server and test the connection.
  const yahoo = page.getByTestId('provider-nautilus.yahoo');
  await yahoo.getByTestId('base-url-nautilus.yahoo').fill(`${base}/yahoo`);
  await yahoo.getByTestId('save-settings-nautilus.yahoo').click();
  await expect(page.getByText('Yahoo Finance restarted with the new settings.')).toBeVisible();
  await yahoo.getByTestId('test-nautilus.yahoo').click();
  await expect(yahoo.getByTestId('test-result-nautilus.yahoo')).toContainText('Connection works');

  // FRED: its key typed in the UI is stored, shown only as a state, and never put back in the field.
  const fred = page.getByTestId('provider-nautilus.fred');
  await expect(fred.getByTestId('secret-state-FRED_API_KEY')).toHaveText('not set');
  await fred.getByTestId('secret-input-FRED_API_KEY').fill('e2e-fred-key-123');
  await fred.getByTestId('secret-save-FRED_API_KEY').click();
  await expect(fred.getByTestId('secret-state-FRED_API_KEY')).toHaveText('stored (encrypted)');
  await expect(fred.getByTestId('secret-input-FRED_API_KEY')).toHaveValue('');
  await fred.getByTestId('base-url-nautilus.fred').fill(`${base}/fred/`);
  await fred.getByTestId('save-settings-nautilus.fred').click();
  await expect(page.getByText(/FRED.*restarted with the new settings/)).toBeVisible();
  expect(await page.content()).not.toContain('e2e-fred-key-123');

  const admin = await apiAs('admin', ADMIN_PASSWORD);
  const document = dashboardDocument('Real data', [
    panelDocument(
      'aapl',
      'nautilus.widgets-core/candlestick',
      { x: 0, y: 0, w: 12, h: 9 },
      {
        title: 'AAPL (Yahoo)',
        query: { dataSource: 'nautilus.core/bars', params: { symbol: 'AAPL', timeframe: '1d' } },
      },
    ),
    panelDocument(
      'gdp',
      'nautilus.widgets-core/line',
      { x: 12, y: 0, w: 12, h: 9 },
      {
        title: 'US GDP (FRED)',
        query: { dataSource: 'nautilus.fred/series', params: { seriesId: 'GDP' } },
      },
    ),
  ]);
  const id = await admin.createDashboard({ ...document, timeRange: { from: '2019-12-30', to: '2020-01-03' } });
  await page.goto(`/#/d/${id}`);
  await expect(page.getByTestId('panel-aapl')).toHaveAttribute('data-state', 'drawn');
  await expect(page.getByTestId('panel-source-aapl')).toContainText('yahoo');
  // Yahoo's recording holds 2 January only: 30 and 31 December are trading days without bars.
  await expect(page.getByTestId('panel-gaps-aapl')).toHaveText('1 gap');
  await expect(page.getByTestId('panel-stale-aapl')).toHaveCount(0);

  const gdp = await admin.createDashboard({
    ...document,
    title: 'GDP',
    panels: [document.panels[1]],
    timeRange: { from: '2024-01-01', to: '2024-12-31' },
  });
  await page.goto(`/#/d/${gdp}`);
  await expect(page.getByTestId('panel-gdp')).toHaveAttribute('data-state', 'drawn');

  // Yahoo goes down: the stored bar is still charted, flagged stale with the reason.
  yahooDown = true;
  await page.goto(`/#/d/${id}`);
  await page.reload();
  await expect(page.getByTestId('panel-aapl')).toHaveAttribute('data-state', 'drawn');
  await expect(page.getByTestId('panel-stale-aapl')).toBeVisible();
  await page.getByTestId('panel-stale-aapl').hover();
  await expect(page.getByRole('tooltip')).toContainText('Showing stored bars');
  yahooDown = false;
});
