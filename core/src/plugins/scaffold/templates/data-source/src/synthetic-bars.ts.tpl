import { type DataSource, type OhlcvFrame, TIMEFRAME_MS, type Timeframe } from '@nautilus/sdk';

/** The query params, as the manifest's querySchema declares them (the host checks every query against it). */
export interface BarsParams {
  symbol: string;
  timeframe: Timeframe;
}

/** A number in [0, 1) that depends only on its inputs, so every query returns the same bar for the same time. */
function noise(seed: number, time: number): number {
  let hash = (seed ^ Math.imul(Math.floor(time / 60_000), 0x9e3779b1)) >>> 0;
  hash = Math.imul(hash ^ (hash >>> 15), hash | 1);
  hash ^= hash + Math.imul(hash ^ (hash >>> 7), hash | 61);
  return ((hash ^ (hash >>> 14)) >>> 0) / 4_294_967_296;
}

function seedOf(symbol: string): number {
  let seed = 2_166_136_261;
  for (const char of symbol) seed = Math.imul(seed ^ (char.codePointAt(0) ?? 0), 16_777_619);
  return seed >>> 0;
}

/** A smooth made-up price around 100 with a cycle of about a month and one of about a year. */
function priceAt(seed: number, time: number): number {
  const day = time / 86_400_000;
  return 100 * Math.exp(0.05 * Math.sin(day / 5 + (seed % 7)) + 0.15 * Math.sin(day / 60 + (seed % 11)));
}

/**
 * Synthetic OHLCV bars: one per timeframe step in [from, to), the most recent `maxPoints` of them.
 * Replace the body of `query` with calls to your provider through `ctx.fetch` (pass it the signal).
 */
export const bars: DataSource<BarsParams> = {
  async query({ params, range, maxPoints }, signal) {
    signal.throwIfAborted();
    const step = TIMEFRAME_MS[params.timeframe];
    const first = Math.ceil(range.from / step) * step;
    const count = Math.max(0, Math.ceil((range.to - first) / step));
    const skip = Math.max(0, count - maxPoints);
    const seed = seedOf(params.symbol);
    const frame: OhlcvFrame = {
      kind: 'ohlcv',
      symbol: params.symbol,
      timeframe: params.timeframe,
      time: [],
      open: [],
      high: [],
      low: [],
      close: [],
      volume: [],
    };
    for (let index = skip; index < count; index++) {
      if (index % 10_000 === 0) signal.throwIfAborted();
      const time = first + index * step;
      const open = priceAt(seed, time);
      const close = priceAt(seed, time + step);
      const spread = 0.002 * noise(seed, time);
      frame.time.push(time);
      frame.open.push(open);
      frame.high.push(Math.max(open, close) * (1 + spread));
      frame.low.push(Math.min(open, close) * (1 - spread));
      frame.close.push(close);
      frame.volume.push(Math.round(1_000 + 9_000 * noise(seed + 1, time)));
    }
    return [frame];
  },
};
