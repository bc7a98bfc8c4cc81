import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, type TestDatabase } from '../../test/databases.ts';
import { type Auth, type Harness, openHarness } from '../../test/harness.ts';
import { waitFor } from '../../test/strategies.ts';
import { pruneAlerts } from '../risk/alert-store.ts';

/** Buys 10 a bar and logs every denial's reason. */
const ACCUMULATOR = `
export default defineStrategy({
  onBar(ctx) { ctx.buy(10); },
  onOrderDenied(ctx, denial) { ctx.log('denied: ' + denial.finding.message); },
});
`;

const book = {
  name: 'Multi-asset book',
  capital: 1_000_000,
  dataSource: 'nautilus.sim-market/bars',
  positions: [
    { symbol: 'SIM:AAPL', quantity: 1_000 },
    { symbol: 'SIM:MSFT', quantity: 500 },
    { symbol: 'SIM:EURUSD', quantity: 200_000 },
    { symbol: 'SIM:BTCUSD', quantity: 2 },
  ],
  limits: {
    onHardBreach: 'deny',
    limits: [
      { kind: 'maxGrossExposure', warn: 100_000, hard: 5_000_000 },
      { kind: 'maxPosition', hard: 10, symbol: 'SIM:BTCUSD' },
      { kind: 'maxLeverage', warn: 0.2, hard: 3 },
      { kind: 'maxVar', hard: 1 },
      { kind: 'maxOrderQuantity', hard: 5_000 },
    ],
  },
};
// Everything as of a fixed day, so the figures do not move with the clock.
const asOf = Date.parse('2025-06-30T00:00:00Z');
const range = { from: '2025-06-01', to: '2025-06-30' };

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(`portfolios and risk API on ${dialect.name}`, () => {
    let database: TestDatabase;
    let api: Harness;
    let editor: Auth;
    let viewer: Auth;
    let id: string;

    beforeAll(async () => {
      database = await dialect.create();
      api = await openHarness(database, { plugins: 'first-party' });
      editor = await api.loginAs('editor');
      viewer = await api.loginAs('viewer');
      const created = await api.call('portfolios.create', book, editor);
      expect(created.status).toBe(200);
      id = created.data.id;
    });
    afterAll(async () => {
      await api?.close();
      await database?.drop();
    });

    it('refuses a bad limit set naming the field, and stores nothing', async () => {
      const bad = { ...book, name: 'Bad', limits: { onHardBreach: 'deny', limits: [{ kind: 'maxLeverage', warn: 5, hard: 2 }] } };
      const result = await api.call('portfolios.create', bad, editor);
      expect(result.status).toBe(400);
      expect(result.error.data.nautilus.fields[0]?.path).toMatch(/^limits\.limits\[0\]\.(hard|warn)$/);
      const twice = await api.call(
        'portfolios.create',
        { ...book, name: 'Twice', positions: [book.positions[0], book.positions[0]] },
        editor,
      );
      expect(twice.error.data.nautilus.fields[0]).toMatchObject({ path: 'positions[1].symbol' });
      const names = (await api.call('portfolios.list', undefined, viewer)).data.map((item: { name: string }) => item.name);
      expect(names).toEqual([book.name]);
    });

    it('keeps the first save when a second one comes from a stale version', async () => {
      const first = await api.call('portfolios.update', { ...book, id, baseVersion: 1, capital: 2_000_000 }, editor);
      expect(first.data.version).toBe(2);
      const stale = await api.call('portfolios.update', { ...book, id, baseVersion: 1, capital: 5 }, editor);
      expect(stale.error.data.nautilus.code).toBe('CONFLICT');
      expect((await api.call('portfolios.get', { id }, viewer)).data.capital).toBe(2_000_000);
      expect((await api.call('portfolios.update', { ...book, id, baseVersion: 2 }, viewer)).status).toBe(403);
      await api.call('portfolios.update', { ...book, id, baseVersion: 2 }, editor);
    });

    it('computes VaR and ES by the three methods, each a positive loss whose components add up', async () => {
      const results = await Promise.all(
        ['parametric', 'historical', 'montecarlo'].map((method) =>
          api.call(
            'risk.var',
            { portfolioId: id, method, confidence: 0.99, horizonDays: 1, lookback: 250, asOf, options: { paths: 100_000 } },
            viewer,
          ),
        ),
      );
      for (const result of results) {
        expect(result.status, JSON.stringify(result.error)).toBe(200);
        const { var: valueAtRisk, es, positions, varPct } = result.data;
        expect(valueAtRisk).toBeGreaterThan(0);
        expect(es).toBeGreaterThanOrEqual(valueAtRisk);
        expect(varPct).toBeGreaterThan(0);
        expect(positions).toHaveLength(4);
        const components = positions.reduce((sum: number, position: { componentVar: number }) => sum + position.componentVar, 0);
        expect(components).toBeCloseTo(valueAtRisk, 0);
      }
      const [parametric, , montecarlo] = results.map((result) => result.data);
      expect(montecarlo.backend).toMatch(/^(cpu|webgpu-)/);
      // Same covariance, normal shocks: Monte Carlo lands near the parametric figure.
      expect(Math.abs(montecarlo.var - parametric.var) / parametric.var).toBeLessThan(0.1);
    });

    it('serves the risk widgets through the nautilus.core/risk data source', async () => {
      const query = (params: Record<string, unknown>) =>
        api.call(
          'dataSources.query',
          { dataSource: 'nautilus.core/risk', params: { portfolio: book.name, ...params }, range },
          viewer,
        );
      const vars = await query({ view: 'var', backtestWindow: 100, paths: 20_000 });
      expect(vars.status, JSON.stringify(vars.error)).toBe(200);
      const [table] = vars.data.frames;
      expect(table.columns.map((column: { name: string }) => column.name)).toEqual([
        'method',
        'confidence',
        'horizonDays',
        'VaR',
        'ES',
        'VaR %',
        'ES %',
        'backend',
        'observations',
        'exceptions',
        'kupiec p',
        'traffic light',
      ]);
      expect(table.rows.map((row: unknown[]) => row[0])).toEqual(['parametric', 'historical', 'montecarlo']);
      for (const row of table.rows) expect(['green', 'yellow', 'red']).toContain(row[11]);

      const correlation = (await query({ view: 'correlation' })).data.frames[0];
      expect(correlation.rows).toHaveLength(4);
      correlation.rows.forEach((row: number[], index: number) => {
        expect(row[index + 1]).toBeCloseTo(1, 4);
      });

      const limits = (await query({ view: 'limits' })).data.frames[0];
      const byLimit = Object.fromEntries(limits.rows.map((row: unknown[]) => [row[0], row]));
      expect(byLimit.maxGrossExposure[6]).toBe('warn');
      expect(byLimit.maxVar[6]).toBe('breach');
      expect(byLimit.maxPosition).toMatchObject(['maxPosition', 'SIM:BTCUSD', 2, null, 10, 0.2, 'ok']);
      expect(byLimit.maxOrderQuantity).toBeUndefined();

      const stress = (await query({ view: 'stress', scenario: 'equity-crash' })).data.frames[0];
      const shock = Object.fromEntries(stress.rows.map((row: unknown[]) => [row[0], row[2]]));
      expect(shock).toMatchObject({ 'SIM:AAPL': -0.2, 'SIM:MSFT': -0.2, 'SIM:EURUSD': 0, 'SIM:BTCUSD': 0 });

      const missing = await query({ portfolio: 'no such book' });
      expect(missing.error.data.nautilus.code).toBe('NOT_FOUND');
    });

    it('says how many returns a confidence level needs instead of returning a number it cannot back', async () => {
      const few = await api.call(
        'risk.var',
        { portfolioId: id, method: 'historical', confidence: 0.99, lookback: 50, asOf },
        viewer,
      );
      expect(few.status).toBe(400);
      expect(few.error.data.nautilus.code).toBe('INSUFFICIENT_DATA');
      expect(few.error.message).toMatch(/100/);
    });

    it('checks an order against the portfolio limits: the denial names the limit, threshold and value, and becomes an alert', async () => {
      const check = (order: Record<string, unknown>, auth = editor) =>
        api.call('risk.checkOrder', { portfolioId: id, order }, auth);
      // The book's VaR (tens of thousands) is far over maxVar's hard limit of 1: an order adding risk is denied.
      const denied = await check({ symbol: 'SIM:AAPL', side: 'buy', quantity: 10 });
      expect(denied.status, JSON.stringify(denied.error)).toBe(200);
      expect(denied.data).toMatchObject({ accepted: false, denial: { limit: 'maxVar', level: 'hard', threshold: 1 } });
      expect(denied.data.denial.value).toBeGreaterThan(1_000);
      expect(denied.data.denial.message).toMatch(/^maxVar: resulting one-day 99 % VaR [\d,.]+ exceeds hard limit 1$/);

      const current = (await api.call('portfolios.get', { id }, viewer)).data;
      const relaxed = current.limits.limits.map((limit: { kind: string }) =>
        limit.kind === 'maxVar' ? { kind: 'maxVar', hard: 10_000_000 } : limit,
      );
      const limits = { ...current.limits, limits: relaxed };
      await api.call('portfolios.update', { ...book, id, baseVersion: current.version, limits }, editor);
      const small = await check({ symbol: 'SIM:AAPL', side: 'buy', quantity: 10 });
      expect(small.data.accepted).toBe(true);
      // Adds to gross exposure beyond the warn threshold: accepted, with a warning.
      expect(small.data.warnings.map((finding: { limit: string }) => finding.limit)).toContain('maxGrossExposure');

      const big = await check({ symbol: 'SIM:BTCUSD', side: 'buy', quantity: 20 });
      expect(big.data.accepted).toBe(false);
      expect(big.data.denial).toMatchObject({
        limit: 'maxPosition',
        level: 'hard',
        threshold: 10,
        value: 22,
        symbol: 'SIM:BTCUSD',
      });
      // Selling down a position is never stopped by an exposure limit.
      const reduce = await check({ symbol: 'SIM:BTCUSD', side: 'sell', quantity: 1 });
      expect(reduce.data.accepted).toBe(true);

      const alerts = await api.call('risk.alerts', { sourceKind: 'portfolio', sourceId: id }, viewer);
      const denials = alerts.data.filter((alert: { details: { event: string } }) => alert.details.event === 'denial');
      // One alert per limit each denied order breaks: maxVar for the first, every one of the big order's.
      const bigBroken = big.data.denials.map((denial: { limit: string }) => denial.limit);
      expect(bigBroken[0]).toBe('maxPosition');
      expect(denials.map((alert: { limit: string }) => alert.limit).sort()).toEqual(['maxVar', ...bigBroken].sort());
      expect(denials[0]).toMatchObject({ level: 'hard', source: { kind: 'portfolio', name: book.name } });
      expect((await check({ symbol: 'SIM:AAPL', side: 'buy', quantity: 1 }, viewer)).status).toBe(403);
    });

    it('lists every limit an order breaks; a what-if check stores and publishes no alert, a real one alerts each', async () => {
      const order = { symbol: 'SIM:BTCUSD', side: 'buy', quantity: 6_000 };
      const portfolioAlerts = async () =>
        (await api.call('risk.alerts', { sourceKind: 'portfolio', sourceId: id, limit: 1000 }, viewer)).data as {
          limit: string;
          details: { event: string };
        }[];
      const before = await portfolioAlerts();
      const published: unknown[] = [];
      const stop = await api.services.bus.subscribe('risk.alerts', (alert) => void published.push(alert));
      try {
        const whatIf = await api.call('risk.whatIfOrder', { portfolioId: id, order }, editor);
        expect(whatIf.status, JSON.stringify(whatIf.error)).toBe(200);
        // 6,000 units: over the order quantity (5,000), BTC's position (10), gross exposure (5 M) and leverage (3).
        const broken = whatIf.data.denials.map((denial: { limit: string }) => denial.limit);
        expect(broken).toEqual(expect.arrayContaining(['maxOrderQuantity', 'maxPosition', 'maxGrossExposure', 'maxLeverage']));
        expect(whatIf.data.denial).toEqual(whatIf.data.denials[0]);
        expect(whatIf.data.denial.limit).toBe('maxOrderQuantity');
        expect(await portfolioAlerts()).toEqual(before);
        expect(published).toEqual([]);
        expect((await api.call('risk.whatIfOrder', { portfolioId: id, order }, viewer)).status).toBe(403);

        const real = await api.call('risk.checkOrder', { portfolioId: id, order }, editor);
        expect(real.data.denials.map((denial: { limit: string }) => denial.limit)).toEqual(broken);
        const after = await portfolioAlerts();
        const added = after.slice(0, after.length - before.length);
        expect(
          added
            .filter((alert) => alert.details.event === 'denial')
            .map((alert) => alert.limit)
            .sort(),
        ).toEqual([...broken].sort());
        await waitFor(
          async () => published.length,
          (count) => count === added.length,
        );
      } finally {
        await stop();
      }
    });

    it("denies a backtest's orders beyond a limit before they fill, tells the strategy why, and stores the findings as alerts", async () => {
      const strategy = await api.call('strategies.create', { source: ACCUMULATOR, name: 'Accumulator' }, editor);
      const limits = { onHardBreach: 'deny', limits: [{ kind: 'maxPosition', warn: 30, hard: 50 }] };
      const run = await api.call(
        'backtests.run',
        {
          strategyId: strategy.data.id,
          dataSource: 'nautilus.sim-market/bars',
          symbol: 'SIM:MSFT',
          timeframe: '1d',
          range: { from: '2025-01-01', to: '2025-03-01' },
          config: { limits },
        },
        editor,
      );
      expect(run.status, JSON.stringify(run.error)).toBe(200);
      const done = await waitFor(
        async () => (await api.call('backtests.get', { id: run.data.id }, viewer)).data,
        (record) => record.status === 'done' || record.status === 'failed',
      );
      expect(done.status, JSON.stringify(done.error)).toBe('done');
      const { result } = done;
      // Five buys of 10 fill; every later one is denied and never reaches the fill simulator.
      expect(Math.max(...result.fills.map((fill: { quantity: number }) => fill.quantity))).toBe(10);
      expect(result.fills).toHaveLength(5);
      const denials = result.riskEvents.filter((event: { type: string }) => event.type === 'denial');
      expect(denials.length).toBeGreaterThan(10);
      expect(denials[0]).toMatchObject({ limit: 'maxPosition', level: 'hard', threshold: 50, value: 60 });
      expect(result.logs.some((line: { message: string }) => /denied: maxPosition/.test(line.message))).toBe(true);
      expect(
        result.riskEvents.some(
          (event: { type: string; limit: string }) => event.type === 'warning' && event.limit === 'maxPosition',
        ),
      ).toBe(true);

      const alerts = await api.call('risk.alerts', { sourceKind: 'backtest', sourceId: run.data.id, limit: 1000 }, viewer);
      expect(alerts.data.length).toBe(result.riskEvents.length);
      expect(alerts.data[0].source.name).toMatch(/^Accumulator v1 on SIM:MSFT 1d$/);

      const bad = await api.call(
        'backtests.run',
        {
          strategyId: strategy.data.id,
          dataSource: 'nautilus.sim-market/bars',
          symbol: 'SIM:MSFT',
          timeframe: '1d',
          range: { from: '2025-01-01', to: '2025-03-01' },
          config: { limits: { onHardBreach: 'deny', limits: [{ kind: 'maxPosition', warn: 60, hard: 50 }] } },
        },
        editor,
      );
      expect(bad.status).toBe(400);
      expect(bad.error.data.nautilus.fields[0]?.path).toMatch(/^config\.limits\.limits\[0\]/);
    });

    it('deletes alerts past their retention, and only those', async () => {
      const stored = (await api.call('risk.alerts', { limit: 1000 }, viewer)).data.length;
      expect(stored).toBeGreaterThan(0);
      expect(await pruneAlerts(api.services.db, 1)).toBe(0);
      expect(await pruneAlerts(api.services.db, 1, Date.now() + 2 * 86_400_000)).toBe(stored);
      expect((await api.call('risk.alerts', { limit: 1000 }, viewer)).data).toEqual([]);
    });
  });
}
