// `npm run bench` (builder part): what a trader waits for in headless Debian Chromium against the
// real server process. Prints figures; asserts nothing.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startServerProcess } from '@nautilus/core/testing';
import { chromium, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../e2e/chromium.ts';
import { createColdLoadTargets, measureColdLoads } from './cold-load.ts';
import { hundredThousandBars, mixedDashboard } from './dashboards.ts';

// `node bench/run.ts cold-load` measures only the cold and warm page loads.
const only = process.argv[2];

const PASSWORD = 'benchmark password 0123';
const repo = new URL('../../', import.meta.url);

const server = await startServerProcess({
  NAUTILUS_DATA_DIR: mkdtempSync(join(tmpdir(), 'nautilus-bench-')),
  NAUTILUS_ADMIN_PASSWORD: PASSWORD,
});
const login = await fetch(`${server.url}/trpc/auth.login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'admin', password: PASSWORD }),
});
const session = (login.headers.get('set-cookie') ?? '').split(';')[0]?.split('=')[1] as string;

async function call(procedure: string, input: unknown): Promise<unknown> {
  const response = await fetch(`${server.url}/trpc/${procedure}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: `nautilus_session=${session}` },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as { result?: { data: unknown }; error?: unknown };
  if (!body.result) throw new Error(`${procedure} failed: ${JSON.stringify(body.error)}`);
  return body.result.data;
}

async function create(document: Record<string, unknown>): Promise<string> {
  return ((await call('dashboards.create', { document })) as { id: string }).id;
}

const browser = await chromium.launch(chromiumLaunchOptions);

/** Opens a fresh context (empty cache), navigates, and returns ms from navigation start until `count` panels are drawn. */
async function timeToDrawn(
  id: string,
  count: number,
  page?: Page,
): Promise<{ ms: number; page: Page; queryResponseEnd: number }> {
  const tab = page ?? (await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage());
  await tab.context().addCookies([{ name: 'nautilus_session', value: session, url: server.url }]);
  await tab.goto(`${server.url}/#/d/${id}`);
  const ms = await tab.waitForFunction(
    (expected) => document.querySelectorAll('[data-panel-type][data-state="drawn"]').length >= expected && performance.now(),
    count,
    { polling: 'raf', timeout: 60_000 },
  );
  const queryResponseEnd = await tab.evaluate(() =>
    Math.max(
      0,
      ...performance
        .getEntriesByType('resource')
        .filter((entry) => entry.name.includes('dataSources.query'))
        .map((entry) => (entry as PerformanceResourceTiming).responseEnd),
    ),
  );
  return { ms: (await ms.jsonValue()) as number, page: tab, queryResponseEnd };
}

/** Gzip bytes of the JavaScript a page fetched: the app's own, and each plugin's widget bundle. */
async function scriptBytes(page: Page): Promise<{ app: number; widgets: Map<string, number> }> {
  const urls = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((entry) => entry.name)
      .filter((name) => /\.m?js(\?|$)/.test(name)),
  );
  let app = 0;
  const widgets = new Map<string, number>();
  for (const url of urls) {
    const path = new URL(url).pathname;
    // First-party plugin `nautilus.<name>` lives in plugins/<name>.
    const plugin = /^\/plugins\/nautilus\.([a-z0-9-]+)\/(.+)$/.exec(path);
    const file = plugin ? new URL(`plugins/${plugin[1]}/${plugin[2]}`, repo) : new URL(`builder/dist${path}`, repo);
    const gzipped = gzipSync(readFileSync(file)).length;
    if (plugin) widgets.set(plugin[1] as string, (widgets.get(plugin[1] as string) ?? 0) + gzipped);
    else app += gzipped;
  }
  return { app, widgets };
}

function print(title: string, rows: string[][]): void {
  const width = Math.max(...rows.map((row) => (row[0] as string).length));
  const valueWidth = Math.max(9, ...rows.map((row) => (row[1] as string).length));
  console.log(`\n${title}`);
  for (const [name, value, target] of rows) console.log(`${name?.padEnd(width)}  ${value?.padEnd(valueWidth)}  ${target}`);
}

try {
  const bench = { url: server.url, session, call };
  print(
    'Page loads in headless Chromium, 5 runs each (real server process, embedded database)',
    await measureColdLoads(browser, bench, await createColdLoadTargets(bench)),
  );
  if (only !== 'cold-load') await drawingBenchmarks();
} finally {
  await browser.close();
  await server.stop();
}

async function drawingBenchmarks(): Promise<void> {
  const mixed = await create(mixedDashboard());
  const cold = await timeToDrawn(mixed, 24);
  const warm = await timeToDrawn(mixed, 24, cold.page);
  const bytes = await scriptBytes(cold.page);
  const big = await create(hundredThousandBars());
  const hundredK = await timeToDrawn(big, 1);

  const rows: [string, string, string][] = [
    ['24-panel dashboard, navigation to all drawn, cold cache', `${cold.ms.toFixed(0)} ms`, 'target < 1500 ms'],
    ['24-panel dashboard, navigation to all drawn, warm cache', `${warm.ms.toFixed(0)} ms`, ''],
    ['100,800-bar candlestick, navigation to drawn', `${hundredK.ms.toFixed(0)} ms`, ''],
    [
      '100,800-bar candlestick, data received to drawn',
      `${(hundredK.ms - hundredK.queryResponseEnd).toFixed(0)} ms`,
      'target < 500 ms',
    ],
    ['100,800-bar query over HTTP (navigation to response end)', `${hundredK.queryResponseEnd.toFixed(0)} ms`, ''],
    ['dashboard view JS, app (gzip)', `${(bytes.app / 1024).toFixed(1)} KB`, 'target < 400 KB'],
    ...[...bytes.widgets].map(([name, size]): [string, string, string] => [
      `dashboard view JS, ${name} bundle (gzip)`,
      `${(size / 1024).toFixed(1)} KB`,
      '',
    ]),
  ];
  print('Builder in headless Chromium (real server process, embedded database)', rows);
}
