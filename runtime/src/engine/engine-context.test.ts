import type { StrategyDefinition } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { createEngine } from './engine.ts';
import type { StrategyScope } from './engine-types.ts';
import { createRandom } from './seeded-random.ts';
import { DAY, flat, runEngine } from './test-harness.ts';

const BARS = [flat(10), flat(11), flat(13), flat(12)];

describe('engine: what ctx shows', () => {
  it('reads history back from the current bar, undefined before the data, and refuses reads past the kept window', () => {
    const seen: unknown[] = [];
    runEngine(
      {
        onBar(ctx) {
          seen.push([ctx.close(), ctx.close(1), ctx.open(2)]);
          if (ctx.barIndex === 3) {
            try {
              ctx.close(3);
            } catch (error) {
              seen.push((error as Error).message);
            }
          }
        },
      },
      BARS,
      { config: { historyLength: 3 } },
    );
    expect(seen).toEqual([
      [10, undefined, undefined],
      [11, 10, undefined],
      [13, 11, 10],
      [12, 13, 11],
      'Only the last 3 bars are kept (config.historyLength); asked for 3 bars ago. Raise historyLength or keep what you need in ctx.state.',
    ]);
  });

  it('updates indicators with the bar before onBar sees it', () => {
    const seen: (number | undefined)[] = [];
    runEngine({ onBar: (ctx) => void seen.push(ctx.indicators.sma(2).value) }, BARS);
    expect(seen).toEqual([undefined, 10.5, 12, 12.5]);
  });

  it('keeps state from initialState between callbacks and starts with NaN bar fields', () => {
    const seen: unknown[] = [];
    runEngine(
      {
        initialState: () => ({ bars: 0 }),
        onStart: (ctx) => void seen.push([ctx.bar.close, ctx.barIndex, ctx.time]),
        onBar: (ctx) => void ctx.state.bars++,
        onStop: (ctx) => void seen.push(ctx.state.bars),
      },
      BARS,
    );
    expect(seen).toEqual([[Number.NaN, -1, 0], 4]);
  });

  it('caps log lines per run, counts the rest, and cuts long lines', () => {
    const run = runEngine(
      {
        onBar(ctx) {
          ctx.log('bar', ctx.barIndex, { close: ctx.bar.close }, [1, 2]);
          ctx.log('x'.repeat(50));
        },
      },
      BARS,
      { limits: { maxLogLines: 3, maxLogLineChars: 20 } },
    );
    expect(run.logs.map((line) => [line.barIndex, line.time, line.message])).toEqual([
      [0, 0, `${'bar 0 {"close":10} [1,2]'.slice(0, 19)}…`],
      [0, 0, `${'x'.repeat(19)}…`],
      [1, DAY, `${'bar 1 {"close":11} [1,2]'.slice(0, 19)}…`],
    ]);
    expect(run.last.counters.dropped.logLines).toBe(5);
  });

  it('draws ctx.random from the seed: same seed, same numbers', () => {
    const draws = (seed: number) => {
      const seen: number[] = [];
      runEngine({ onBar: (ctx) => void seen.push(ctx.random()) }, BARS, { config: { seed } });
      return seen;
    };
    const reference = createRandom(5);
    expect(draws(5)).toEqual([reference(), reference(), reference(), reference()]);
    expect(draws(6)).not.toEqual(draws(5));
  });

  it('gives the strategy a Date on the simulation clock and a Math.random from the seed', () => {
    const seen: unknown[] = [];
    const engine = createEngine(
      (scope: StrategyScope) => {
        const { Date: SimulatedDate, Math: SimulatedMath } = scope;
        return {
          default: {
            onBar: () =>
              void seen.push([
                SimulatedDate.now(),
                new SimulatedDate().valueOf(),
                new SimulatedDate(5).valueOf(),
                new SimulatedDate() instanceof Date,
                SimulatedMath.random(),
                SimulatedMath.max(1, 2),
              ]),
          },
        };
      },
      { seed: 9 },
    );
    engine.start({
      params: {},
      config: {
        initialCash: 1,
        account: { type: 'cash' },
        commission: { type: 'none' },
        slippage: { type: 'none' },
        fillAt: 'next-open',
        riskFreeRate: 0,
        periodsPerYear: 252,
        seed: 9,
        sessionUtcOffsetMinutes: 0,
        historyLength: 10,
      },
      limits: { maxLogLines: 1, maxLogLineChars: 10, maxOpenOrders: 1, maxRecords: 1 },
      startTime: 0,
    });
    const packed = new Float64Array([DAY, 10, 10, 10, 10, 1]);
    engine.push(packed, 1);
    const random = createRandom(9);
    expect(seen).toEqual([[DAY, DAY, 5, true, random(), 2]]);
  });
});

describe('engine: strategy failures', () => {
  it('stops at the first throw and reports the callback, bar and error; later pushes report it again', () => {
    const run = runEngine({ onBar: (ctx) => void (ctx.barIndex === 2 && (null as unknown as { x: number }).x) }, BARS, {
      batch: 2,
      stop: false,
    });
    const failure = run.outputs[2]!.failure;
    expect(failure).toMatchObject({
      phase: 'onBar',
      barIndex: 2,
      time: 2 * DAY,
      kind: 'thrown',
      thrown: { name: 'TypeError', isError: true },
    });
    expect([...run.outputs[1]!.equity]).toEqual([100_000, 100_000]);
    expect(run.engine.push(new Float64Array(6), 1).failure).toBe(failure);
  });

  it('refuses callbacks that return a promise', () => {
    const run = runEngine({ onBar: async () => {} } as unknown as StrategyDefinition, BARS);
    expect(run.last.failure).toMatchObject({ phase: 'onBar', barIndex: 0, kind: 'invalid' });
    expect(run.last.failure!.thrown.message).toContain('onBar returned a promise');
  });

  it('describes thrown non-Error values', () => {
    const thrown = (value: unknown) =>
      runEngine(
        {
          onBar() {
            throw value;
          },
        },
        BARS,
      ).last.failure!.thrown;
    expect(thrown(42)).toEqual({ name: 'number', message: '42', stack: '', isError: false });
    expect(thrown(null)).toEqual({ name: 'null', message: 'null', stack: '', isError: false });
    expect(thrown({ code: 7 })).toMatchObject({ name: 'object', message: '{"code":7}' });
    expect(
      thrown(
        new Proxy(
          {},
          {
            getPrototypeOf: () => {
              throw new Error('trap');
            },
          },
        ),
      ),
    ).toMatchObject({ name: 'unknown' });
  });

  it('reports a file without a usable definition as invalid', () => {
    const describe = (exports: unknown, calls: unknown[] = []) =>
      createEngine(
        (scope) => {
          for (const call of calls) scope.defineStrategy(call);
          return exports;
        },
        { seed: 1 },
      ).describe();
    expect(describe(undefined)).toMatchObject({
      kind: 'invalid',
      thrown: { message: 'The file must `export default defineStrategy({ … })`.' },
    });
    expect(describe({ default: { onStart() {} } })).toMatchObject({
      thrown: { message: 'The strategy has no onBar(ctx) function.' },
    });
    expect(describe(undefined, [{ onBar() {} }, { onBar() {} }])).toMatchObject({
      thrown: { message: expect.stringContaining('more than once') },
    });
    expect(
      describe(undefined, [
        { onBar() {}, name: 'assigned', params: { n: { type: 'integer', default: 2, label: 'N', extra: () => 1 } } },
      ]),
    ).toEqual({
      name: 'assigned',
      description: null,
      params: { n: { type: 'integer', default: 2, label: 'N' } },
    });
  });
});
