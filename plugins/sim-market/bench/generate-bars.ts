// `npm run bench` (sim-market part): how fast the simulated market generates bars. Prints; asserts nothing.
// Each timed case starts a fresh plugin instance, so its caches are cold unless the case says warm;
// the JIT is warmed first by one untimed pass over every case, as a long-running server's would be.
import type { DataSource, Timeframe } from '@nautilus/sdk';
import { startPlugin } from '../src/test-host.ts';

const DAY = 86_400_000;
const signal = new AbortController().signal;

interface Case {
  name: string;
  symbol: string;
  timeframe: Timeframe;
  days: number;
  /** 1m bars simulated per day of range, to report a generation rate. */
  minutesPerDay: number;
  warm?: boolean;
}

const cases: Case[] = [
  { name: '1m, 60 days, BTC (24/7)', symbol: 'SIM:BTCUSD', timeframe: '1m', days: 60, minutesPerDay: 1440 },
  { name: '1m, 60 days, EURUSD (24/5)', symbol: 'SIM:EURUSD', timeframe: '1m', days: 60, minutesPerDay: (1440 * 5) / 7 },
  { name: '1h, 1 year, ETH', symbol: 'SIM:ETHUSD', timeframe: '1h', days: 365, minutesPerDay: 1440 },
  { name: '1d, 5 years, BTC (cold)', symbol: 'SIM:BTCUSD', timeframe: '1d', days: 5 * 365, minutesPerDay: 1440 },
  { name: '1d, 5 years, BTC (warm)', symbol: 'SIM:BTCUSD', timeframe: '1d', days: 5 * 365, minutesPerDay: 1440, warm: true },
  { name: '1d, 25 years, AAPL (cold)', symbol: 'SIM:AAPL', timeframe: '1d', days: 25 * 365, minutesPerDay: (390 * 5) / 7 },
];

async function run(bars: DataSource<any>, item: Case): Promise<{ ms: number; count: number }> {
  const to = Date.now();
  const started = performance.now();
  const [frame] = await bars.query(
    {
      params: { symbol: item.symbol, timeframe: item.timeframe },
      range: { from: to - item.days * DAY, to },
      maxPoints: 10_000_000,
    },
    signal,
  );
  return { ms: performance.now() - started, count: frame?.kind === 'ohlcv' ? frame.time.length : 0 };
}

const firstQuery = await run((await startPlugin()).bars!, cases[0]!);
console.log(`first query of the process (JIT cold): ${cases[0]?.name}, ${firstQuery.ms.toFixed(1)} ms`);
for (const item of cases) await run((await startPlugin()).bars!, item);

for (const item of cases) {
  const bars = (await startPlugin()).bars!;
  if (item.warm) await run(bars, item);
  const { ms, count } = await run(bars, item);
  const minutes = item.warm ? 0 : item.days * item.minutesPerDay;
  const rate = minutes ? `${(minutes / ms / 1000).toFixed(1)} M 1m bars/s simulated` : 'served from cache';
  console.log(`${item.name.padEnd(28)} ${String(count).padStart(7)} bars in ${ms.toFixed(1).padStart(7)} ms  ${rate}`);
}
