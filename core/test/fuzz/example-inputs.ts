import { sampleDocument } from '../harness.ts';
import { RHYTHM_TRADER } from '../strategies.ts';

/** Ids of what the fuzz works on, made before it starts. */
export interface FuzzFixtures {
  dashboardId: string;
  /** A dashboard, strategy, portfolio, user, API key and share link that the delete examples remove. */
  doomed: { dashboardId: string; strategyId: string; portfolioId: string; userId: string; apiKeyId: string; shareLinkId: string };
  /** A share link to `dashboardId`. */
  shareToken: string;
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

/** A template file (format 2) of `sampleDocument`, for the templates.* examples. */
const FUZZ_TEMPLATE = {
  templateVersion: 2,
  id: 'fuzz-desk',
  version: '1.0.0',
  name: 'Fuzz desk',
  description: 'A template the fuzz imports',
  inputs: [
    { type: 'dataSource', name: 'bars', label: 'Bars', frames: ['ohlcv'], default: 'nautilus.sim-market/bars' },
    { type: 'variable', name: 'symbol', label: 'Instrument', default: 'SIM:AAPL' },
  ],
  requires: [
    { plugin: 'nautilus.sim-market', range: '^0.1.0', version: '0.1.0', digest: null },
    { plugin: 'nautilus.widgets-core', range: '^0.1.0', version: '0.1.0', digest: null },
  ],
  dashboard: sampleDocument('Fuzz template desk'),
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
    'strategies.rename': [{ id: strategyId, name: 'Fuzz target renamed' }],
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
    'backtests.compare': [{ ids: [fixtures.backtestId] }, { ids: [fixtures.backtestId], curves: true }],
    'backtests.bars': [{ id: fixtures.backtestId }],
    // Past the 2,000-backtest cap (20 folds × 201 points): refused by the last check, so no sweep starts.
    'sweeps.create': [
      {
        strategyId,
        mode: 'walk-forward',
        axes: { hold: { min: 1, max: 200, step: 1 } },
        walkForward: { folds: 20 },
        ...market,
        range: { from: '2024-01-01', to: '2024-03-01' },
      },
    ],
    'sweeps.list': [{ strategyId, limit: 5 }],
    'sweeps.get': [{ id: '00000000-0000-4000-8000-000000000000' }],
    'sweeps.cancel': [{ id: '00000000-0000-4000-8000-000000000000' }],
    'sweeps.saveAsVersion': [{ id: '00000000-0000-4000-8000-000000000000', idx: 0, baseVersion: 1 }],
    'analytics.backtestTearSheet': [
      { id: fixtures.backtestId },
      {
        id: fixtures.backtestId,
        benchmark: { symbol: 'SIM:MSFT', timeframe: '1d' },
        riskFreeRate: 0.02,
        risk: { method: 'parametric', confidence: 0.95 },
      },
    ],
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
    'analytics.backtestExecution': [{ id: fixtures.backtestId }],
    'analytics.deploymentExecution': [{ id: fixtures.deploymentId }],
    'analytics.deploymentTearSheet': [{ id: fixtures.deploymentId }, { id: fixtures.deploymentId, riskFreeRate: 0.01 }],
    'deployments.watch': [{ id: fixtures.deploymentId }],
    'portfolios.get': [{ id: portfolioId }],
    'analytics.portfolioAttribution': [{ id: portfolioId, weights: { 'SIM:SPX': 1 }, days: 20 }],
    'analytics.portfolioTearSheet': [{ id: portfolioId }, { id: portfolioId, days: 60, benchmark: { symbol: 'SIM:SPX' } }],
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
    'risk.whatIfOrder': [
      { portfolioId, order: { symbol: 'SIM:AAPL', side: 'sell', quantity: 5, type: 'limit', limitPrice: 100 } },
    ],
    'risk.alertGroups': [{ sourceKind: 'portfolio', sourceId: portfolioId, limit: 'maxPosition', unread: true, maxGroups: 20 }],
    'risk.markAlertsRead': [
      { groups: [{ sourceKind: 'portfolio', sourceId: portfolioId, limit: 'maxPosition' }], upTo: '2026-01-01T00:00:00.000Z' },
    ],
    'risk.markAllAlertsRead': [{ sourceKind: 'backtest', upTo: '2026-01-01T00:00:00Z' }],
    'providers.setSecret': [{ pluginId: 'nautilus.fred', name: 'FRED_API_KEY', value: 'fuzz-key-0123456789' }],
    'providers.clearSecret': [{ pluginId: 'nautilus.fred', name: 'FRED_API_KEY' }],
    'providers.setConfig': [
      { pluginId: 'nautilus.ckan', config: { allowedHosts: ['*.gov'], rateLimits: [{ requests: 100, perSeconds: 1 }] } },
    ],
    'providers.test': [{ pluginId: 'nautilus.ibkr' }],
    'providers.setChain': [{ chain: [{ match: 'SIM:*', sources: ['nautilus.sim-market/bars'], calendar: 'none' }] }],
    'providers.searchInstruments': [{ text: 'SIM', limit: 5 }],
    'uploads.delete': [{ id: '00000000-0000-4000-8000-000000000000' }],
    'dashboards.list': [{ folder: 'Fuzz', search: 'fuzz' }, { folder: null }],
    'dashboards.move': [{ id: dashboardId, folder: 'Fuzz folder' }],
    'sharing.grants': [{ objectType: 'dashboard', objectId: dashboardId }],
    'sharing.grant': [
      { objectType: 'dashboard', objectId: dashboardId, granteeType: 'user', grantee: fixtures.userId, permission: 'view' },
    ],
    'sharing.revoke': [{ objectType: 'dashboard', objectId: dashboardId, granteeType: 'user', grantee: fixtures.userId }],
    'sharing.links': [{ dashboardId }],
    'sharing.createLink': [
      {
        dashboardId,
        expiresAt: Date.parse('2100-01-01'),
        variables: { symbol: 'SIM:MSFT' },
        timeRange: { from: 'now-1d', to: 'now' },
        label: 'fuzz',
      },
    ],
    'sharing.revokeLink': [{ id: doomed.shareLinkId }],
    'sharing.open': [{ token: fixtures.shareToken }],
    'sharing.query': [
      { token: fixtures.shareToken, dataSource: 'nautilus.sim-market/bars', params: { symbol: 'SIM:AAPL', timeframe: '1h' } },
    ],
    'templates.export': [{ id: dashboardId, templateId: 'fuzz-desk', version: '1.2.3' }],
    'templates.dryRun': [{ template: FUZZ_TEMPLATE, mapping: { symbol: 'SIM:MSFT' }, replace: { dashboardId } }],
    'templates.import': [{ template: FUZZ_TEMPLATE, mapping: { bars: 'nautilus.core/bars' }, access: 'private', folder: 'Fuzz' }],
    'templates.instantiate': [{ id: 'fx-monitor', mapping: { pair: 'SIM:USDJPY' }, folder: 'Fuzz' }],
    'audit.list': [
      {
        actor: 'admin',
        action: 'dashboards.',
        targetType: 'dashboard',
        targetId: dashboardId,
        outcome: 'ok',
        page: 1,
        pageSize: 10,
      },
    ],
    // A plugin nobody installed: each is refused past its checks (the fuzz's registry knows no package).
    'pluginInstalls.review': [{ pluginId: 'fuzz.absent', version: '1.0.0' }],
    'pluginInstalls.stageFromRegistry': [{ name: '@fuzz/absent', version: '1.0.0' }],
    'pluginInstalls.approve': [{ pluginId: 'fuzz.absent', version: '1.0.0', integrity: `sha512-${'A'.repeat(86)}==` }],
    'pluginInstalls.discard': [{ pluginId: 'fuzz.absent', version: '1.0.0' }],
    'pluginInstalls.enable': [{ pluginId: 'fuzz.absent' }],
    'pluginInstalls.disable': [{ pluginId: 'fuzz.absent' }],
    'pluginInstalls.update': [{ pluginId: 'fuzz.absent', version: '1.0.1' }],
    'pluginInstalls.rollback': [{ pluginId: 'fuzz.absent' }],
    'pluginInstalls.dependents': [{ pluginId: 'fuzz.absent' }],
    'pluginInstalls.uninstall': [{ pluginId: 'fuzz.absent', confirm: true }],
    'pluginInstalls.addTrustedKey': [{ name: 'fuzz key', publicKey: 'ed25519:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=' }],
    'pluginInstalls.removeTrustedKey': [{ keyId: '0123456789abcdef' }],
    'pluginInstalls.setRequireSigned': [{ value: false }],
  };
}

/** Examples refused on purpose (so their mutations do not start work), with the code they get. */
export const REFUSED_EXAMPLES: Record<string, string> = {
  'auth.login': 'UNAUTHORIZED',
  // Past the year a link may live: refused after every other check, so mutations do not make links.
  'sharing.createLink': 'VALIDATION',
  'backtests.run': 'VALIDATION',
  'sweeps.create': 'VALIDATION',
  // No such sweep: the fuzz starts none (a sweep is real work).
  'sweeps.get': 'NOT_FOUND',
  'sweeps.cancel': 'NOT_FOUND',
  'sweeps.saveAsVersion': 'NOT_FOUND',
  // No such plugin is installed or staged, and the fuzz's registry has no packages.
  'pluginInstalls.review': 'NOT_FOUND',
  'pluginInstalls.stageFromRegistry': 'NOT_FOUND',
  'pluginInstalls.approve': 'NOT_FOUND',
  'pluginInstalls.discard': 'NOT_FOUND',
  'pluginInstalls.enable': 'NOT_FOUND',
  'pluginInstalls.disable': 'NOT_FOUND',
  'pluginInstalls.update': 'NOT_FOUND',
  'pluginInstalls.rollback': 'NOT_FOUND',
  'pluginInstalls.uninstall': 'NOT_FOUND',
  'pluginInstalls.removeTrustedKey': 'NOT_FOUND',
  // The fuzz trusted this key already, under a mutated name.
  'pluginInstalls.addTrustedKey': 'CONFLICT',
};
