import type { OhlcvFrame } from '@nautilus/sdk';

/**
 * Deterministic one-minute bars from a seeded random walk (mulberry32 draws): each close moves up to
 * ±0.2 % from the open, highs and lows reach up to 0.1 % beyond the body.
 */
export function syntheticBars(count: number, seed = 42): OhlcvFrame {
  let state = seed >>> 0;
  const draw = () => {
    state = (state + 0x6d2b79f5) | 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
  const frame: OhlcvFrame = {
    kind: 'ohlcv',
    symbol: 'SIM:WALK',
    timeframe: '1m',
    time: [],
    open: [],
    high: [],
    low: [],
    close: [],
    volume: [],
  };
  let price = 100;
  for (let index = 0; index < count; index++) {
    const open = price;
    const close = open * (1 + (draw() - 0.5) * 0.004);
    frame.time.push(Date.UTC(2020, 0, 1) + index * 60_000);
    frame.open.push(open);
    frame.high.push(Math.max(open, close) * (1 + draw() * 0.001));
    frame.low.push(Math.min(open, close) * (1 - draw() * 0.001));
    frame.close.push(close);
    frame.volume.push(Math.round(1_000 + draw() * 9_000));
    price = close;
  }
  return frame;
}
