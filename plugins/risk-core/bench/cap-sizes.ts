// `npm run bench` (risk-core part): how long the largest request each role may send takes by default
// (core/src/risk/risk-caps.ts), on the CPU kernel, one core. Prints; asserts nothing. The caps bound
// the request's knobs; the instruments (set by editors) multiply the cost, so two book sizes are timed.
import type { ComputeKernel, PluginDefinition, RiskModel, VarRequest } from '@nautilus/sdk';
import { MC_VAR_KERNEL } from '../src/index.ts';
import { correlatedReturns, pricesFromReturns } from '../src/test-data.ts';
import { fakeContext, openSignal, startPlugin } from '../src/test-host.ts';

const computeWebgpu = (await import('@nautilus/plugin-compute-webgpu')) as { default: PluginDefinition };
const kernel = (await computeWebgpu.default.setup(fakeContext())).computeKernels!['mc-var'] as ComputeKernel;
const { riskModels } = await startPlugin({ [MC_VAR_KERNEL]: kernel });

interface Case {
  role: 'viewer' | 'editor';
  what: string;
  model: string;
  lookback: number;
  window?: number;
  options?: Record<string, unknown>;
}

// The defaults: viewer paths 1M, 5M backtest paths, lookback 2,000, 1M backtest returns; editor 10M, 50M, 5,000, 10M.
const cases: Case[] = [
  { role: 'viewer', what: 'MC VaR, 1,000,000 paths', model: 'montecarlo', lookback: 250, options: { paths: 1_000_000 } },
  { role: 'viewer', what: 'MC backtest, 10,000 paths × 500 days', model: 'montecarlo', lookback: 250, window: 500 },
  { role: 'viewer', what: 'historical backtest, 2,000 × 500', model: 'historical', lookback: 2_000, window: 500 },
  { role: 'viewer', what: 'parametric backtest, 2,000 × 500', model: 'parametric', lookback: 2_000, window: 500 },
  { role: 'editor', what: 'MC VaR, 10,000,000 paths', model: 'montecarlo', lookback: 250, options: { paths: 10_000_000 } },
  {
    role: 'editor',
    what: 'MC backtest, 25,000 paths × 2,000 days',
    model: 'montecarlo',
    lookback: 250,
    window: 2_000,
    options: { backtestPaths: 25_000 },
  },
  { role: 'editor', what: 'historical backtest, 5,000 × 2,000', model: 'historical', lookback: 5_000, window: 2_000 },
  { role: 'editor', what: 'parametric backtest, 5,000 × 2,000', model: 'parametric', lookback: 5_000, window: 2_000 },
];

function book(instruments: number): Pick<VarRequest, 'positions' | 'prices'> {
  const symbols = Array.from({ length: instruments }, (_, i) => `S${i}`);
  const correlation = symbols.map((_, i) => symbols.map((_, j) => (i === j ? 1 : 0.3)));
  const rows = correlatedReturns(
    7_100,
    symbols.map(() => 0.01),
    correlation,
    1,
  );
  return { positions: symbols.map((symbol) => ({ symbol, quantity: 10 })), prices: pricesFromReturns(symbols, rows) };
}

console.log('Largest request per role by default (one core, CPU kernel):');
console.log(`${'role'.padEnd(7)} ${'request'.padEnd(42)} ${'4 instr. s'.padStart(11)} ${'16 instr. s'.padStart(12)}`);
const books = [book(4), book(16)];
for (const item of cases) {
  const model = riskModels[item.model] as RiskModel;
  const seconds: string[] = [];
  for (const { positions, prices } of books) {
    const request = {
      positions,
      prices,
      confidence: 0.99,
      horizonDays: 1,
      lookback: item.lookback,
      ...(item.options ? { options: item.options } : {}),
    };
    const started = performance.now();
    if (item.window === undefined) await model.compute(request, openSignal);
    else await model.backtest!({ ...request, window: item.window }, openSignal);
    seconds.push(((performance.now() - started) / 1000).toFixed(2));
  }
  console.log(`${item.role.padEnd(7)} ${item.what.padEnd(42)} ${seconds[0]!.padStart(11)} ${seconds[1]!.padStart(12)}`);
}
