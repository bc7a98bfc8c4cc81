import type { ComputeKernel, NautilusError, PluginDefinition, RiskModel, VarRequest } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { MC_VAR_KERNEL } from './index.ts';
import { correlatedReturns, pricesFromReturns } from './test-data.ts';
import { fakeContext, openSignal, startPlugin } from './test-host.ts';

// Every model refuses a lookback shorter than 1/(1 - c): the README's INSUFFICIENT_DATA rule.
// The counts are worked by hand from the decimal confidence, where binary floating point lands
// either side: 1 / (1 - 0.9) = 10.000000000000002 and 1 / (1 - 0.8) = 5.000000000000001, yet exactly
// 10 and 5 returns are enough; 1 / (1 - 0.99) = 99.99999999999991 and 1 / (1 - 0.975) =
// 39.999999999999964, and exactly 100 and 40 are needed; 1 / (1 - 0.97) = 33.3… needs 34.
const NEEDED: [number, number][] = [
  [0.9, 10],
  [0.8, 5],
  [0.99, 100],
  [0.975, 40],
  [0.95, 20],
  [0.97, 34],
  [0.999, 1000],
];

const kernel = (
  await ((await import('@nautilus/plugin-compute-webgpu')) as { default: PluginDefinition }).default.setup(fakeContext())
).computeKernels!['mc-var'] as ComputeKernel;
const { riskModels } = await startPlugin({ [MC_VAR_KERNEL]: kernel });
const CORRELATION = [
  [1, 0.3],
  [0.3, 1],
];
const history = pricesFromReturns(['X', 'Y'], correlatedReturns(1_100, [0.01, 0.02], CORRELATION, 5));
const request = (confidence: number, lookback: number): VarRequest => ({
  positions: [
    { symbol: 'X', quantity: 100 },
    { symbol: 'Y', quantity: -50 },
  ],
  prices: history,
  confidence,
  horizonDays: 1,
  lookback,
  options: { paths: 1_000 },
});

async function failure(work: Promise<unknown>): Promise<NautilusError> {
  return work.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (error: NautilusError) => error,
  );
}

describe.each(['parametric', 'historical', 'montecarlo'])('%s VaR at the fewest returns a confidence allows', (id) => {
  const model = riskModels[id] as RiskModel;

  it.each(NEEDED)('at %s takes exactly %i returns and refuses one fewer with INSUFFICIENT_DATA', async (confidence, needed) => {
    const enough = await model.compute(request(confidence, needed), openSignal);
    expect(enough.alignment.observations).toBe(needed);
    expect(Number.isFinite(enough.var)).toBe(true);
    const short = await failure(model.compute(request(confidence, needed - 1), openSignal));
    expect(short.code).toBe('INSUFFICIENT_DATA');
    expect(short.message).toMatch(new RegExp(`needs at least ${needed} returns \\(1 / \\(1 - c\\)\\), got ${needed - 1}`));
    expect(short.message).toMatch(/raise the lookback or lower the confidence/);
  });

  it('refuses a backtest whose daily lookback is one return short, and runs it at exactly enough', async () => {
    const backtest = model.backtest!;
    const short = await failure(backtest({ ...request(0.99, 99), window: 5 }, openSignal));
    expect(short.code).toBe('INSUFFICIENT_DATA');
    expect(short.message).toMatch(/at least 100 returns/);
    const enough = await backtest({ ...request(0.99, 100), window: 5 }, openSignal);
    expect(enough.days).toBe(5);
  });
});

describe('Monte Carlo paths at the fewest a confidence allows', () => {
  const montecarlo = riskModels.montecarlo!;

  // 99.99 % needs 10,000 returns as well as 10,000 paths.
  const long = pricesFromReturns(['X', 'Y'], correlatedReturns(10_000, [0.01, 0.02], CORRELATION, 6));

  it('takes max(1,000, 1/(1 - c)) paths and refuses one fewer, naming options.paths and options.backtestPaths', async () => {
    for (const [confidence, needed] of [
      [0.9999, 10_000],
      [0.99, 1_000],
      [0.999, 1_000],
    ] as const) {
      const at = { ...request(confidence, 10_000), prices: long, options: { paths: needed } };
      expect((await montecarlo.compute(at, openSignal)).paths).toBe(needed);
      const fewer = await failure(montecarlo.compute({ ...at, options: { paths: needed - 1 } }, openSignal));
      expect(fewer.code).toBe('VALIDATION');
      expect(fewer.fields.map((field) => field.path)).toEqual(['options.paths']);
      const backtest = await failure(
        montecarlo.backtest!({ ...at, window: 1, options: { backtestPaths: needed - 1 } }, openSignal),
      );
      expect(backtest.fields.map((field) => field.path)).toEqual(['options.backtestPaths']);
    }
  });
});
