import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryBus } from '../../bus/memory-bus.ts';
import { loadCorePlugin } from '../../core-plugin.ts';
import { type Database, openDatabase } from '../../db/database.ts';
import { createPortfolio } from '../../risk/portfolio-store.ts';
import { RISK_SOURCE_REF } from '../../risk/risk-source.ts';
import { CORE_VERSION } from '../../version.ts';
import { PluginHost } from '../plugin-host.ts';
import type { IsolationPolicy } from '../plugin-loader.ts';

const firstParty = fileURLToPath(new URL('../../../../plugins/', import.meta.url));

/**
 * The first-party plugins answer the same through their own processes as in the server's: bars from
 * the simulated market, VaR from the risk models, stress tests, and the covariance kernel behind the
 * correlation view (its CPU half, which is the reference the WebGPU half is checked against).
 */
describe('first-party plugins isolated (NAUTILUS_PLUGIN_ISOLATION=all) answer as in process', () => {
  let folder: string;
  let database: Database;
  const hosts = new Map<IsolationPolicy, PluginHost>();

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'nautilus-parity-'));
    database = await openDatabase({ dataDir: join(folder, 'data') });
    await createPortfolio(database.db, null, {
      name: 'Book',
      capital: 1_000_000,
      dataSource: 'nautilus.sim-market/bars',
      positions: [
        { symbol: 'SIM:AAPL', quantity: 1_000 },
        { symbol: 'SIM:EURUSD', quantity: 200_000 },
        { symbol: 'SIM:BTCUSD', quantity: 2 },
      ],
    });
    for (const policy of ['third-party', 'all'] as const) {
      const host = new PluginHost({
        coreVersion: CORE_VERSION,
        folders: [{ dir: firstParty, source: 'first-party' }],
        logger: pino({ level: 'silent' }),
        bus: new MemoryBus(),
        pluginConfig: {},
        readSecret: () => undefined,
        setupTimeoutMs: 15_000,
        callTimeoutMs: 30_000,
        fetchTimeoutMs: 1_000,
        isolation: { policy, memoryMb: 512, dataRoot: join(folder, `plugin-data-${policy}`) },
      });
      await host.loadAll();
      await loadCorePlugin(host, database.db);
      hosts.set(policy, host);
    }
  }, 120_000);

  afterAll(async () => {
    for (const host of hosts.values()) await host.teardown();
    await database?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('loads every first-party plugin in its own process', () => {
    const isolated =
      hosts
        .get('all')
        ?.list()
        .filter((status) => status.source === 'first-party') ?? [];
    expect(isolated.length).toBeGreaterThan(10);
    for (const status of isolated) expect(status, status.id).toMatchObject({ state: 'active', isolation: { mode: 'process' } });
  });

  const both = async (ref: string, params: Record<string, unknown>, range: { from: number; to: number }) =>
    Promise.all(
      (['third-party', 'all'] as const).map((policy) =>
        (hosts.get(policy) as PluginHost).query(ref, { params, range, maxPoints: 100_000 }),
      ),
    );

  it('serves the same bars', async () => {
    const [inProcess, isolated] = await both(
      'nautilus.sim-market/bars',
      { symbol: 'SIM:AAPL', timeframe: '5m' },
      { from: Date.parse('2025-03-01'), to: Date.parse('2025-04-01') },
    );
    expect(isolated).toEqual(inProcess);
    expect((inProcess?.[0] as { time: number[] } | undefined)?.time.length).toBeGreaterThan(1_000);
  });

  it.each([
    ['VaR by every method', { view: 'var', backtestWindow: 0 }],
    ['stress scenarios', { view: 'stress' }],
    ['correlation from the covariance kernel', { view: 'correlation' }],
    ['Monte Carlo contributions on the compute kernel', { view: 'contribution', method: 'montecarlo', paths: 2_000 }],
  ])('computes the same %s', async (_name, params) => {
    const range = { from: Date.parse('2025-01-01'), to: Date.parse('2025-06-30') };
    const [inProcess, isolated] = await both(RISK_SOURCE_REF, { portfolio: 'Book', ...params }, range);
    expect(isolated).toEqual(inProcess);
  });
});
