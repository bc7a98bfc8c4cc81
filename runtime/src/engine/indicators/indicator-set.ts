import type { Indicators } from '@nautilus/sdk';
import type { BarHistory } from '../bar-history.ts';
import { AtrIndicator } from './atr.ts';
import { BollingerIndicator } from './bollinger.ts';
import { EmaIndicator } from './ema.ts';
import { MacdIndicator } from './macd.ts';
import { RsiIndicator } from './rsi.ts';
import { SmaIndicator } from './sma.ts';
import type { StreamingIndicator } from './streaming-indicator.ts';

const MAX_PERIOD = 100_000;

interface Entry {
  kind: string;
  a: number;
  b: number;
  c: number;
  indicator: StreamingIndicator;
}

function period(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_PERIOD) {
    throw new RangeError(`${name} must be a whole number from 1 to ${MAX_PERIOD}, got ${String(value)}`);
  }
  return value;
}

/**
 * `ctx.indicators`: creates each indicator on first use (memoised by kind and arguments, found by a
 * short linear scan so calling it every bar allocates nothing), back-fills it from the kept history,
 * and updates every indicator with each new bar through `update`.
 */
export function createIndicatorSet(history: BarHistory): { api: Indicators; update: StreamingIndicator['update'] } {
  const entries: Entry[] = [];
  const all: StreamingIndicator[] = [];

  function obtain<T extends StreamingIndicator>(kind: string, a: number, b: number, c: number, create: () => T): T {
    for (const entry of entries) {
      if (entry.kind === kind && entry.a === a && entry.b === b && entry.c === c) return entry.indicator as T;
    }
    const indicator = create();
    for (let barsAgo = history.available - 1; barsAgo >= 0; barsAgo--) {
      const slot = history.slot(barsAgo);
      indicator.update(history.open[slot]!, history.high[slot]!, history.low[slot]!, history.close[slot]!, history.volume[slot]!);
    }
    entries.push({ kind, a, b, c, indicator });
    all.push(indicator);
    return indicator;
  }

  const api: Indicators = {
    sma: (n) => obtain('sma', period('sma period', n), 0, 0, () => new SmaIndicator(n)),
    ema: (n) => obtain('ema', period('ema period', n), 0, 0, () => new EmaIndicator(n)),
    rsi: (n = 14) => obtain('rsi', period('rsi period', n), 0, 0, () => new RsiIndicator(n)),
    atr: (n = 14) => obtain('atr', period('atr period', n), 0, 0, () => new AtrIndicator(n)),
    macd: (fast = 12, slow = 26, signal = 9) =>
      obtain(
        'macd',
        period('macd fast', fast),
        period('macd slow', slow),
        period('macd signal', signal),
        () => new MacdIndicator(fast, slow, signal),
      ),
    bollinger: (n = 20, k = 2) => {
      if (typeof k !== 'number' || !(k > 0) || !Number.isFinite(k))
        throw new RangeError(`bollinger k must be a positive number, got ${String(k)}`);
      return obtain('bollinger', period('bollinger period', n), k, 0, () => new BollingerIndicator(n, k));
    },
  };
  Object.freeze(api);

  function update(open: number, high: number, low: number, close: number, volume: number): void {
    for (let index = 0; index < all.length; index++) all[index]!.update(open, high, low, close, volume);
  }
  return { api, update };
}
