import { sampleDocument } from '../harness.ts';
import { RHYTHM_TRADER } from '../strategies.ts';

/** Ids of what the fuzz works on, made before it starts. */
export interface FuzzFixtures {
  dashboardId: string;
  /** A dashboard, strategy, portfolio, user and API key that the delete examples remove. */
  doomed: { dashboardId: string; strategyId: string; portfolioId: string; userId: string; apiKeyId: string };
  strategyId: string;
  portfolioId: string;
  userId: string;
  backtestId: string;
  deploymentId: string;
}

const market = { dataSource: 'nautilus.sim-market/bars', symbol: 'SIM:AAPL', timeframe: '1h' };
const asOf = Date.parse('2025-06-30T00:00:00Z');

export const FUZZ_PORTFOLIO = {
  name: 'Fuzz book',
  description: 'Two positions and a limit set',
  capital: 1_000_000,
  dataSource: 'nautilus.sim-market/bars',
  positions: [
    { symbol: 'SIM:AAPL', quantity: 1_000, assetClass: 'equity' },
    { symbol: 'SIM:EURUSD', quantity: 200_000 },
  ],
  limits: {
    onHardBreach: 'deny',
    limits: [
      { kind: 'maxGrossExposure', warn: 100_000, hard: 5_000_000 },
      { kind: 'maxOrderQuantity', hard: 5_000 },
    ],
  },
};

/**
 * Valid inputs, by procedure, that the fuzz mutates field by field. Some are refused on purpose
 * after the checks they should reach (see REFUSED_EXAMPLES), so mutations do not start real work.
 * Procedures without input have none; a new procedure without an example still gets every hostile
 * whole input.
 */
export function exampleInputs(fixtures: FuzzFixtures): Record<string, unknown[]> {
  const { dashboardId, strategyId, portfolioId, doomed } = fixtures;
  return {
    'auth.login': [{ username: 'admin', password: 'not the admin password' }],
    'dashboards.get': [{ id: dashboardId, version: 1 }],
    'dashboards.create': [
      { document: sampleDocument('Fuzz desk') },
      { title: 'Fuzz empty desk' },
      // The pre-release format, which the server migrates before validating.
      {
        document: {
          name: 'Old desk',
          symbol: 'AAPL',
          widgets: [
            {
              key: 'w',
              kind: 'candlestick',
              title: 'Price',
              datasource: 'sim',
              symbol: 'MSFT',
              interval: '1h',
              settings: { a: 1 },
              layout: { col: 1, row: 0, width: 6, height: 2 },
            },
          ],
        },
      },
    ],
    'dashboards.save': [{ id: dashboardId, baseVersion: 2, document: sampleDocument('Fuzz v3'), message: 'fuzz' }],
    'dashboards.delete': [{ id: doomed.dashboardId }],
    'dashboards.history': [{ id: dashboardId }],
    'dashboards.restore': [{ id: dashboardId, version: 1, baseVersion: 2 }],
    'dataSources.query': [
      {
        dataSource: 'nautilus.sim-market/bars',
        params: { symbol: 'SIM:AAPL', timeframe: '1h' },
        range: { from: '2025-03-03', to: '2025-03-05' },
        maxPoints: 100,
      },
    ],
    'users.create': [{ username: 'fuzz-created', password: 'a long enough password', role: 'viewer' }],
    'users.update': [{ id: fixtures.userId, role: 'viewer', password: 'another long password', disabled: false }],
    'users.delete': [{ id: doomed.userId }],
    'apiKeys.create': [{ name: 'fuzz key' }],
    'apiKeys.revoke': [{ id: doomed.apiKeyId }],
    'strategies.get': [{ id: strategyId, version: 1 }],
    'strategies.create': [{ source: RHYTHM_TRADER, name: 'Fuzz trader', description: 'from the fuzz', message: 'first' }],
    'strategies.save': [{ id: strategyId, baseVersion: 2, source: RHYTHM_TRADER, message: 'm', name: 'n', description: 'd' }],
    'strategies.versions': [{ id: strategyId }],
    'strategies.diff': [{ id: strategyId, to: 2, from: 1 }],
    'strategies.delete': [{ id: doomed.strategyId }],
    'backtests.run': [
      {
        strategyId,
        version: 2,
        params: { hold: 2, size: 1 },
        config: {
          initialCash: 10_000,
          commission: { type: 'per-share', perShare: 0.01, minimum: 1 },
          slippage: { type: 'percent', rate: 0.001 },
          fillAt: 'close',
          limits: { onHardBreach: 'deny', limits: [{ kind: 'maxOrderQuantity', hard: 100 }] },
        },
        ...market,
        // Refused after every other check (from after to): a mutation that keeps it valid queues a run.
        range: { from: '2024-01-03', to: '2024-01-02' },
      },
    ],
    'backtests.get': [{ id: fixtures.backtestId }],
    'backtests.list': [{ strategyId, version: 1, limit: 5 }],
    'backtests.compare': [{ ids: [fixtures.backtestId] }],
    'deployments.deploy': [
      {
        strategyId,
        version: 2,
        params: { hold: 2 },
        config: { initialCash: 10_000 },
        limits: { memoryMb: 64, batchTimeoutMs: 1_000, runCpuMs: 10_000 },
        ...market,
        warmupBars: 5,
        replay: { bars: 5, speed: 1_000 },
      },
    ],
    'deployments.stop': [{ id: fixtures.deploymentId, reason: 'fuzz' }],
    'deployments.rollback': [{ id: fixtures.deploymentId }],
    'deployments.list': [{ strategyId, status: 'stopped', limit: 5 }],
    'deployments.get': [{ id: fixtures.deploymentId }],
    'deployments.watch': [{ id: fixtures.deploymentId }],
    'portfolios.get': [{ id: portfolioId }],
    'portfolios.create': [FUZZ_PORTFOLIO],
    'portfolios.update': [{ ...FUZZ_PORTFOLIO, id: portfolioId, baseVersion: 1 }],
    'portfolios.delete': [{ id: doomed.portfolioId }],
    'risk.var': [
      {
        portfolioId,
        method: 'parametric',
        confidence: 0.99,
        horizonDays: 1,
        lookback: 250,
        asOf,
        options: { covariance: 'ewma', lambda: 0.94, mean: 'zero' },
      },
    ],
    'risk.backtest': [{ portfolioId, method: 'parametric', confidence: 0.95, lookback: 250, window: 30, asOf }],
    'risk.stress': [
      {
        portfolioId,
        scenario: { kind: 'hypothetical', name: 'Crash', bySymbol: { 'SIM:AAPL': -0.2 }, byAssetClass: { fx: 0.05 } },
      },
      {
        portfolioId,
        scenario: { kind: 'historical', name: 'Spring', from: Date.parse('2025-03-01'), to: Date.parse('2025-04-01') },
      },
    ],
    'risk.checkOrder': [
      {
        portfolioId,
        order: { symbol: 'SIM:AAPL', side: 'buy', quantity: 10, type: 'stop-limit', limitPrice: 100, stopPrice: 99 },
      },
    ],
    'risk.alerts': [{ limit: 10, sourceKind: 'portfolio', sourceId: portfolioId }],
    'providers.setSecret': [{ pluginId: 'nautilus.fred', name: 'FRED_API_KEY', value: 'fuzz-key-0123456789' }],
    'providers.clearSecret': [{ pluginId: 'nautilus.fred', name: 'FRED_API_KEY' }],
    'providers.setConfig': [
      { pluginId: 'nautilus.ckan', config: { allowedHosts: ['*.gov'], rateLimits: [{ requests: 100, perSeconds: 1 }] } },
    ],
    'providers.test': [{ pluginId: 'nautilus.ibkr' }],
    'providers.setChain': [{ chain: [{ match: 'SIM:*', sources: ['nautilus.sim-market/bars'], calendar: 'none' }] }],
    'providers.searchInstruments': [{ text: 'SIM', limit: 5 }],
    'uploads.delete': [{ id: '00000000-0000-4000-8000-000000000000' }],
  };
}

/** Examples refused on purpose (so their mutations do not start work), with the code they get. */
export const REFUSED_EXAMPLES: Record<string, string> = {
  'auth.login': 'UNAUTHORIZED',
  'backtests.run': 'VALIDATION',
};
