// `npm run bench` (indicators part): bars per second for 10 catalogue indicators over 1,000,000
// random-walk bars, over a whole frame (computeIndicator: panel transforms, factors) and streamed one
// bar at a time with a fresh bar object each (createIndicator + update: how strategies feed them).
// Each figure is the best of 3 runs. Then the running-sum classes that replace trading-signals' SMA,
// WMA and Bollinger Bands against those library classes, in the same process over the same closes
// (the library ones re-sum or re-scan the window every bar). Prints tables; asserts nothing.
import { BollingerBands, SMA, StochasticOscillator, WMA } from 'trading-signals';
import { computeIndicator, createIndicator } from '../src/index.ts';
import { RunningBollinger, RunningSma, RunningWma } from '../src/running-window.ts';
import { makeTestBars } from '../src/test-bars.ts';

const BARS = 1_000_000;
const RUNS = 3;
const INDICATORS: [string, Record<string, number>?][] = [
  ['sma', { period: 20 }],
  ['ema', { period: 20 }],
  ['rsi'],
  ['macd'],
  ['bbands'],
  ['atr'],
  ['stoch'],
  ['adx'],
  ['cci'],
  ['obv'],
];

const bars = makeTestBars(BARS);

function best(run: () => void): number {
  let fastest = Number.POSITIVE_INFINITY;
  for (let attempt = 0; attempt < RUNS; attempt++) {
    const started = performance.now();
    run();
    fastest = Math.min(fastest, performance.now() - started);
  }
  return fastest;
}

function stream(id: string, params?: Record<string, number>): void {
  const indicator = createIndicator(id, params);
  const { open, high, low, close, volume } = bars;
  for (let index = 0; index < BARS; index++) {
    indicator.update({ open: open[index]!, high: high[index]!, low: low[index]!, close: close[index]!, volume: volume[index]! });
  }
}

const format = (value: number) => Math.round(value).toLocaleString('en-US');
console.log(`indicators: ${format(BARS)} bars, best of ${RUNS} (bars/s)`);
console.log('| indicator | batch bars/s | streaming bars/s |');
console.log('| --- | --- | --- |');
let batchTotal = 0;
let streamTotal = 0;
for (const [id, params] of INDICATORS) {
  const batch = best(() => computeIndicator(id, params, bars));
  const streaming = best(() => stream(id, params));
  batchTotal += batch;
  streamTotal += streaming;
  console.log(`| ${id} | ${format((BARS / batch) * 1000)} | ${format((BARS / streaming) * 1000)} |`);
}
console.log(`| all 10, one after another | ${format((BARS / batchTotal) * 1000)} | ${format((BARS / streamTotal) * 1000)} |`);

// Running sums vs the library classes they replace (same closes, same process, best of 3; seconds).
const closes = bars.close;
const seconds = (run: () => void) => best(run) / 1000;
const pairs: [string, () => void, () => void][] = [
  [
    'two SMAs (10 and 30), as the runtime benchmark strategy',
    () => {
      const fast = new RunningSma(10);
      const slow = new RunningSma(30);
      for (let index = 0; index < BARS; index++) {
        fast.update(closes[index]!);
        slow.update(closes[index]!);
      }
    },
    () => {
      const fast = new SMA(10);
      const slow = new SMA(30);
      for (let index = 0; index < BARS; index++) {
        fast.add(closes[index]!);
        slow.add(closes[index]!);
      }
    },
  ],
  [
    'SMA 200',
    () => {
      const average = new RunningSma(200);
      for (let index = 0; index < BARS; index++) average.update(closes[index]!);
    },
    () => {
      const average = new SMA(200);
      for (let index = 0; index < BARS; index++) average.add(closes[index]!);
    },
  ],
  [
    'WMA 20',
    () => {
      const average = new RunningWma(20);
      for (let index = 0; index < BARS; index++) average.update(closes[index]!);
    },
    () => {
      const average = new WMA(20);
      for (let index = 0; index < BARS; index++) average.add(closes[index]!);
    },
  ],
  [
    'Bollinger 20/2',
    () => {
      const bands = new RunningBollinger(20, 2);
      for (let index = 0; index < BARS; index++) bands.update(closes[index]!);
    },
    () => {
      const bands = new BollingerBands(20, 2);
      for (let index = 0; index < BARS; index++) bands.add(closes[index]!);
    },
  ],
  [
    'stochastic 14/3/3 (WindowExtreme; streamed)',
    () => stream('stoch', { k: 14, kSlowing: 3, d: 3 }),
    () => {
      const oscillator = new StochasticOscillator({ kPeriod: 14, kSlowingPeriod: 3, dPeriod: 3 });
      const { high, low, close } = bars;
      for (let index = 0; index < BARS; index++) {
        oscillator.add({ high: high[index]!, low: low[index]!, close: close[index]! });
      }
    },
  ],
];
console.log('');
console.log(`running sums vs trading-signals, ${format(BARS)} closes, best of ${RUNS} (s)`);
console.log('| indicator | running sums | trading-signals | ratio |');
console.log('| --- | --- | --- | --- |');
for (const [name, running, library] of pairs) {
  const ours = seconds(running);
  const theirs = seconds(library);
  console.log(`| ${name} | ${ours.toFixed(3)} | ${theirs.toFixed(3)} | ${(theirs / ours).toFixed(1)} × |`);
}
