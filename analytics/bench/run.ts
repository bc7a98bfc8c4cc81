// `npm run bench` (analytics part): a full tear sheet (with a benchmark and 1,000 trades) for a
// 1,000,000-point daily equity series. Prints the median of 5 runs after one warm-up; asserts nothing.
import type { Trade } from '@nautilus/sdk';
import { tearSheet } from '../src/index.ts';

const POINTS = 1_000_000;
const DAY = 86_400_000;

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const next = random(42);
const time = new Float64Array(POINTS);
const equity = new Float64Array(POINTS);
const benchmark = new Float64Array(POINTS);
let level = 10_000;
let index = 100;
for (let point = 0; point < POINTS; point++) {
  const market = (next() - 0.5) * 0.02;
  index *= 1 + market;
  level *= 1 + 0.8 * market + (next() - 0.5) * 0.01;
  time[point] = Date.UTC(2000, 0, 3) + point * DAY;
  equity[point] = level;
  benchmark[point] = index;
}
const trades: Trade[] = Array.from({ length: 1_000 }, (_, trade) => {
  const entry = trade * 1_000;
  const pnl = (next() - 0.45) * 100;
  return {
    side: 'long',
    quantity: 1,
    entryTime: time[entry]!,
    entryBarIndex: entry,
    entryPrice: 100,
    exitTime: time[entry + 500]!,
    exitBarIndex: entry + 500,
    exitPrice: 100 + pnl,
    pnl,
    return: pnl / 100,
    commission: 0,
  };
});

const run = () =>
  tearSheet({
    equity: { time, value: equity },
    initialValue: 10_000,
    benchmark: { time, value: benchmark },
    trades,
    riskFreeRate: 0.02,
  });
run();
const timings: number[] = [];
let sheet = run();
for (let repeat = 0; repeat < 5; repeat++) {
  const started = performance.now();
  sheet = run();
  timings.push(performance.now() - started);
}
timings.sort((a, b) => a - b);
console.log('analytics: tear sheet (all metrics, drawdown periods, calendar and rolling returns, benchmark, 1,000 trades)');
console.log(
  `  ${POINTS.toLocaleString('en')} points: median ${timings[2]!.toFixed(0)} ms (min ${timings[0]!.toFixed(0)}, max ${timings[4]!.toFixed(0)}); ${sheet.metrics.length} metrics, ${sheet.drawdown.periods.length} drawdown periods, ${sheet.monthlyReturns.length} months`,
);
