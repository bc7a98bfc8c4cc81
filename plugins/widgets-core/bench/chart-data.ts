// `npm run bench` (widgets-core part): the candlestick's own work before lightweight-charts draws, for
// 100,000 bars: columns → bar and volume objects, SMA(20), EMA(50), Bollinger(20, 2) and their line
// points. Prints medians; asserts nothing. The drawing itself can only be timed in a browser.
import type { OhlcvFrame } from '@nautilus/sdk';
import { toChartBars, toCloseSeries, toLinePoints } from '../src/browser/candlestick/bar-data.ts';
import { firstWindowStart } from '../src/browser/candlestick/history-window.ts';
import { bollinger, ema, sma } from '../src/browser/candlestick/indicators.ts';

const BARS = 100_000;
const RUNS = 15;

function makeFrame(length: number): OhlcvFrame {
  const frame: OhlcvFrame = {
    kind: 'ohlcv',
    symbol: 'BENCH',
    timeframe: '1m',
    time: [],
    open: [],
    high: [],
    low: [],
    close: [],
    volume: [],
  };
  let seed = 7;
  let price = 100;
  for (let index = 0; index < length; index++) {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    const open = price;
    price = Math.max(1, price * (1 + (seed / 2_147_483_648 - 0.5) * 0.004));
    frame.time.push(1_700_000_000_000 + index * 60_000);
    frame.open.push(open);
    frame.high.push(Math.max(open, price) * 1.001);
    frame.low.push(Math.min(open, price) * 0.999);
    frame.close.push(price);
    frame.volume.push(1_000 + (seed % 5_000));
  }
  return frame;
}

const frame = makeFrame(BARS);
const volumeColors = { up: 'rgba(38,166,154,0.45)', down: 'rgba(239,83,80,0.45)' };

/** Everything the candlestick computes before handing data to the chart, with the bars from `start` on drawn. */
function prepare(start: number): { convert: number; indicators: number } {
  const started = performance.now();
  const closes = toCloseSeries(frame);
  const bars = toChartBars(frame, volumeColors, start);
  const converted = performance.now();
  const bands = bollinger(closes.closes, 20, 2);
  const fromTime = bars.bars[0]!.time;
  for (const values of [sma(closes.closes, 20), ema(closes.closes, 50), bands.upper, bands.middle, bands.lower]) {
    toLinePoints(closes.times, values, fromTime);
  }
  return { convert: converted - started, indicators: performance.now() - converted };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const cases = [
  {
    name: `first draw (last ${(BARS - firstWindowStart(BARS)).toLocaleString('en-US')} bars as objects)`,
    start: firstWindowStart(BARS),
  },
  { name: 'all bars as objects (fully scrolled back)', start: 0 },
];
console.log(
  `widgets-core: candlestick data for ${BARS.toLocaleString('en-US')} bars with SMA(20), EMA(50), Bollinger(20, 2); median of ${RUNS} runs`,
);
for (const { name, start } of cases) {
  const runs = Array.from({ length: RUNS + 3 }, () => prepare(start)).slice(3); // the first runs warm the JIT
  const convert = median(runs.map((run) => run.convert));
  const indicators = median(runs.map((run) => run.indicators));
  const total = median(runs.map((run) => run.convert + run.indicators));
  console.log(
    `  ${name}: convert ${convert.toFixed(1)} ms, indicators ${indicators.toFixed(1)} ms, total ${total.toFixed(1)} ms`,
  );
}
