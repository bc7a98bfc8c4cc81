// Cold and warm navigation to the three pages a trader opens first: a dashboard, a portfolio's risk
// dashboard and the Strategy Lab. "Cold" is a new browser context with its HTTP cache cleared (the
// first visit, or the first after a release); "warm" navigates the same tab again.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { riskDashboardDocument } from '../src/portfolios/risk-dashboard.ts';

const RUNS = 5;
/**
 * `NAUTILUS_BENCH_CPU_SLOWDOWN=4` runs the page's main thread 4× slower (Chrome's CPU throttling; the
 * server is not slowed): on a fast or idle machine it shows what a change saves on a slow one, where
 * these loads are bound by script and rendering, not the network.
 */
const CPU_SLOWDOWN = Number(process.env.NAUTILUS_BENCH_CPU_SLOWDOWN ?? 1);
const VIEWPORT = { width: 1440, height: 900 };
/** What still shows while a page is not drawn: the boot spinner, antd spinners and skeletons, a loading panel or chart. */
const LOADING = '.nautilus-boot, .ant-spin-spinning, .ant-skeleton-active, [data-state="loading"]';

export interface BenchServer {
  url: string;
  session: string;
  /** Calls a tRPC mutation as the logged-in admin and returns its data. */
  call(procedure: string, input: unknown): Promise<unknown>;
}

interface Target {
  name: string;
  path: string;
  kind: 'dashboard' | 'lab';
}

const bars = (symbol: string, timeframe: string) => ({ dataSource: 'nautilus.sim-market/bars', params: { symbol, timeframe } });

/** The dashboard a trader keeps open: candles, a line and a stat tile. */
function tradingDashboard(): Record<string, unknown> {
  const panel = (id: string, kind: string, gridPos: object, query: object) => ({
    id,
    type: `nautilus.widgets-core/${kind}`,
    pluginVersion: '0.1.0',
    title: id,
    gridPos,
    options: {},
    query,
  });
  return {
    schemaVersion: 1,
    title: 'Cold load: candles, line, stat',
    tags: [],
    variables: [],
    timeRange: { from: 'now-30d', to: 'now' },
    refresh: 'off',
    panels: [
      panel('candles', 'candlestick', { x: 0, y: 0, w: 16, h: 12 }, bars('SIM:AAPL', '1h')),
      panel('stat', 'stat', { x: 16, y: 0, w: 8, h: 4 }, bars('SIM:AAPL', '1d')),
      panel('line', 'line', { x: 16, y: 4, w: 8, h: 8 }, bars('SIM:MSFT', '1d')),
    ],
  };
}

/** Where the Lab shows the strategy's source: its read-only preview while Monaco loads, then the editor. */
const LAB_SOURCE = '[data-testid="strategy-source-preview"], .monaco-editor .view-lines';
const LAB_EDITOR = '.monaco-editor .view-lines';

/**
 * Runs in the page: the time since navigation start once the page is drawn, else false. Drawn means
 * nothing shows as loading and, on a dashboard, every panel is drawn (widgets report that after they
 * painted their data); in the Lab, the strategy's source shows (`source`: in the preview or the
 * editor; the editor-ready figure passes only Monaco's own view).
 */
function drawnAt([kind, loading, source]: readonly [Target['kind'], string, string]): number | false {
  if (document.querySelector(loading)) return false;
  if (kind === 'lab') {
    const text = document.querySelector(source)?.textContent ?? '';
    return text.includes('export') && performance.now();
  }
  const panels = [...document.querySelectorAll('[data-panel-type]')];
  return panels.length > 0 && panels.every((panel) => panel.getAttribute('data-state') === 'drawn') && performance.now();
}

/** Creates the three pages' objects through the API, as a user would have them. */
export async function createColdLoadTargets(server: BenchServer): Promise<Target[]> {
  const dashboard = (await server.call('dashboards.create', { document: tradingDashboard() })) as { id: string };
  const portfolio = { name: 'Bench book', capital: 1_000_000 };
  await server.call('portfolios.create', {
    ...portfolio,
    positions: [
      { symbol: 'SIM:AAPL', quantity: 1_000 },
      { symbol: 'SIM:MSFT', quantity: 800 },
      { symbol: 'SIM:SPY', quantity: 500 },
      { symbol: 'SIM:EURUSD', quantity: 100_000 },
    ],
    limits: { onHardBreach: 'deny', limits: [{ kind: 'maxGrossExposure', warn: 500_000, hard: 2_000_000 }] },
  });
  const risk = (await server.call('dashboards.create', {
    document: riskDashboardDocument({ portfolio, portfolioNames: [portfolio.name] }),
  })) as { id: string };
  const source = readFileSync(new URL('../../runtime/examples/sma-crossover.ts', import.meta.url), 'utf8');
  const strategy = (await server.call('strategies.create', { source, name: 'Bench SMA' })) as { id: string };
  return [
    { name: 'dashboard (candles, line, stat)', path: `/#/d/${dashboard.id}`, kind: 'dashboard' },
    { name: 'risk dashboard', path: `/#/d/${risk.id}`, kind: 'dashboard' },
    { name: 'Strategy Lab', path: `/#/strategies/${strategy.id}`, kind: 'lab' },
  ];
}

interface Visit {
  ms: number;
  /** In the Lab: until Monaco shows the source and takes edits. */
  editorMs?: number;
  /** Bytes over the wire (headers aside) and how many of the requests were answered from the network. */
  transferred: number;
  requests: number;
}

/** Navigates and returns ms from navigation start until drawn, read from the page's own clock. */
async function visit(page: Page, url: string, target: Target): Promise<Visit> {
  await page.goto(url);
  const drawn = (source: string) =>
    page
      .waitForFunction(drawnAt, [target.kind, LOADING, source] as const, { polling: 'raf', timeout: 60_000 })
      .then(async (handle) => (await handle.jsonValue()) as number);
  const ms = await drawn(LAB_SOURCE);
  const editorMs = target.kind === 'lab' ? await drawn(LAB_EDITOR) : undefined;
  const { transferred, requests } = await page.evaluate(() => {
    const entries = [
      ...performance.getEntriesByType('navigation'),
      ...performance.getEntriesByType('resource'),
    ] as PerformanceResourceTiming[];
    return {
      transferred: entries.reduce((sum, entry) => sum + entry.transferSize, 0),
      requests: entries.filter((entry) => entry.transferSize > 0).length,
    };
  });
  return { ms, transferred, requests, ...(editorMs === undefined ? {} : { editorMs }) };
}

/** A new context (its own, empty cache) with the cache cleared over CDP too, logged in by cookie. */
async function coldVisit(browser: Browser, server: BenchServer, target: Target): Promise<{ visit: Visit; page: Page }> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addCookies([{ name: 'nautilus_session', value: server.session, url: server.url }]);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.clearBrowserCache');
  if (CPU_SLOWDOWN > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  return { visit: await visit(page, `${server.url}${target.path}`, target), page };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
};

/** Measures each target cold and warm, RUNS times each, and returns printable rows. */
export async function measureColdLoads(browser: Browser, server: BenchServer, targets: Target[]): Promise<string[][]> {
  const rows: string[][] = [];
  if (CPU_SLOWDOWN > 1) rows.push([`page CPU slowed ${CPU_SLOWDOWN}× (NAUTILUS_BENCH_CPU_SLOWDOWN)`, '', '']);
  for (const target of targets) {
    const cold: Visit[] = [];
    const warm: Visit[] = [];
    for (let run = 0; run < RUNS; run++) {
      const first = await coldVisit(browser, server, target);
      cold.push(first.visit);
      // Warm: the same tab leaves and comes back (a new document, the HTTP cache kept).
      await first.page.goto('about:blank');
      warm.push(await visit(first.page, `${server.url}${target.path}`, target));
      await first.page.context().close();
    }
    const summarize = (visits: Visit[], ms = visits.map((entry) => entry.ms)) => {
      const kb = percentile(
        visits.map((entry) => entry.transferred),
        50,
      );
      return `p50 ${percentile(ms, 50).toFixed(0)} ms, max ${Math.max(...ms).toFixed(0)} ms, ${(kb / 1024).toFixed(0)} KB in ${percentile(
        visits.map((entry) => entry.requests),
        50,
      )} requests`;
    };
    rows.push([`${target.name}, cold navigation to drawn`, summarize(cold), 'target p50 < 2000 ms']);
    rows.push([`${target.name}, warm navigation to drawn`, summarize(warm), '']);
    if (target.kind === 'lab') {
      const editor = (visits: Visit[]) => visits.map((entry) => entry.editorMs ?? Number.NaN);
      rows.push([`${target.name}, cold navigation to editor ready`, summarize(cold, editor(cold)), '']);
      rows.push([`${target.name}, warm navigation to editor ready`, summarize(warm, editor(warm)), '']);
    }
  }
  return rows;
}
