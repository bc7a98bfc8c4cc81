// `npm run bench` (regimes part): walk-forward fit + causal labelling of 10 years of daily bars, in ms,
// then the evaluation report: out-of-sample accuracy and confusion matrix on synthetic series with
// known regimes, and what each regime label was followed by on the simulated market. Asserts nothing.
import { labelRegimes, REGIMES, type RegimeScore, regimeStatistics, scoreRegimes, syntheticSeries } from '@nautilus/regimes';
import { simulatedDailyBars } from './simulated-bars.ts';

const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function time(close: ArrayLike<number>, runs = 7): { ms: number; fits: number } {
  const times: number[] = [];
  let fits = 0;
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    fits = labelRegimes(close).fits;
    times.push(performance.now() - started);
  }
  return { ms: median(times), fits };
}

const spy = await simulatedDailyBars('SIM:SPY', 2016);
const synthetic = syntheticSeries({ bars: 2_520, seed: 1 });
console.log('regimes: fit + causal labelling of 10 years of daily bars (median of 7 runs)');
for (const [name, close] of [
  [`SIM:SPY 1d 2016-2025 (${spy.close.length} bars)`, spy.close],
  ['synthetic, 2,520 bars', synthetic.close],
] as const) {
  const { ms, fits } = time(close);
  console.log(`  ${name}: ${ms.toFixed(1)} ms (${fits} walk-forward fits of both axes, refit every 21 bars)`);
}

let score: RegimeScore | undefined;
const seeds = 20;
for (let seed = 100; seed < 100 + seeds; seed++) {
  const { close, regime } = syntheticSeries({ seed });
  score = scoreRegimes(labelRegimes(close), regime, score);
}
const percent = (value: number) => `${(100 * value).toFixed(1)} %`;
console.log(`regimes: ${seeds} synthetic series × 3,000 bars (seeds 100-119), labelled bars only (${score!.bars}):`);
console.log(
  `  accuracy ${percent(score!.accuracy)} (chance 16.7 %), trend axis ${percent(score!.trendAccuracy)}, volatility axis ${percent(score!.volatilityAccuracy)}`,
);
console.log('  confusion matrix (rows: true regime, columns: causal label)');
const width = 14;
console.log(`  ${''.padEnd(width)}${REGIMES.map((regime) => regime.id.padStart(width)).join('')}`);
score!.confusion.forEach((row, index) => {
  console.log(`  ${REGIMES[index]!.id.padEnd(width)}${row.map((count) => String(count).padStart(width)).join('')}`);
});

for (const symbol of ['SIM:SPY', 'SIM:BTCUSD']) {
  const frame = await simulatedDailyBars(symbol, 2000);
  const statistics = regimeStatistics(frame.close, labelRegimes(frame.close), symbol === 'SIM:BTCUSD' ? 365 : 252);
  console.log(`regimes on ${symbol} 1d 2000-2025: the next day's log return after each label (annualised)`);
  for (const row of statistics) {
    console.log(
      `  ${row.regime.padEnd(14)} ${String(row.bars).padStart(6)} bars  return ${percent(row.annualReturn).padStart(8)}  volatility ${percent(row.annualVolatility).padStart(7)}`,
    );
  }
}
