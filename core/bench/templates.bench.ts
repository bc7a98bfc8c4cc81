// Template export and import of a 50-panel dashboard: end to end over HTTP against the real server
// process (templates.export; templates.import, which validates, plans and creates in one transaction),
// and the format's own work in process (export + stringify; validate + plan). Part of `npm run bench`;
// also runs alone: node --no-node-snapshot core/bench/templates.bench.ts

import { exportTemplate, type InstalledPlugin, planImport, stringifyTemplate, validateTemplate } from '@nautilus/templates';
import semver from 'semver';
import { type ServerProcess, startServerProcess } from '../src/testing/server-process.ts';
import { dialects } from '../test/databases.ts';
import { benchAdminEnv, login } from './http-api.bench.ts';
import { printTable, quantile } from './stats.ts';

const WIDGETS = ['candlestick', 'stat', 'table', 'line'] as const;
const RUNS = 20;

/** 50 panels on the simulated market, four widget kinds with options, two variables. */
export function fiftyPanelDashboard(): Record<string, any> {
  return {
    schemaVersion: 1,
    title: 'Fifty panels',
    tags: ['bench'],
    variables: [
      { name: 'symbol', type: 'instrument', default: 'SIM:AAPL' },
      { name: 'timeframe', type: 'custom', options: ['1h', '1d'], default: '1h' },
    ],
    timeRange: { from: 'now-30d', to: 'now' },
    refresh: 'off',
    panels: Array.from({ length: 50 }, (_, index) => ({
      id: `panel-${index}`,
      type: `nautilus.widgets-core/${WIDGETS[index % WIDGETS.length]}`,
      pluginVersion: '0.1.0',
      title: `Panel ${index}`,
      gridPos: { x: (index % 4) * 6, y: Math.floor(index / 4) * 6, w: 6, h: 6 },
      query: {
        dataSource: 'nautilus.sim-market/bars',
        params: { symbol: index % 3 === 0 ? '$symbol' : 'SIM:MSFT', timeframe: '$timeframe' },
      },
      options: { decimals: 2, maxRows: 50, smaEnabled: index % 2 === 0, smaPeriod: 20 + index },
    })),
  };
}

async function call(server: ServerProcess, cookie: string, procedure: string, input: unknown, method: 'GET' | 'POST') {
  const url = `${server.url}/trpc/${procedure}`;
  const response =
    method === 'GET'
      ? await fetch(`${url}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers: { cookie } })
      : await fetch(url, { method, headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(input) });
  const body = (await response.json()) as { result?: { data: any }; error?: { message: string } };
  if (!response.ok) throw new Error(`${procedure}: ${body.error?.message}`);
  return body.result?.data;
}

/** Export and import of the 50-panel dashboard over HTTP, RUNS times each (after one warm-up). */
export async function templateTimes(server: ServerProcess, cookie: string) {
  const { id } = await call(server, cookie, 'dashboards.create', { document: fiftyPanelDashboard() }, 'POST');
  const timed = async (work: () => Promise<unknown>) => {
    await work();
    const samples: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      await work();
      samples.push(performance.now() - started);
    }
    return samples;
  };
  let text = '';
  const exports = await timed(async () => {
    text = (await call(server, cookie, 'templates.export', { id }, 'GET')).text;
  });
  const template = JSON.parse(text);
  const imports = await timed(() =>
    call(server, cookie, 'templates.import', { template, mapping: { symbol: 'SIM:NVDA' } }, 'POST'),
  );
  return {
    bytes: Buffer.byteLength(text),
    exportP50Ms: quantile(exports, 0.5),
    exportP95Ms: quantile(exports, 0.95),
    importP50Ms: quantile(imports, 0.5),
    importP95Ms: quantile(imports, 0.95),
  };
}

/** The format's own work, without database or HTTP: export + stringify, and validate + plan, median of RUNS. */
export function formatTimes() {
  const installed: InstalledPlugin[] = [
    {
      id: 'nautilus.sim-market',
      version: '0.1.0',
      state: 'active',
      digest: null,
      widgets: [],
      dataSources: [{ id: 'bars', name: 'Bars', frames: ['ohlcv'] }],
    },
    { id: 'nautilus.widgets-core', version: '0.1.0', state: 'active', digest: null, widgets: [...WIDGETS], dataSources: [] },
  ];
  const dashboard = fiftyPanelDashboard() as never;
  const median = (work: () => void) => {
    const samples: number[] = [];
    for (let run = 0; run <= RUNS; run++) {
      const started = performance.now();
      work();
      if (run > 0) samples.push(performance.now() - started);
    }
    return quantile(samples, 0.5);
  };
  const text = stringifyTemplate(exportTemplate(dashboard, installed));
  return {
    exportMs: median(() => stringifyTemplate(exportTemplate(dashboard, installed))),
    importMs: median(() =>
      planImport(validateTemplate(JSON.parse(text)), { symbol: 'SIM:NVDA' }, installed, { satisfies: semver.satisfies }),
    ),
  };
}

export const TEMPLATE_TABLE = {
  title: `Template export and import of a 50-panel dashboard over HTTP (templates.export / templates.import, ${RUNS} runs each)`,
  header: ['database', 'file bytes', 'export p50 ms', 'export p95 ms', 'import p50 ms', 'import p95 ms'],
};

export function templateRow(name: string, times: Awaited<ReturnType<typeof templateTimes>>): string[] {
  const fixed = (value: number) => value.toFixed(1);
  return [
    name,
    String(times.bytes),
    fixed(times.exportP50Ms),
    fixed(times.exportP95Ms),
    fixed(times.importP50Ms),
    fixed(times.importP95Ms),
  ];
}

if (import.meta.main) {
  const rows: string[][] = [];
  for (const dialect of dialects) {
    if (dialect.skip) {
      rows.push([dialect.name, 'unreachable', '', '', '', '']);
      continue;
    }
    const database = await dialect.create();
    const server = await startServerProcess({
      ...benchAdminEnv,
      NAUTILUS_DATA_DIR: database.options.dataDir,
      DATABASE_URL: database.options.databaseUrl ?? '',
    });
    try {
      rows.push(templateRow(dialect.name, await templateTimes(server, await login(server))));
    } finally {
      await server.stop();
      await database.drop();
    }
  }
  printTable(TEMPLATE_TABLE.title, TEMPLATE_TABLE.header, rows);
  const format = formatTimes();
  printTable(
    'The template format alone, in process (median)',
    ['work', 'ms'],
    [
      ['export + stringify', format.exportMs.toFixed(2)],
      ['validate + plan import', format.importMs.toFixed(2)],
    ],
  );
}
