import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, type TestDatabase } from '../../test/databases.ts';
import { type Auth, type Harness, openHarness } from '../../test/harness.ts';
import { RHYTHM_TRADER, SMA_CROSSOVER, waitFor } from '../../test/strategies.ts';

const market = { dataSource: 'nautilus.sim-market/bars', symbol: 'SIM:MSFT', timeframe: '1d' };
const range = { from: '2022-01-01', to: '2024-01-01' };

interface Metric {
  id: string;
  value: number | null;
  formula: string;
  conventions: string;
}

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(`backtest tear sheets on ${dialect.name}`, () => {
    let database: TestDatabase;
    let api: Harness;
    let editor: Auth;
    let viewer: Auth;
    let runId: string;
    let run: any;

    beforeAll(async () => {
      database = await dialect.create();
      api = await openHarness(database, { plugins: 'first-party' });
      editor = await api.loginAs('editor');
      viewer = await api.loginAs('viewer');
      const strategyId = (await api.call('strategies.create', { source: SMA_CROSSOVER }, editor)).data.id;
      const queued = await api.call('backtests.run', { strategyId, params: { fast: 5, slow: 20 }, ...market, range }, editor);
      runId = queued.data.id;
      run = await waitFor(
        async () => (await api.call('backtests.get', { id: runId }, viewer)).data,
        (found) => found.status === 'done' || found.status === 'failed',
      );
      expect(run.status, JSON.stringify(run.error)).toBe('done');
    }, 120_000);
    afterAll(async () => {
      await api?.close();
      await database?.drop();
    });

    it('agrees with the runtime’s own backtest metrics (a second implementation) on a daily run', async () => {
      const answer = await api.call('analytics.backtestTearSheet', { id: runId }, viewer);
      expect(answer.status, JSON.stringify(answer.error)).toBe(200);
      const sheet = answer.data;
      const metric = (id: string) => (sheet.metrics as Metric[]).find((entry) => entry.id === id)!;
      // The runtime computes these from the full bar curve with the same conventions (rf / P, n − 1, √252).
      expect(sheet.periodsPerYear.value).toBe(252);
      expect(metric('totalReturn').value).toBeCloseTo(run.metrics.totalReturn, 10);
      expect(metric('volatility').value).toBeCloseTo(run.metrics.annualisedVolatility, 10);
      expect(metric('sharpe').value).toBeCloseTo(run.metrics.sharpe, 10);
      expect(metric('sortino').value).toBeCloseTo(run.metrics.sortino, 10);
      expect(metric('maxDrawdown').value).toBeCloseTo(run.metrics.maxDrawdown, 10);
      expect(metric('trades').value).toBe(run.metrics.tradeCount);
      expect(metric('hitRate').value).toBeCloseTo(run.metrics.winRate, 10);
      expect(metric('exposure').value).toBe(run.metrics.exposure);
      for (const entry of sheet.metrics as Metric[]) expect(entry.formula.length, entry.id).toBeGreaterThan(5);
      expect(sheet.source).toContain(`days of ${run.result.bars} 1d bars`);
      expect(sheet.monthlyReturns).toHaveLength(24);
      expect(sheet.yearlyReturns.map((entry: { year: number }) => entry.year)).toEqual([2022, 2023]);
    });

    it('compares against the simulated index by default and reports daily VaR / ES from the risk plugin', async () => {
      const sheet = (await api.call('analytics.backtestTearSheet', { id: runId }, viewer)).data;
      expect(sheet.benchmarkSource).toEqual({ dataSource: 'nautilus.sim-market/bars', symbol: 'SIM:SPX', timeframe: '1d' });
      expect(sheet.benchmark.commonPoints).toBeGreaterThan(400);
      const beta = (sheet.metrics as Metric[]).find((entry) => entry.id === 'beta')!;
      expect(Number.isFinite(beta.value)).toBe(true);
      expect(beta.conventions).toContain('aligned on UTC days');
      expect(sheet.risk).toMatchObject({ method: 'historical', confidence: 0.99, horizonDays: 1 });
      expect(sheet.risk.var).toBeGreaterThan(0);
      expect(sheet.risk.es).toBeGreaterThanOrEqual(sheet.risk.var);
    });

    it('takes any bars series as the benchmark: the traded instrument itself gives beta near its exposure', async () => {
      const answer = await api.call(
        'analytics.backtestTearSheet',
        { id: runId, benchmark: { symbol: 'SIM:MSFT' }, riskFreeRate: 0.02, risk: { method: 'parametric', confidence: 0.95 } },
        viewer,
      );
      expect(answer.status, JSON.stringify(answer.error)).toBe(200);
      const sheet = answer.data;
      expect(sheet.benchmarkSource.symbol).toBe('SIM:MSFT');
      expect(sheet.riskFreeRate).toBe(0.02);
      expect(sheet.risk).toMatchObject({ method: 'parametric', confidence: 0.95 });
      const correlation = (sheet.metrics as Metric[]).find((entry) => entry.id === 'correlation')!.value!;
      // A long-or-flat strategy on MSFT moves with MSFT on the days it holds it.
      expect(correlation).toBeGreaterThan(0.3);
    });

    it('refuses bad options naming the field, an unknown run, and callers without a login', async () => {
      const badRate = await api.call('analytics.backtestTearSheet', { id: runId, riskFreeRate: 5 }, viewer);
      expect(badRate.status).toBe(400);
      expect(badRate.error.data.nautilus.fields[0]?.path).toBe('riskFreeRate');
      const badSource = await api.call(
        'analytics.backtestTearSheet',
        { id: runId, benchmark: { symbol: 'X', dataSource: 'nope' } },
        viewer,
      );
      expect(badSource.error.data.nautilus.fields[0]?.path).toBe('benchmark.dataSource');
      const badConfidence = await api.call('analytics.backtestTearSheet', { id: runId, risk: { confidence: 1.5 } }, viewer);
      expect(badConfidence.error.data.nautilus.fields[0]?.path).toBe('risk.confidence');
      const unknown = await api.call('analytics.backtestTearSheet', { id: '00000000-0000-4000-8000-000000000000' }, viewer);
      expect(unknown.error.data.nautilus.code).toBe('NOT_FOUND');
      const anonymous = await api.call('analytics.backtestTearSheet', { id: runId });
      expect(anonymous.status).toBe(401);
    });

    it("measures a run's execution: market orders fill at the next open, so shortfall against arrival is the configured slippage", async () => {
      const strategyId = (await api.call('strategies.create', { source: SMA_CROSSOVER, name: 'Slipping' }, editor)).data.id;
      const config = { slippage: { type: 'percent', rate: 0.0005 }, commission: { type: 'per-share', perShare: 0, minimum: 1 } };
      const queued = await api.call(
        'backtests.run',
        { strategyId, params: { fast: 5, slow: 20 }, ...market, range, config },
        editor,
      );
      expect(queued.status, JSON.stringify(queued.error)).toBe(200);
      const slipped = await waitFor(
        async () => (await api.call('backtests.get', { id: queued.data.id }, viewer)).data,
        (found) => found.status === 'done' || found.status === 'failed',
      );
      expect(slipped.status, JSON.stringify(slipped.error)).toBe('done');
      const answer = await api.call('analytics.backtestExecution', { id: slipped.id }, viewer);
      expect(answer.status, JSON.stringify(answer.error)).toBe(200);
      const quality = answer.data;
      expect(quality.orders).toBe(slipped.result.orders.length);
      expect(Object.keys(quality.byType)).toEqual(['market']);
      // Every order the SMA strategy sends is a market order that fills whole at the next bar's open
      // moved 0.05 % against it: 5 bps of cost against arrival, and 1 of commission per fill.
      expect(quality.fillRatio).toBe(1);
      expect(quality.shortfallVsArrivalBps).toBeCloseTo(5, 8);
      expect(quality.slippageBps).toBeCloseTo(5, 8);
      expect(quality.commissions).toBe(slipped.result.fills.length);
      expect(Number.isFinite(quality.shortfallVsDecisionBps)).toBe(true);
    });

    it('names the benchmark that could not be loaded and still serves the rest', async () => {
      const sheet = (await api.call('analytics.backtestTearSheet', { id: runId, benchmark: { symbol: 'SIM:NOPE' } }, viewer))
        .data;
      expect(sheet.benchmark).toBeNull();
      expect(sheet.benchmarkError).toMatch(/SIM:NOPE/);
      expect(sheet.metrics.length).toBeGreaterThan(20);
    });

    it('reads a paper deployment bar by bar from the equity it keeps, agreeing with its own account', async () => {
      const strategyId = (await api.call('strategies.create', { source: RHYTHM_TRADER }, editor)).data.id;
      const deployed = await api.call(
        'deployments.deploy',
        {
          strategyId,
          params: { hold: 2, size: 0.1 },
          dataSource: 'nautilus.sim-market/bars',
          symbol: 'SIM:BTCUSD',
          timeframe: '1m',
          warmupBars: 5,
          replay: { bars: 20, speed: 600 },
        },
        editor,
      );
      expect(deployed.error).toBeUndefined();
      const id = deployed.data.id;
      const seen = await waitFor(
        async () => (await api.call('deployments.get', { id }, viewer)).data,
        (found) => found.activity.equity.time.length >= 25 && found.activity.trades.length >= 2,
      );
      await api.call('deployments.stop', { id, reason: 'tear sheet test' }, editor);
      const stopped = (await api.call('deployments.get', { id }, viewer)).data;
      const answer = await api.call(
        'analytics.deploymentTearSheet',
        { id, benchmark: { symbol: 'SIM:ETHUSD', timeframe: '1m' } },
        viewer,
      );
      expect(answer.status, JSON.stringify(answer.error)).toBe(200);
      const sheet = answer.data;
      const metric = (name: string) => (sheet.metrics as Metric[]).find((entry) => entry.id === name)!.value;
      const equity: number[] = stopped.activity.equity.equity;
      // The account's own figures: last kept equity over the initial cash, and the trades it kept.
      expect(metric('totalReturn')).toBeCloseTo(equity[equity.length - 1]! / stopped.config.initialCash - 1, 12);
      expect(metric('trades')).toBe(stopped.activity.trades.length);
      expect(sheet.source).toContain('read bar by bar');
      expect(sheet.periodsPerYear.value).toBeGreaterThan(90_000);
      expect(sheet.points).toBe(equity.length + 1);
      expect(seen.activity.trades.length).toBeGreaterThanOrEqual(2);
      const unknownDeployment = await api.call(
        'analytics.deploymentTearSheet',
        { id: '00000000-0000-4000-8000-000000000000' },
        viewer,
      );
      expect(unknownDeployment.error.data.nautilus.code).toBe('NOT_FOUND');
    });

    it("reads a portfolio's holdings over its last daily closes as P&L on its capital, for those who may view it", async () => {
      const book = {
        name: 'Tear sheet book',
        capital: 100_000,
        dataSource: 'nautilus.sim-market/bars',
        positions: [{ symbol: 'SIM:MSFT', quantity: 10 }],
      };
      const shared = (await api.call('portfolios.create', book, editor)).data.id;
      const answer = await api.call('analytics.portfolioTearSheet', { id: shared, days: 60 }, viewer);
      expect(answer.status, JSON.stringify(answer.error)).toBe(200);
      const sheet = answer.data;
      expect(sheet.points).toBe(61);
      // Independently: MSFT's closes on the sheet's first and last dates, from the bars source.
      const frames = (
        await api.call(
          'dataSources.query',
          {
            dataSource: 'nautilus.sim-market/bars',
            params: { symbol: 'SIM:MSFT', timeframe: '1d' },
            range: { from: sheet.from - 1, to: sheet.to + 1 },
          },
          viewer,
        )
      ).data.frames;
      const bars = frames.find((frame: { kind: string }) => frame.kind === 'ohlcv');
      const close = (time: number) => bars.close[bars.time.indexOf(time)];
      const totalReturn = (sheet.metrics as Metric[]).find((entry) => entry.id === 'totalReturn')!.value;
      expect(totalReturn).toBeCloseTo((10 * (close(sheet.to) - close(sheet.from))) / 100_000, 10);
      expect((sheet.metrics as Metric[]).find((entry) => entry.id === 'trades')!.value).toBe(0);

      const hidden = (await api.call('portfolios.create', { ...book, name: 'Private book', access: 'private' }, editor)).data.id;
      const refused = await api.call('analytics.portfolioTearSheet', { id: hidden }, viewer);
      expect(refused.error.data.nautilus.code).toBe('NOT_FOUND');
      const badDays = await api.call('analytics.portfolioTearSheet', { id: shared, days: 5 }, viewer);
      expect(badDays.error.data.nautilus.fields[0]?.path).toBe('days');
    });

    it('attributes a portfolio against a benchmark weight set: the effects add up to the compounded active return', async () => {
      const book = {
        name: 'Attribution book',
        capital: 100_000,
        dataSource: 'nautilus.sim-market/bars',
        positions: [
          { symbol: 'SIM:MSFT', quantity: 10 },
          { symbol: 'SIM:AAPL', quantity: 20 },
        ],
      };
      const portfolioId = (await api.call('portfolios.create', book, editor)).data.id;
      const answer = await api.call(
        'analytics.portfolioAttribution',
        { id: portfolioId, weights: { 'SIM:SPX': 1 }, days: 40 },
        viewer,
      );
      expect(answer.status, JSON.stringify(answer.error)).toBe(200);
      const result = answer.data;
      expect(result.periods).toBe(40);
      // Independently: unrebalanced holdings compound to their value ratio, the index to its close ratio.
      const closes = async (symbol: string) => {
        const frames = (
          await api.call(
            'dataSources.query',
            {
              dataSource: 'nautilus.sim-market/bars',
              params: { symbol, timeframe: '1d' },
              range: { from: result.from - 10 * 86_400_000, to: result.to + 1 },
            },
            viewer,
          )
        ).data.frames;
        const bars = frames.find((frame: { kind: string }) => frame.kind === 'ohlcv');
        const last = bars.time.indexOf(result.to);
        // The period before the first one starts at the close preceding `from` (40 periods = 41 closes).
        const firstIndex = bars.time.indexOf(result.from) - 1;
        return { first: bars.close[firstIndex], last: bars.close[last] };
      };
      const [msft, aapl, spx] = await Promise.all([closes('SIM:MSFT'), closes('SIM:AAPL'), closes('SIM:SPX')]);
      const portfolioReturn = (10 * msft.last + 20 * aapl.last) / (10 * msft.first + 20 * aapl.first) - 1;
      for (const table of [result.byInstrument, result.byAssetClass]) {
        expect(table.portfolioReturn).toBeCloseTo(portfolioReturn, 10);
        expect(table.benchmarkReturn).toBeCloseTo(spx.last / spx.first - 1, 10);
        expect(Math.abs(table.residual)).toBeLessThan(1e-12);
      }
      expect(result.byAssetClass.segments.map((segment: { segment: string }) => segment.segment)).toEqual(['index', 'stock']);
      const bad = await api.call('analytics.portfolioAttribution', { id: portfolioId, weights: { 'SIM:SPX': 0.5 } }, viewer);
      expect(bad.error.data.nautilus.fields[0]?.path).toBe('weights');
      // The attribution table panel reads the same through nautilus.core/analytics.
      const panel = await api.call(
        'dataSources.query',
        {
          dataSource: 'nautilus.core/analytics',
          params: { kind: 'portfolio', id: portfolioId, view: 'attribution', weights: 'SIM:SPX=1' },
          range: { from: '2000-01-01', to: 'now' },
        },
        viewer,
      );
      expect(panel.status, JSON.stringify(panel.error)).toBe(200);
      const [byInstrument, byClass, summary] = panel.data.frames;
      expect(byInstrument.rows.map((row: unknown[]) => row[0])).toEqual(['SIM:AAPL', 'SIM:MSFT', 'SIM:SPX']);
      expect(byClass.columns[0].name).toBe('Asset class');
      // The waterfall's summary (percent): each effect is its column's sum over the segments, and with the
      // residual (≈ 0) they add up to the active return, the same by instrument and by asset class.
      const effect = (name: string) => summary.rows.find((row: unknown[]) => row[0] === name);
      const columnSum = (table: { rows: number[][] }, index: number) => table.rows.reduce((sum, row) => sum + row[index]!, 0);
      for (const [index, name] of ['Allocation', 'Selection', 'Interaction'].entries()) {
        expect(effect(name)[1]).toBeCloseTo(columnSum(byInstrument, index + 1), 9);
        expect(effect(name)[2]).toBeCloseTo(columnSum(byClass, index + 1), 9);
      }
      expect(Math.abs(effect('Residual')[1])).toBeLessThan(1e-9);
      expect(effect('Active return')[2]).toBeCloseTo(effect('Active return')[1], 9);
      expect(effect('Allocation')[1] + effect('Selection')[1] + effect('Interaction')[1] + effect('Residual')[1]).toBeCloseTo(
        effect('Active return')[1],
        9,
      );
    });

    it('serves the same figures to dashboard panels through nautilus.core/analytics', async () => {
      const query = (params: Record<string, unknown>) =>
        api.call(
          'dataSources.query',
          { dataSource: 'nautilus.core/analytics', params, range: { from: '2000-01-01', to: 'now' } },
          viewer,
        );
      const sheet = (await api.call('analytics.backtestTearSheet', { id: runId }, viewer)).data;
      const table = (await query({ id: runId })).data.frames[0];
      const sharpeRow = table.rows.find((row: unknown[]) => row[0] === 'Sharpe');
      const sharpe = (sheet.metrics as Metric[]).find((entry) => entry.id === 'sharpe')!.value!;
      expect(sharpeRow[1]).toBe(sharpe.toFixed(2));
      expect(sharpeRow[2]).toContain('√P');
      expect(sharpeRow[4]).toBeCloseTo(sharpe, 12);
      const totalRow = table.rows.find((row: unknown[]) => row[0] === 'Total return');
      expect(totalRow[1]).toBe(`${(run.metrics.totalReturn * 100).toFixed(2)} %`);
      const monthly = (await query({ id: runId, view: 'monthly-returns' })).data.frames[0];
      expect(monthly.rows.map((row: unknown[]) => row[0])).toEqual(['2022', '2023']);
      const rolling = (await query({ id: runId, view: 'rolling' })).data.frames[0];
      expect(rolling.series.map((series: { name: string }) => series.name)).toEqual(['Sharpe (63)', 'Volatility (63)']);
      // The host checks every frame (times strictly increasing): the drawdown path passes.
      const drawdown = await query({ id: runId, view: 'drawdown' });
      expect(drawdown.status, JSON.stringify(drawdown.error)).toBe(200);
      expect(drawdown.data.frames[0].series[0].time[0]).toBe(run.result.curve.time[0]);
      const periods = (await query({ id: runId, view: 'drawdown-periods' })).data.frames[0];
      expect(periods.rows[0][0]).toBeCloseTo(-run.metrics.maxDrawdown * 100, 8);
      const overlay = (await query({ id: runId, view: 'benchmark' })).data.frames[0];
      expect(overlay.series[1].name).toBe('SIM:SPX (rebased)');
      const bad = await query({ id: runId, view: 'nope' });
      expect(bad.error.data.nautilus.code).toBe('VALIDATION');
    });
  });
}
