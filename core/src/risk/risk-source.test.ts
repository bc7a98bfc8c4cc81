import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryBus } from '../bus/memory-bus.ts';
import { loadCorePlugin } from '../core-plugin.ts';
import { type Database, openDatabase } from '../db/database.ts';
import { PluginHost } from '../plugins/plugin-host.ts';
import { CORE_VERSION } from '../version.ts';
import { createPortfolio } from './portfolio-store.ts';
import { RISK_SOURCE_REF } from './risk-source.ts';

const plugins = fileURLToPath(new URL('../../../plugins/', import.meta.url));

/** The bar source and the risk models, but not the compute plugin that Monte Carlo runs on. */
describe('nautilus.core/risk without the compute plugin', () => {
  let folder: string;
  let database: Database;
  let host: PluginHost;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'nautilus-risk-plugins-'));
    for (const name of ['sim-market', 'risk-core']) symlinkSync(join(plugins, name), join(folder, name));
    database = await openDatabase({ dataDir: join(folder, 'data') });
    host = new PluginHost({
      coreVersion: CORE_VERSION,
      folders: [{ dir: folder, source: 'extra' }],
      logger: pino({ level: 'silent' }),
      bus: new MemoryBus(),
      pluginConfig: {},
      readSecret: () => undefined,
      setupTimeoutMs: 10_000,
      callTimeoutMs: 15_000,
      fetchTimeoutMs: 1_000,
    });
    await host.loadAll();
    await loadCorePlugin(host, database.db);
    await createPortfolio(database.db, null, {
      name: 'Equities',
      capital: 100_000,
      dataSource: 'nautilus.sim-market/bars',
      positions: [
        { symbol: 'SIM:AAPL', quantity: 100 },
        { symbol: 'SIM:MSFT', quantity: 50 },
      ],
    });
  });
  afterAll(async () => {
    await host?.teardown();
    await database?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const query = (params: Record<string, unknown>) =>
    host.query(RISK_SOURCE_REF, {
      params: { portfolio: 'Equities', backtestWindow: 0, ...params },
      range: { from: Date.parse('2025-05-01'), to: Date.parse('2025-06-30') },
      maxPoints: 1_000,
    });

  it('still gives the parametric and historical rows of the VaR tile, leaving Monte Carlo out', async () => {
    const [frame] = await query({ view: 'var' });
    expect(frame?.kind).toBe('table');
    if (frame?.kind !== 'table') return;
    expect(frame.rows.map((row) => row[0])).toEqual(['parametric', 'historical']);
    for (const row of frame.rows) expect(row[3]).toBeGreaterThan(0);
  });

  it('says which plugin to install when Monte Carlo is asked for by itself', async () => {
    await expect(query({ view: 'contribution', method: 'montecarlo' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/nautilus\.compute-webgpu/),
    });
  });

  it("holds a query that comes from no logged-in request (no caller) to a viewer's default caps", async () => {
    await expect(query({ view: 'contribution', method: 'montecarlo', paths: 1_000_001 })).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: [{ path: 'params.paths', message: expect.stringMatching(/^at most 1,000,000 Monte Carlo paths for a viewer/) }],
    });
    await expect(query({ view: 'backtest', method: 'historical', lookback: 2_000, backtestWindow: 501 })).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: [{ path: 'params.backtestWindow', message: expect.stringMatching(/^lookback 2,000 × 501 days/) }],
    });
  });
});
