// Bars for the runner tests: deterministic daily bars of a gently oscillating price.
import type { OhlcvFrame } from '@nautilus/sdk';

export const DAY = 86_400_000;
export const START = Date.UTC(2024, 0, 1);

export function dailyBars(
  count: number,
  price: (index: number) => number = (index) => 100 + 10 * Math.sin(index / 5),
): OhlcvFrame {
  const frame: OhlcvFrame = {
    kind: 'ohlcv',
    symbol: 'SIM:TEST',
    timeframe: '1d',
    time: [],
    open: [],
    high: [],
    low: [],
    close: [],
    volume: [],
  };
  for (let index = 0; index < count; index++) {
    const open = price(index);
    const close = price(index + 0.5);
    frame.time.push(START + index * DAY);
    frame.open.push(open);
    frame.close.push(close);
    frame.high.push(Math.max(open, close) + 0.5);
    frame.low.push(Math.min(open, close) - 0.5);
    frame.volume.push(1_000);
  }
  return frame;
}
