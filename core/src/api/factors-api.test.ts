import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, type TestDatabase } from '../../test/databases.ts';
import { type Auth, type Harness, openHarness } from '../../test/harness.ts';

// The factors plugin loaded as every first-party plugin is, reading the simulated bars and FRED's
// first-release series through ctx.data (the path a third-party plugin has); FRED is a loopback server
// answering in the shape FRED documents for output_type 4 (hand-written values: a monthly series, each
// first published 15 days after its month).
const pglite = dialects.find((dialect) => dialect.name === 'pglite')!;
const DAY = 86_400_000;

function firstReleases(): string {
  const observations = [];
  for (let month = 0; month < 30; month++) {
    const period = new Date(Date.UTC(2024, month, 1));
    const released = new Date(period.getTime() + (31 + 14) * DAY);
    observations.push({
      realtime_start: released.toISOString().slice(0, 10),
      realtime_end: '9999-12-31',
      date: period.toISOString().slice(0, 10),
      value: String(300 + month + 3 * Math.sin(month)),
    });
  }
  return JSON.stringify({ output_type: 4, observations });
}

describe('factors through the plugin host and the API', () => {
  let server: Server;
  let database: TestDatabase;
  let api: Harness;
  let viewer: Auth;
  let configDir: string;

  beforeAll(async () => {
    server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(firstReleases());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    configDir = mkdtempSync(join(tmpdir(), 'nautilus-factors-'));
    const configFile = join(configDir, 'plugins.json');
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/fred/`;
    writeFileSync(configFile, JSON.stringify({ 'nautilus.fred': { baseUrl } }));
    database = await pglite.create();
    api = await openHarness(database, {
      plugins: 'first-party',
      env: { NAUTILUS_PLUGIN_CONFIG: configFile, NAUTILUS_SECRET_FRED_API_KEY: 'loopback-key' },
    });
    viewer = await api.loginAs('viewer');
  }, 60_000);
  afterAll(async () => {
    await api?.close();
    await database?.drop();
    rmSync(configDir, { recursive: true, force: true });
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('answers a factor query with the economic series as known on each bar, and correlations in [−1, 1]', async () => {
    const query = (view: string) =>
      api.call(
        'dataSources.query',
        {
          dataSource: 'nautilus.factors/factor',
          params: { symbol: 'SIM:AAPL', timeframe: '1d', seriesId: 'CPIAUCSL', window: 60, view },
          range: { from: '2025-01-01', to: '2025-06-01' },
        },
        viewer,
      );
    const aligned = await query('aligned');
    expect(aligned.status, JSON.stringify(aligned.error)).toBe(200);
    const series = aligned.data.frames[0].series[0];
    // December 2024 (month 11) is first published on 2025-01-15, so usable from 2025-01-16.
    const on = (date: string) => series.values[series.time.indexOf(Date.parse(`${date}T00:00:00Z`))];
    expect(on('2025-01-15')).toBeCloseTo(300 + 10 + 3 * Math.sin(10), 9);
    expect(on('2025-01-16')).toBeCloseTo(300 + 11 + 3 * Math.sin(11), 9);
    const correlation = await query('correlation');
    expect(correlation.status, JSON.stringify(correlation.error)).toBe(200);
    const values: number[] = correlation.data.frames[0].series[0].values;
    expect(values.length).toBeGreaterThan(100);
    expect(values.every((value) => value >= -1 - 1e-12 && value <= 1 + 1e-12)).toBe(true);
  });
});
