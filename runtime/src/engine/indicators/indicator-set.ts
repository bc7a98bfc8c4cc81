import type { Indicators } from '@nautilus/sdk';
import type { BarHistory } from '../bar-history.ts';
import { CatalogueHandle } from './catalogue-handle.ts';

const MAX_PERIOD = 100_000;

interface Entry {
  key: string;
  handle: CatalogueHandle;
}

function period(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_PERIOD) {
    throw new RangeError(`${name} must be a whole number from 1 to ${MAX_PERIOD}, got ${String(value)}`);
  }
  return value;
}

/** One key per indicator and params, so the same call returns the same object. */
function keyOf(id: string, params: Record<string, number> | undefined): string {
  if (!params) return id;
  let key = id;
  for (const name of Object.keys(params).sort()) key += `|${name}=${params[name]}`;
  return key;
}

/**
 * `ctx.indicators`: creates each catalogue indicator on first use (memoised by id and params, found
 * by a short linear scan), back-fills it from the kept history, and updates every indicator with each
 * new bar through `update`. The numbers come from `@nautilus/indicators`, the same as panel transforms.
 */
export function createIndicatorSet(history: BarHistory): {
  api: Indicators;
  update: (open: number, high: number, low: number, close: number, volume: number) => void;
} {
  const entries: Entry[] = [];
  const all: CatalogueHandle[] = [];
  const bar = { open: 0, high: 0, low: 0, close: 0, volume: 0 };

  function obtain(id: string, params?: Record<string, number>): CatalogueHandle {
    const key = keyOf(id, params);
    for (const entry of entries) if (entry.key === key) return entry.handle;
    const handle = new CatalogueHandle(id, params);
    for (let barsAgo = history.available - 1; barsAgo >= 0; barsAgo--) {
      const slot = history.slot(barsAgo);
      handle.update({
        open: history.open[slot]!,
        high: history.high[slot]!,
        low: history.low[slot]!,
        close: history.close[slot]!,
        volume: history.volume[slot]!,
      });
    }
    entries.push({ key, handle });
    all.push(handle);
    return handle;
  }

  const api: Indicators = {
    sma: (n) => obtain('sma', { period: period('sma period', n) }),
    ema: (n) => obtain('ema', { period: period('ema period', n) }),
    rsi: (n = 14) => obtain('rsi', { period: period('rsi period', n) }),
    atr: (n = 14) => obtain('atr', { period: period('atr period', n) }),
    macd: (fast = 12, slow = 26, signal = 9) =>
      obtain('macd', {
        fast: period('macd fast', fast),
        slow: period('macd slow', slow),
        signal: period('macd signal', signal),
      }),
    bollinger: (n = 20, k = 2) => {
      if (typeof k !== 'number' || !(k > 0) || !Number.isFinite(k))
        throw new RangeError(`bollinger k must be a positive number, got ${String(k)}`);
      return obtain('bbands', { period: period('bollinger period', n), k });
    },
    indicator: (id, params) => obtain(id, params),
  };
  Object.freeze(api);

  function update(open: number, high: number, low: number, close: number, volume: number): void {
    bar.open = open;
    bar.high = high;
    bar.low = low;
    bar.close = close;
    bar.volume = volume;
    for (let index = 0; index < all.length; index++) all[index]!.update(bar);
  }
  return { api, update };
}
