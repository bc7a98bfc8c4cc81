// `npm run bench` (core part): end-to-end figures over HTTP against the real server process, on
// embedded PGlite and on PostgreSQL in the same run. Prints tables; asserts nothing.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerProcess } from '../src/testing/server-process.ts';
import { dialects } from '../test/databases.ts';
import { dashboardLists } from './dashboard-list.bench.ts';
import { barsOverHttp, benchAdminEnv, dashboardSaves, login } from './http-api.bench.ts';
import { isolationFigures } from './isolation.bench.ts';
import { printLiveTables } from './live.bench.ts';
import { printLoginFloodTable } from './login-flood.bench.ts';
import { cacheVersusSimMarket, providerOverhead, providerPathInProcess, startYahooLoopback } from './providers.bench.ts';
import { REST_TABLE, restVersusTrpc } from './rest-api.bench.ts';
import { printTable } from './stats.ts';
import { printTypeCheckTable } from './strategy-type-check.bench.ts';
import { printSweepTable } from './sweep.bench.ts';
import { TEMPLATE_TABLE, templateRow, templateTimes } from './templates.bench.ts';

const fixed = (value: number, digits = 1) => value.toFixed(digits);
const barsRows: string[][] = [];
const saveRows: string[][] = [];
const listRows: string[][] = [];
const cacheRows: string[][] = [];
const overheadRows: string[][] = [];
const pathRows: string[][] = [];
const templateRows: string[][] = [];
const restRows: string[][] = [];
const yahoo = await startYahooLoopback();
const configDir = mkdtempSync(join(tmpdir(), 'nautilus-bench-config-'));
const pluginConfig = join(configDir, 'plugins.json');
writeFileSync(pluginConfig, JSON.stringify({ 'nautilus.yahoo': { baseUrl: yahoo.baseUrl } }));

for (const dialect of dialects) {
  if (dialect.skip) {
    barsRows.push([dialect.name, 'unreachable', '', '', '']);
    saveRows.push([dialect.name, 'unreachable', '', '', '']);
    listRows.push([dialect.name, 'unreachable', '', '', '', '']);
    cacheRows.push([dialect.name, 'unreachable', '', '', '', '']);
    overheadRows.push([dialect.name, 'unreachable', '', '', '', '', '', '', '', '']);
    pathRows.push([dialect.name, 'unreachable', '', '', '', '', '']);
    templateRows.push([dialect.name, 'unreachable', '', '', '', '']);
    restRows.push([dialect.name, 'unreachable', '', '', '', '']);
    continue;
  }
  const database = await dialect.create();
  const server = await startServerProcess({
    ...benchAdminEnv,
    NAUTILUS_DATA_DIR: database.options.dataDir,
    DATABASE_URL: database.options.databaseUrl ?? '',
    NAUTILUS_PLUGIN_CONFIG: pluginConfig,
    NAUTILUS_MAX_QUERY_POINTS: '1000000',
  });
  try {
    const cookie = await login(server);
    const bars = await barsOverHttp(server, cookie);
    barsRows.push([dialect.name, String(bars.bars), fixed(bars.barsPerSecond, 0), fixed(bars.p50Ms), fixed(bars.p95Ms)]);
    const cache = await cacheVersusSimMarket(server, cookie);
    cacheRows.push([
      dialect.name,
      String(cache.bars),
      fixed(cache.fillMs, 0),
      fixed(cache.simBarsPerSecond, 0),
      fixed(cache.cacheBarsPerSecond, 0),
      fixed(cache.cacheBarsPerSecond / cache.simBarsPerSecond, 2),
    ]);
    const overhead = await providerOverhead(server, cookie, yahoo.baseUrl);
    overheadRows.push([
      dialect.name,
      String(overhead.requests),
      fixed(overhead.throughP50Ms, 2),
      fixed(overhead.throughP95Ms, 2),
      fixed(overhead.directP50Ms, 2),
      fixed(overhead.directP95Ms, 2),
      fixed(overhead.bareP95Ms, 2),
      fixed(overhead.overheadP95Ms, 2),
      fixed(overhead.processingP50Ms, 2),
      fixed(overhead.processingP95Ms, 2),
    ]);
    restRows.push(...(await restVersusTrpc(server, cookie, dialect.name)));
    const saves = await dashboardSaves(server, cookie);
    saveRows.push([dialect.name, String(saves.saves), fixed(saves.p50Ms, 2), fixed(saves.p95Ms, 2), fixed(saves.p99Ms, 2)]);
    const lists = await dashboardLists(server, cookie);
    listRows.push([
      dialect.name,
      String(lists.count),
      fixed(lists.megabytes, 2),
      fixed(lists.p50Ms),
      fixed(lists.p95Ms),
      fixed(lists.healthzMaxMs),
    ]);
    // After the list figures, so the dashboards it makes do not change them.
    templateRows.push(templateRow(dialect.name, await templateTimes(server, cookie)));
  } finally {
    await server.stop();
    await database.drop();
  }
  const path = await providerPathInProcess(dialect, yahoo.baseUrl);
  pathRows.push([
    dialect.name,
    fixed(path.hostP50Ms, 2),
    fixed(path.hostP95Ms, 2),
    fixed(path.directP50Ms, 2),
    fixed(path.directP95Ms, 2),
    fixed(path.hostP50Ms - path.directP50Ms, 2),
    fixed(path.hostP95Ms - path.directP95Ms, 2),
  ]);
}

printTable(
  'Sim-market bars through dataSources.query over HTTP (1m SIM:BTCUSD, one month per request)',
  ['database', 'bars', 'bars/s', 'p50 ms', 'p95 ms'],
  barsRows,
);
printTable(
  'A year of 1m SIM:BTCUSD bars per request over HTTP: sim-market generating vs nautilus.core/bars from its cache (median of 3; target ratio >= 1)',
  ['database', 'bars', 'cache fill ms', 'sim-market bars/s', 'cache bars/s', 'cache / sim'],
  cacheRows,
);
printTable(
  "Cold provider queries (nautilus.yahoo/bars) against a loopback server with Yahoo's recorded answer: through Nautilus vs straight to the loopback; processing = overhead less a bare HTTP round trip to the server (/healthz) (target: p95 < 5 ms)",
  [
    'database',
    'requests',
    'through p50 ms',
    'through p95 ms',
    'direct p50 ms',
    'direct p95 ms',
    'bare HTTP p95 ms',
    'overhead p95 ms',
    'processing p50 ms',
    'processing p95 ms',
  ],
  overheadRows,
);
printTable(
  'The provider path alone, in process: host.query(nautilus.yahoo/bars) vs plain fetch of the same loopback answer (target: overhead p95 < 5 ms)',
  ['database', 'host p50 ms', 'host p95 ms', 'fetch p50 ms', 'fetch p95 ms', 'overhead p50 ms', 'overhead p95 ms'],
  pathRows,
);
yahoo.server.close();
rmSync(configDir, { recursive: true, force: true });
printTable(
  'dashboards.save latency over HTTP (sequential, optimistic concurrency, one version row each)',
  ['database', 'saves', 'p50 ms', 'p95 ms', 'p99 ms'],
  saveRows,
);
await printLoginFloodTable();
const isolation = await isolationFigures();
printTable(
  'Plugin isolation over HTTP: a year of 1m SIM:BTCUSD bars per request from sim-market in its own process vs in the server process (two servers side by side, alternating, median of 4; target: isolated within 15%)',
  ['bars', 'in-process bars/s', 'isolated bars/s', 'isolated / in-process'],
  [
    [
      String(isolation.bars),
      fixed(isolation.inProcessBarsPerSecond, 0),
      fixed(isolation.isolatedBarsPerSecond, 0),
      fixed(isolation.isolatedBarsPerSecond / isolation.inProcessBarsPerSecond, 2),
    ],
  ],
);
printTable(
  '/healthz while an isolated plugin keeps its CPU busy (queries spinning 800 ms each, back to back), vs quiet (target: p99 < 100 ms)',
  ['quiet p99 ms', 'busy p99 ms', 'busy max ms', '/healthz calls', 'busy queries'],
  [
    [
      fixed(isolation.quietHealthP99),
      fixed(isolation.spinningHealthP99),
      fixed(isolation.spinningHealthMax),
      String(isolation.healthChecks),
      String(isolation.spins),
    ],
  ],
);
printTable(
  'dashboards.list over HTTP with 100 stored documents of about 1 MB, /healthz polled meanwhile (list fields read in SQL)',
  ['database', 'dashboards', 'MB each', 'p50 ms', 'p95 ms', 'slowest /healthz ms'],
  listRows,
);
printTable(TEMPLATE_TABLE.title, TEMPLATE_TABLE.header, templateRows);
printTable(REST_TABLE.title, REST_TABLE.header, restRows);
await printTypeCheckTable();
await printSweepTable();
// Live streaming last: it needs the machine's two cores to itself (server on one, clients on the other).
await printLiveTables();
