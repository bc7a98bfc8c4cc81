import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, type TestDatabase } from '../../test/databases.ts';
import { type Auth, type Harness, openHarness } from '../../test/harness.ts';
import { waitFor } from '../../test/strategies.ts';
import { computeActivity } from '../compute/compute-service.ts';

const book = {
  name: 'Capped book',
  capital: 1_000_000,
  dataSource: 'nautilus.sim-market/bars',
  positions: [
    { symbol: 'SIM:AAPL', quantity: 1_000 },
    { symbol: 'SIM:MSFT', quantity: 500 },
    { symbol: 'SIM:EURUSD', quantity: 200_000 },
    { symbol: 'SIM:BTCUSD', quantity: 2 },
  ],
};
const DAY = 86_400_000;
const asOf = Date.parse('2025-06-30T00:00:00Z');
const range = { from: '2025-06-01', to: '2025-06-30' };

// Small caps, so that the role difference shows on cheap requests; editors keep the defaults but two.
const env = {
  NAUTILUS_RISK_VIEWER_MAX_PATHS: '50000',
  NAUTILUS_RISK_VIEWER_MAX_BACKTEST_PATHS: '200000',
  NAUTILUS_RISK_VIEWER_MAX_LOOKBACK: '300',
  NAUTILUS_RISK_VIEWER_MAX_BACKTEST_RETURNS: '30000',
  NAUTILUS_RISK_VIEWER_MAX_STRESS_DAYS: '365',
  NAUTILUS_RISK_EDITOR_MAX_PATHS: '2000000',
};

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(`risk size caps and aborts on ${dialect.name}`, () => {
    let database: TestDatabase;
    let api: Harness;
    let editor: Auth;
    let viewer: Auth;
    let id: string;
    const activity = () => computeActivity(api.services.plugins.compute)!;

    const logLines: string[] = [];

    /**
     * Sends `url` as the editor, aborts it once its kernel runs have started, and waits until none is
     * active; checks that none starts afterwards. Returns the kernel-run counts before and at the stop.
     */
    async function abortMidway(url: string): Promise<{ before: number; stopped: number }> {
      const before = activity().started;
      const controller = new AbortController();
      const request = api.request(url, { headers: { cookie: editor.cookie! }, signal: controller.signal }).catch(() => undefined);
      await waitFor(
        async () => activity().started,
        (started) => started > before,
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      controller.abort();
      await request;
      await waitFor(
        async () => activity().active,
        (active) => active === 0,
      );
      const stopped = activity().started;
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(activity().started).toBe(stopped);
      return { before, stopped };
    }
    beforeAll(async () => {
      database = await dialect.create();
      const logger = pino({ level: 'info' }, { write: (line: string) => logLines.push(line) });
      api = await openHarness(database, { plugins: 'first-party', env, logger });
      editor = await api.loginAs('editor');
      viewer = await api.loginAs('viewer');
      const created = await api.call('portfolios.create', book, editor);
      expect(created.status, JSON.stringify(created.error)).toBe(200);
      id = created.data.id;
    });
    afterAll(async () => {
      await api?.close();
      await database?.drop();
    });

    /** The refusal's fields, after checking it is a 400 VALIDATION. */
    const refused = (result: Awaited<ReturnType<Harness['call']>>) => {
      expect(result.status, JSON.stringify(result.data)).toBe(400);
      expect(result.error.data.nautilus.code).toBe('VALIDATION');
      return result.error.data.nautilus.fields;
    };

    it("holds risk.var and risk.backtest to the caller's role, naming the field, the cap and what to do", async () => {
      const mc = { portfolioId: id, method: 'montecarlo', confidence: 0.99, lookback: 250, asOf };
      const paths = { ...mc, options: { paths: 60_000, seed: 1 } };
      expect(refused(await api.call('risk.var', paths, viewer))).toEqual([
        {
          path: 'options.paths',
          message:
            'at most 50,000 Monte Carlo paths for a viewer, got 60,000: use fewer paths, or ask an editor to run it (editors may use up to 2,000,000)',
        },
      ]);
      const allowed = await api.call('risk.var', paths, editor);
      expect(allowed.status, JSON.stringify(allowed.error)).toBe(200);
      expect(allowed.data.paths).toBe(60_000);
      expect(refused(await api.call('risk.var', { ...mc, options: { paths: 2_000_001 } }, editor))[0]).toEqual({
        path: 'options.paths',
        message:
          'at most 2,000,000 Monte Carlo paths for an editor, got 2,000,001: use fewer paths, or ask an admin to raise NAUTILUS_RISK_EDITOR_MAX_PATHS',
      });

      // 10,000 paths a day (the default) × 30 days = 300,000 > the viewer's 200,000.
      const backtest = { ...mc, window: 30 };
      const [tooMany] = refused(await api.call('risk.backtest', backtest, viewer));
      expect(tooMany?.path).toBe('window');
      expect(tooMany?.message).toMatch(
        /^10,000 paths a day × 30 days = 300,000 Monte Carlo paths, more than the 200,000 a viewer/,
      );
      expect(tooMany?.message).toMatch(
        /use a window of at most 20 days or at most 6,666 paths a day \(options\.backtestPaths\), or ask an editor/,
      );
      const ran = await api.call('risk.backtest', backtest, editor);
      expect(ran.status, JSON.stringify(ran.error)).toBe(200);
      expect(ran.data.days).toBe(30);

      // The adversarial review's case: 10M paths a day over 2,000 days is refused before any work starts.
      const before = activity().started;
      const huge = { ...mc, window: 2_000, options: { backtestPaths: 10_000_000 } };
      // Over the paths a day, the returns read (250 × 2,000) and the paths in all.
      expect(refused(await api.call('risk.backtest', huge, viewer)).map((field: { path: string }) => field.path)).toEqual([
        'options.backtestPaths',
        'window',
        'window',
      ]);
      expect(refused(await api.call('risk.backtest', huge, editor)).map((field: { path: string }) => field.path)).toEqual([
        'options.backtestPaths',
        'window',
      ]);
      expect(activity().started).toBe(before);

      // Lookback, and lookback × window for every method.
      const parametric = { portfolioId: id, method: 'parametric', confidence: 0.99, asOf };
      expect(refused(await api.call('risk.var', { ...parametric, lookback: 301 }, viewer))[0]?.path).toBe('lookback');
      expect((await api.call('risk.var', { ...parametric, lookback: 301 }, editor)).status).toBe(200);
      const [returns] = refused(await api.call('risk.backtest', { ...parametric, lookback: 250, window: 121 }, viewer));
      expect(returns).toEqual({
        path: 'window',
        message:
          'lookback 250 × 121 days = 30,250 returns read, more than the 30,000 a viewer may have a backtest read: use a window of at most 120 days or a lookback of at most 247, or ask an editor to run it (editors may use up to 10,000,000)',
      });
      expect((await api.call('risk.backtest', { ...parametric, lookback: 250, window: 120 }, viewer)).status).toBe(200);
    });

    it("holds risk.stress to the caller's role", async () => {
      const replay = (days: number) => ({
        portfolioId: id,
        scenario: { kind: 'historical', name: 'Replay', from: asOf - days * DAY, to: asOf },
      });
      const [long] = refused(await api.call('risk.stress', replay(400), viewer));
      expect(long).toEqual({
        path: 'scenario.from',
        message:
          'a historical scenario of 400 days is longer than the 365 a viewer may replay: pick a later start or an earlier end, or ask an editor to run it (editors may replay up to 36,600 days)',
      });
      expect((await api.call('risk.stress', replay(400), editor)).status).toBe(200);
      expect((await api.call('risk.stress', replay(365), viewer)).status).toBe(200);
      const preset = {
        portfolioId: id,
        scenario: { kind: 'preset', preset: 'historical', from: '2024-01-01', to: '2025-06-30' },
      };
      expect(refused(await api.call('risk.stress', preset, viewer))[0]?.path).toBe('scenario.from');
      const backwards = { portfolioId: id, scenario: { kind: 'historical', name: 'Backwards', from: asOf, to: asOf - DAY } };
      expect(refused(await api.call('risk.stress', backwards, editor))[0]?.path).toBe('scenario.from');
      const shocks = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`SIM:X${i}`, -0.1]));
      const hypothetical = (count: number) => ({
        portfolioId: id,
        scenario: { kind: 'hypothetical', name: 'Many shocks', bySymbol: { 'SIM:AAPL': -0.3, ...shocks(count - 1) } },
      });
      expect(refused(await api.call('risk.stress', hypothetical(1_001), editor))[0]).toMatchObject({
        path: 'scenario.bySymbol',
        message: 'at most 1000 shocks',
      });
      const shocked = await api.call('risk.stress', hypothetical(1_000), viewer);
      expect(shocked.status, JSON.stringify(shocked.error)).toBe(200);
    });

    it('holds the nautilus.core/risk data source to the same caps, by the role of whoever queries it', async () => {
      const query = (params: Record<string, unknown>, auth: Auth) =>
        api.call(
          'dataSources.query',
          { dataSource: 'nautilus.core/risk', params: { portfolio: book.name, ...params }, range },
          auth,
        );
      const contribution = { view: 'contribution', method: 'montecarlo', paths: 60_000 };
      expect(refused(await query(contribution, viewer))[0]).toMatchObject({
        path: 'params.paths',
        message: expect.stringMatching(
          /^at most 50,000 Monte Carlo paths for a viewer, got 60,000: use fewer paths, or ask an editor/,
        ),
      });
      expect((await query(contribution, editor)).status).toBe(200);
      // The VaR tile: 3 methods, and verdicts of 5,000 paths a day × 250 days = 1,250,000 > 200,000.
      // …and 250 × 250 returns read by each verdict > 30,000.
      const tile = refused(await query({ view: 'var', paths: 20_000 }, viewer));
      expect(tile.map((field: { path: string }) => field.path)).toEqual(['params.backtestWindow', 'params.backtestWindow']);
      expect(tile[1]?.message).toMatch(/use a window of at most 40 days, or ask an editor/);
      const small = await query({ view: 'var', paths: 20_000, backtestWindow: 40, lookback: 100, confidence: 0.99 }, viewer);
      expect(small.status, JSON.stringify(small.error)).toBe(200);
      expect(refused(await query({ view: 'backtest', method: 'historical', backtestWindow: 200 }, viewer))[0]?.path).toBe(
        'params.backtestWindow',
      );
      expect((await query({ view: 'backtest', method: 'historical', backtestWindow: 200 }, editor)).status).toBe(200);
      expect(refused(await query({ view: 'correlation', lookback: 400 }, viewer))[0]?.path).toBe('params.lookback');
      const stress = { view: 'stress', scenario: 'historical', from: '2024-01-01', to: '2025-06-01' };
      expect(refused(await query(stress, viewer))[0]?.path).toBe('params.from');
      expect((await query(stress, editor)).status).toBe(200);
    });

    it('stops a Monte Carlo backtest whose request is aborted, and caches nothing from it', async () => {
      // 100 days × 100,000 paths: seconds of work, one kernel run a day.
      const input = {
        portfolioId: id,
        method: 'montecarlo',
        confidence: 0.99,
        lookback: 250,
        window: 100,
        asOf,
        options: { backtestPaths: 100_000, seed: 3 },
      };
      const { before, stopped } = await abortMidway(`/trpc/risk.backtest?input=${encodeURIComponent(JSON.stringify(input))}`);
      // The loop stopped at the day in hand: far fewer kernel runs than the 100 days.
      expect(stopped - before).toBeLessThan(50);
      // Logged as the client going away, not as a server error.
      const aborted = logLines.map((line) => JSON.parse(line)).filter((line) => line.procedure === 'risk.backtest');
      expect(aborted.map((line) => [line.level, line.msg])).toEqual([[30, 'the client went away; the call was stopped']]);

      // The next caller gets the whole backtest, computed afresh, then from the cache.
      const whole = await api.call('risk.backtest', input, editor);
      expect(whole.status, JSON.stringify(whole.error)).toBe(200);
      expect(whole.data.days).toBe(100);
      expect(whole.data.series.var).toHaveLength(100);
      expect(activity().started - stopped).toBe(100);
      expect((await api.call('risk.backtest', input, editor)).data).toEqual(whole.data);
      expect(activity().started - stopped).toBe(100);
    });

    it('stops a risk panel query (dataSources.query) whose request is aborted', async () => {
      // The backtest view: 10,000 paths a day over 1,000 days, one kernel run a day.
      const input = {
        dataSource: 'nautilus.core/risk',
        params: { portfolio: book.name, view: 'backtest', method: 'montecarlo', backtestWindow: 1_000, confidence: 0.975 },
        range,
      };
      const { before, stopped } = await abortMidway(`/trpc/dataSources.query?input=${encodeURIComponent(JSON.stringify(input))}`);
      expect(stopped - before).toBeLessThan(500);
    });
  });
}
