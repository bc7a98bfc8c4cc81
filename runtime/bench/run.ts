// `npm run bench` in runtime/: the SMA crossover over 1,000,000 synthetic bars, sandboxed (isolated-vm)
// and in the host as the baseline, in one process; then sandbox start-up and peak memory; then the
// pre-trade check alone, and the SMA run again with 13 limits active.
import type { BacktestConfig, BacktestResult, LimitSet } from '@nautilus/sdk';
import { compileStrategy, createStrategyRunner, runBacktest } from '../src/index.ts';
import { endIdleSessionProcesses } from '../src/run/session-process-pool.ts';
import { preTradeBenchmark } from './pre-trade.ts';
import { SMA_CROSSOVER } from './sma-crossover.ts';
import { syntheticBars } from './synthetic-bars.ts';

const BARS = 1_000_000;
const ROUNDS = 3;
const STARTUPS = 9;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const rate = (barsPerSecond: number) => `${(barsPerSecond / 1e6).toFixed(2)}M bars/s`;

const bars = syntheticBars(BARS);
const compiled = await compileStrategy(SMA_CROSSOVER);
const baselineRss = process.memoryUsage().rss;

let peakIsolateHeap = 0;
let peakIsolateExternal = 0;
async function timedRun(sandbox: boolean, config?: BacktestConfig): Promise<{ barsPerSecond: number; result: BacktestResult }> {
  const started = performance.now();
  const result = await runBacktest({
    compiled,
    bars,
    sandbox,
    config,
    onProgress: ({ usage }) => {
      peakIsolateHeap = Math.max(peakIsolateHeap, usage.heap?.usedBytes ?? 0);
      peakIsolateExternal = Math.max(peakIsolateExternal, usage.heap?.externalBytes ?? 0);
    },
  });
  return { barsPerSecond: BARS / ((performance.now() - started) / 1000), result };
}

// Alternating the two modes spreads any background load over both.
const rates = { host: [] as number[], sandbox: [] as number[] };
let reference: { equity: number; trades: number; rejected: number } | undefined;
for (let round = 0; round < ROUNDS; round++) {
  for (const sandbox of [false, true]) {
    const { barsPerSecond, result } = await timedRun(sandbox);
    (sandbox ? rates.sandbox : rates.host).push(barsPerSecond);
    reference ??= { equity: result.final.equity, trades: result.metrics.tradeCount, rejected: result.rejectedOrders };
    if (result.final.equity !== reference.equity || result.metrics.tradeCount !== reference.trades) {
      throw new Error('The sandboxed and host runs disagree; the benchmark is void.');
    }
  }
}
const host = median(rates.host);
const sandboxed = median(rates.sandbox);
console.log(
  `SMA crossover (10/30, all-in/all-out) over ${BARS.toLocaleString('en')} one-minute bars; each run is a whole runBacktest ` +
    `(isolate set-up, bar transfer, results and metrics included; compilation excluded); median of ${ROUNDS}:`,
);
console.log(
  `  sandboxed (isolated-vm in a session process): ${rate(sandboxed)}   (runs: ${rates.sandbox.map(rate).join(', ')}; target >= 1.00M)`,
);
console.log(`  host (unsandboxed):                           ${rate(host)}   (runs: ${rates.host.map(rate).join(', ')})`);
console.log(`  ratio sandboxed/host run time: ${(host / sandboxed).toFixed(2)}x (target <= 2x)`);
console.log(
  `  ${reference!.trades} trades, ${reference!.rejected} orders rejected by the cash account, final equity ${reference!.equity.toFixed(2)}: identical in both modes`,
);

const phases = { total: [] as number[], compile: [] as number[], load: [] as number[], start: [] as number[] };
for (let attempt = 0; attempt < STARTUPS; attempt++) {
  const t0 = performance.now();
  const fresh = await compileStrategy(SMA_CROSSOVER);
  const t1 = performance.now();
  const runner = await createStrategyRunner({ compiled: fresh });
  const t2 = performance.now();
  await runner.start(bars.time[0]!);
  const t3 = performance.now();
  runner.dispose();
  phases.total.push(t3 - t0);
  phases.compile.push(t1 - t0);
  phases.load.push(t2 - t1);
  phases.start.push(t3 - t2);
}
const ms = (values: number[]) => `${median(values).toFixed(1)} ms`;
console.log(
  `Sandbox start-up (compile TS + create isolate + load engine and strategy + onStart, an idle session process waiting), median of ${STARTUPS}: ${ms(phases.total)} ` +
    `(target < 50 ms; compile ${ms(phases.compile)}, isolate and load ${ms(phases.load)}, onStart ${ms(phases.start)})`,
);
// The first session of a server, or one after a burst took every idle process: a process is started for it.
const cold: number[] = [];
for (let attempt = 0; attempt < 3; attempt++) {
  endIdleSessionProcesses();
  const t0 = performance.now();
  const runner = await createStrategyRunner({ compiled: await compileStrategy(SMA_CROSSOVER) });
  await runner.start(bars.time[0]!);
  cold.push(performance.now() - t0);
  runner.dispose();
}
console.log(`  cold (no idle session process, one is started for it), median of 3: ${ms(cold)}`);

const peakRss = process.resourceUsage().maxRSS * 1024;
console.log(
  `Peak memory: process RSS ${mb(peakRss)} (${mb(baselineRss)} after generating the bars; each result holds three 1M-point curves); ` +
    `isolate heap used at most ${mb(peakIsolateHeap)} (+ ${mb(peakIsolateExternal)} external buffers) of its 64 MB limit`,
);

console.log(preTradeBenchmark().join('\n'));

// Every kind of limit, none of which the SMA strategy's orders break (so both runs trade alike): the
// cost is the check of each order plus the per-bar evaluation of daily loss, drawdown, leverage and VaR.
const SMA_LIMITS: LimitSet = {
  onHardBreach: 'halt',
  limits: [
    { kind: 'allowedInstruments', symbols: [bars.symbol] },
    {
      kind: 'tradingHours',
      timeZone: 'UTC',
      start: '00:00',
      end: '24:00',
      weekdays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
    },
    { kind: 'maxOrderQuantity', warn: 50_000, hard: 100_000 },
    { kind: 'maxOrderNotional', warn: 5e6, hard: 1e7 },
    { kind: 'maxOrderRate', windowMs: 60_000, hard: 10 },
    { kind: 'maxPosition', warn: 50_000, hard: 100_000 },
    { kind: 'maxConcentration', hard: 2 },
    { kind: 'maxGrossExposure', hard: 1e7 },
    { kind: 'maxNetExposure', hard: 1e7 },
    { kind: 'maxLeverage', warn: 1.5, hard: 2 },
    { kind: 'maxVar', hard: 1e6, volatility: { [bars.symbol]: 0.02 } },
    { kind: 'maxDailyLoss', hard: 1e6, timeZone: 'America/New_York' },
    { kind: 'maxDrawdown', hard: 0.99 },
  ],
};
const limited = {
  none: { host: [] as number[], sandbox: [] as number[] },
  limits: { host: [] as number[], sandbox: [] as number[] },
};
for (let round = 0; round < ROUNDS; round++) {
  for (const sandbox of [false, true]) {
    for (const withLimits of [false, true]) {
      const { barsPerSecond, result } = await timedRun(sandbox, withLimits ? { limits: SMA_LIMITS } : undefined);
      (withLimits ? limited.limits : limited.none)[sandbox ? 'sandbox' : 'host'].push(barsPerSecond);
      if (result.final.equity !== reference!.equity || result.metrics.tradeCount !== reference!.trades) {
        throw new Error('The run with limits traded differently; the comparison is void.');
      }
      if (withLimits && result.riskEvents.some((event) => event.type !== 'warning')) throw new Error('A limit denied an order.');
    }
  }
}
const slower = (none: number, withLimits: number) => `${((none / withLimits - 1) * 100).toFixed(1)} % slower`;
console.log(
  `SMA crossover with ${SMA_LIMITS.limits.length} limits (every kind) vs none, same trades; median of ${ROUNDS}, interleaved:`,
);
for (const mode of ['sandbox', 'host'] as const) {
  const none = median(limited.none[mode]);
  const withLimits = median(limited.limits[mode]);
  console.log(
    `  ${mode === 'sandbox' ? 'sandboxed' : 'host     '}: none ${rate(none)}, with limits ${rate(withLimits)} (${slower(none, withLimits)}; ` +
      `runs none: ${limited.none[mode].map(rate).join(', ')}; limits: ${limited.limits[mode].map(rate).join(', ')})`,
  );
}
