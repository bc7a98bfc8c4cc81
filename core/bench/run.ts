// `npm run bench` (core part): end-to-end figures over HTTP against the real server process, on
// embedded PGlite and on PostgreSQL in the same run. Prints tables; asserts nothing.

import { startServerProcess } from '../src/testing/server-process.ts';
import { dialects } from '../test/databases.ts';
import { dashboardLists } from './dashboard-list.bench.ts';
import { barsOverHttp, benchAdminEnv, dashboardSaves, login } from './http-api.bench.ts';
import { printLoginFloodTable } from './login-flood.bench.ts';
import { printTable } from './stats.ts';

const fixed = (value: number, digits = 1) => value.toFixed(digits);
const barsRows: string[][] = [];
const saveRows: string[][] = [];
const listRows: string[][] = [];

for (const dialect of dialects) {
  if (dialect.skip) {
    barsRows.push([dialect.name, 'unreachable', '', '', '']);
    saveRows.push([dialect.name, 'unreachable', '', '', '']);
    listRows.push([dialect.name, 'unreachable', '', '', '', '']);
    continue;
  }
  const database = await dialect.create();
  const server = await startServerProcess({
    ...benchAdminEnv,
    NAUTILUS_DATA_DIR: database.options.dataDir,
    DATABASE_URL: database.options.databaseUrl ?? '',
  });
  try {
    const cookie = await login(server);
    const bars = await barsOverHttp(server, cookie);
    barsRows.push([dialect.name, String(bars.bars), fixed(bars.barsPerSecond, 0), fixed(bars.p50Ms), fixed(bars.p95Ms)]);
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
  } finally {
    await server.stop();
    await database.drop();
  }
}

printTable(
  'Sim-market bars through dataSources.query over HTTP (1m SIM:BTCUSD, one month per request)',
  ['database', 'bars', 'bars/s', 'p50 ms', 'p95 ms'],
  barsRows,
);
printTable(
  'dashboards.save latency over HTTP (sequential, optimistic concurrency, one version row each)',
  ['database', 'saves', 'p50 ms', 'p95 ms', 'p99 ms'],
  saveRows,
);
await printLoginFloodTable();
printTable(
  'dashboards.list over HTTP with 100 stored documents of about 1 MB, /healthz polled meanwhile (list fields read in SQL)',
  ['database', 'dashboards', 'MB each', 'p50 ms', 'p95 ms', 'slowest /healthz ms'],
  listRows,
);
