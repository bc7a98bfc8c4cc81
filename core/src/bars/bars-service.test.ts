import { definePlugin, type JsonSchema, NautilusError, type OhlcvFrame, TIMEFRAME_MS, type Timeframe } from '@nautilus/sdk';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dialects, type TestDatabase } from '../../test/databases.ts';
import { MemoryBus } from '../bus/memory-bus.ts';
import { type Database, openDatabase } from '../db/database.ts';
import { PluginHost } from '../plugins/plugin-host.ts';
import { CORE_VERSION } from '../version.ts';
import { writeChain } from './bars-chain.ts';
import { BarsService } from './bars-service.ts';

const DAY = 86_400_000;
const T0 = Date.parse('2024-01-01T00:00:00Z');

/** What the test provider does, set per test. */
const provider = {
  calls: [] as { from: number; to: number; adjusted: boolean }[],
  down: false,
  /** Bar open times it leaves out (to make a gap). */
  skip: new Set<number>(),
};
const fallbackCalls: { from: number; to: number }[] = [];

/** Deterministic bars of every `timeframe` step in [from, to): close = 100 + days since T0 (+1000 adjusted). */
function bars(symbol: string, timeframe: Timeframe, from: number, to: number, adjusted: boolean): OhlcvFrame {
  const step = TIMEFRAME_MS[timeframe];
  const frame: OhlcvFrame = { kind: 'ohlcv', symbol, timeframe, time: [], open: [], high: [], low: [], close: [], volume: [] };
  for (let time = Math.ceil(from / step) * step; time < to; time += step) {
    if (provider.skip.has(time)) continue;
    const value = 100 + (time - T0) / step + (adjusted ? 1000 : 0);
    frame.time.push(time);
    frame.open.push(value);
    frame.high.push(value + 1);
    frame.low.push(value - 1);
    frame.close.push(value);
    frame.volume.push(10);
  }
  return frame;
}

/** What the test providers take: the params the bars chain sends. */
interface BarsParams {
  symbol: string;
  timeframe: Timeframe;
  adjusted?: boolean;
}

const schema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['symbol', 'timeframe'],
  properties: {
    symbol: { type: 'string' },
    timeframe: { enum: ['1m', '5m', '15m', '1h', '4h', '1d'] },
    adjusted: { type: 'boolean' },
  },
};

const testProvider = (id: string, query: (params: BarsParams, range: { from: number; to: number }) => OhlcvFrame) =>
  definePlugin({
    manifest: {
      id,
      name: id,
      version: '1.0.0',
      engine: `^${CORE_VERSION}`,
      description: 'bars for the bars-service tests',
      permissions: { network: [], secrets: [] },
      contributes: {
        dataSources: [
          { id: 'bars', name: 'bars', description: 'bars', frames: ['ohlcv'], querySchema: schema, streaming: false },
        ],
      },
    },
    setup: () => ({ dataSources: { bars: { query: async ({ params, range }) => [query(params as BarsParams, range)] } } }),
  });

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(`bars chain and cache on ${dialect.name}`, () => {
    let database: TestDatabase;
    let opened: Database;
    let host: PluginHost;
    let now = T0 + 40 * DAY + 3_600_000;
    let service: BarsService;

    beforeAll(async () => {
      database = await dialect.create();
      opened = await openDatabase(database.options);
      host = new PluginHost({
        coreVersion: CORE_VERSION,
        folders: [],
        logger: pino({ level: 'silent' }),
        bus: new MemoryBus(),
        pluginConfig: {},
        readSecret: () => undefined,
        setupTimeoutMs: 5_000,
        callTimeoutMs: 5_000,
        fetchTimeoutMs: 1_000,
      });
      await host.loadDefinition(
        testProvider('test.provider', (params, range) => {
          provider.calls.push({ ...range, adjusted: params.adjusted === true });
          if (provider.down) throw new NautilusError('DATA_SOURCE_ERROR', 'provider is down (HTTP 503)');
          return bars(params.symbol, params.timeframe, range.from, range.to, params.adjusted === true);
        }),
        'extra',
      );
      await host.loadDefinition(
        testProvider('test.fallback', (params, range) => {
          fallbackCalls.push(range);
          return bars(params.symbol, params.timeframe, range.from, range.to, false);
        }),
        'extra',
      );
      service = new BarsService(opened.db, host, () => now);
      await writeChain(opened.db, [
        { match: 'FB-*', sources: ['test.provider/bars', 'test.fallback/bars'], calendar: '24x7' },
        { match: 'US-*', sources: ['test.provider/bars'], calendar: 'us-equity' },
        { match: '*', sources: ['test.provider/bars'], calendar: '24x7' },
      ]);
    });
    afterAll(async () => {
      await host?.teardown();
      await opened?.close();
      await database?.drop();
    });
    beforeEach(() => {
      provider.calls.length = 0;
      fallbackCalls.length = 0;
      provider.down = false;
      provider.skip.clear();
    });

    const ask = (symbol: string, from: number, to: number, extra: { adjusted?: boolean; timeframe?: Timeframe } = {}) =>
      service.query({
        symbol,
        timeframe: extra.timeframe ?? '1d',
        adjusted: extra.adjusted ?? false,
        from,
        to,
        maxPoints: 100_000,
      });

    it('fetches once, stores, and answers the same range again from the cache without asking the provider', async () => {
      const first = await ask('AAA', T0, T0 + 10 * DAY);
      expect(first.time).toHaveLength(10);
      expect(first.close[0]).toBe(100);
      expect(first.provenance).toMatchObject({
        sources: [{ source: 'test.provider/bars', from: T0, to: T0 + 10 * DAY, cached: false }],
        adjusted: false,
        gapCount: 0,
        calendar: '24x7',
      });
      expect(first.provenance?.stale).toBeUndefined();
      expect(provider.calls).toHaveLength(1);
      now += 1000;
      const again = await ask('AAA', T0, T0 + 10 * DAY);
      expect(again.time).toEqual(first.time);
      expect(again.close).toEqual(first.close);
      expect(again.provenance?.sources).toEqual([{ source: 'test.provider/bars', from: T0, to: T0 + 10 * DAY, cached: true }]);
      expect(provider.calls).toHaveLength(1);
    });

    it('asks only for the stretches it lacks when the range grows on both sides', async () => {
      await ask('BBB', T0 + 5 * DAY, T0 + 10 * DAY);
      provider.calls.length = 0;
      const wider = await ask('BBB', T0, T0 + 15 * DAY);
      expect(provider.calls.map(({ from, to }) => [from, to])).toEqual([
        [T0, T0 + 5 * DAY],
        [T0 + 10 * DAY, T0 + 15 * DAY],
      ]);
      expect(wider.time).toHaveLength(15);
      expect(wider.close).toEqual(Array.from({ length: 15 }, (_, i) => 100 + i));
      expect(wider.provenance?.sources).toEqual([{ source: 'test.provider/bars', from: T0, to: T0 + 15 * DAY, cached: false }]);
    });

    it('answers from the cache, flagged stale, when the provider fails; fails with the reason when nothing is stored', async () => {
      await ask('CCC', T0, T0 + 10 * DAY);
      provider.down = true;
      const stale = await ask('CCC', T0, T0 + 20 * DAY);
      expect(stale.time).toHaveLength(10);
      expect(stale.provenance?.stale).toMatchObject({ missingFrom: T0 + 10 * DAY, missingTo: T0 + 20 * DAY });
      expect(stale.provenance?.stale?.message).toMatch(/provider is down/);
      await expect(ask('NEVER', T0, T0 + 5 * DAY)).rejects.toMatchObject({
        code: 'DATA_SOURCE_ERROR',
        message: expect.stringMatching(/No source of the bars chain could give bars of NEVER.*provider is down/),
      });
    });

    it('falls back to the next source of the chain and says which one answered', async () => {
      provider.down = true;
      const answer = await ask('FB-1', T0, T0 + 3 * DAY);
      expect(answer.time).toHaveLength(3);
      expect(answer.provenance?.sources).toEqual([{ source: 'test.fallback/bars', from: T0, to: T0 + 3 * DAY, cached: false }]);
      expect(fallbackCalls).toHaveLength(1);
    });

    it('is neither stale nor failed when the first source fails and the next has no bars for a stretch', async () => {
      provider.down = true;
      const empty = await ask('FB-EMPTY', T0 + 10 * DAY + 1, T0 + 10 * DAY + 1000);
      expect(empty.time).toEqual([]);
      expect(empty.provenance?.stale).toBeUndefined();
      expect(empty.provenance?.sources.map((stretch) => stretch.source)).toEqual(['test.fallback/bars']);
    });

    it('skips a source whose circuit is open after repeated failures (the fallback still answers)', async () => {
      provider.down = true;
      for (let i = 0; i < 3; i++) await ask(`FB-C${i}`, T0, T0 + DAY);
      const before = provider.calls.length;
      await ask('FB-C9', T0, T0 + DAY);
      expect(provider.calls.length).toBe(before); // skipped: the circuit is open
      expect(host.health.report('test.provider/bars').circuit).toBe('open');
      expect(fallbackCalls).toHaveLength(4);
      host.health.succeeded('test.provider/bars', 1); // as a good probe would: the circuit closes
    });

    it('does not take a provider that starts late as proof that earlier trading days had no bars', async () => {
      // 1 January 2024 is a holiday; the provider has nothing for the 2nd and 3rd, which trade.
      provider.skip
        .add(T0)
        .add(T0 + DAY)
        .add(T0 + 2 * DAY);
      const first = await ask('US-LATE', T0, T0 + 5 * DAY);
      expect(first.time).toEqual([T0 + 3 * DAY, T0 + 4 * DAY]);
      expect(first.provenance).toMatchObject({ gapCount: 1, gaps: [{ from: T0 + DAY, to: T0 + 3 * DAY }] });
      provider.calls.length = 0;
      provider.skip.clear();
      provider.skip.add(T0);
      const again = await ask('US-LATE', T0, T0 + 5 * DAY);
      expect(provider.calls.map(({ from, to }) => [from, to])).toEqual([[T0, T0 + 3 * DAY]]);
      expect(again.time).toEqual([T0 + DAY, T0 + 2 * DAY, T0 + 3 * DAY, T0 + 4 * DAY]);
      expect(again.provenance?.gapCount).toBe(0);
    });

    it('flags a missing bar as a gap against the session calendar', async () => {
      provider.skip.add(T0 + 3 * DAY);
      const answer = await ask('GAP', T0, T0 + 6 * DAY);
      expect(answer.time).toHaveLength(5);
      expect(answer.provenance).toMatchObject({ gapCount: 1, gaps: [{ from: T0 + 3 * DAY, to: T0 + 4 * DAY }] });
    });

    it('keeps adjusted and raw prices apart, each flagged', async () => {
      const raw = await ask('ADJ', T0, T0 + 2 * DAY);
      const adjusted = await ask('ADJ', T0, T0 + 2 * DAY, { adjusted: true });
      expect(raw.close).toEqual([100, 101]);
      expect(adjusted.close).toEqual([1100, 1101]);
      expect(adjusted.provenance?.adjusted).toBe(true);
      expect(provider.calls.map((call) => call.adjusted)).toEqual([false, true]);
    });

    it('returns the forming bar but never stores it, so it is asked for again', async () => {
      const hour = 3_600_000;
      const from = Math.floor(now / hour) * hour - 3 * hour;
      const end = from + 4 * hour;
      const first = await ask('LIVE', from, end, { timeframe: '1h' });
      // Three closed bars and the one still forming.
      expect(first.time).toEqual([from, from + hour, from + 2 * hour, from + 3 * hour]);
      provider.calls.length = 0;
      await ask('LIVE', from, end, { timeframe: '1h' });
      expect(provider.calls.map(({ from: start }) => start)).toEqual([Math.floor(now / hour) * hour]);
    });

    it('lets a burst of identical requests ask the provider once', async () => {
      const answers = await Promise.all(Array.from({ length: 8 }, () => ask('BURST', T0, T0 + 30 * DAY)));
      expect(answers.every((answer) => answer.time.length === 30)).toBe(true);
      expect(provider.calls).toHaveLength(1);
    });

    it('keeps the most recent bars when the range holds more than maxPoints', async () => {
      const answer = await service.query({
        symbol: 'MAX',
        timeframe: '1d',
        adjusted: false,
        from: T0,
        to: T0 + 10 * DAY,
        maxPoints: 3,
      });
      expect(answer.time).toEqual([T0 + 7 * DAY, T0 + 8 * DAY, T0 + 9 * DAY]);
    });

    it('refuses a chain with a bad rule, naming the field, and keeps the stored one', async () => {
      await expect(writeChain(opened.db, [{ match: 'a b', sources: [] }])).rejects.toMatchObject({
        code: 'VALIDATION',
        fields: expect.arrayContaining([expect.objectContaining({ path: 'chain.0.match' })]),
      });
      expect((await service.chain())[0]?.match).toBe('FB-*');
    });
  });
}
