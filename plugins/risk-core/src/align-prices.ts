import type { PriceSeries } from '@nautilus/sdk';
import { NautilusError } from '@nautilus/sdk';
import { fieldError, shown } from './field-error.ts';

/** Closes of several symbols on the dates they all share. */
export interface AlignedPrices {
  symbols: string[];
  /** The common dates (epoch ms), increasing. */
  time: number[];
  /** `close[s][t]`: the close of `symbols[s]` on `time[t]`. */
  close: number[][];
  /** Dates some symbols have but not all, left out of the common calendar. */
  droppedDates: number;
  /** Per symbol: how many of its own dates were left out because another symbol lacked them. */
  droppedPerSymbol: Record<string, number>;
}

/**
 * Checks one symbol's closes: equal lengths, at least one close, strictly increasing finite times,
 * positive finite closes. Throws VALIDATION naming the field, e.g. `prices.SIM:AAPL.close[12]`.
 */
export function checkPriceSeries(symbol: string, series: PriceSeries | undefined): PriceSeries {
  const path = `prices.${symbol}`;
  if (series === undefined || series === null || typeof series !== 'object') {
    throw fieldError(path, `no price series for ${symbol}; add its closes to prices`);
  }
  const { time, close } = series;
  if (!Array.isArray(time)) throw fieldError(`${path}.time`, `must be an array of epoch ms, got ${shown(time)}`);
  if (!Array.isArray(close)) throw fieldError(`${path}.close`, `must be an array of closes, got ${shown(close)}`);
  if (close.length === 0) throw fieldError(`${path}.close`, 'is empty; the symbol needs at least one close');
  if (close.length !== time.length) {
    throw fieldError(`${path}.close`, `has ${close.length} values but time has ${time.length}; give one close per time`);
  }
  for (let i = 0; i < time.length; i++) {
    const t = time[i];
    if (typeof t !== 'number' || !Number.isFinite(t))
      throw fieldError(`${path}.time[${i}]`, `must be a finite epoch ms, got ${shown(t)}`);
    if (i > 0 && t <= time[i - 1]!) {
      throw fieldError(
        `${path}.time[${i}]`,
        `must be later than time[${i - 1}] (${time[i - 1]}), got ${t}; sort the series oldest first`,
      );
    }
    const c = close[i];
    if (typeof c !== 'number' || !Number.isFinite(c) || c <= 0) {
      throw fieldError(`${path}.close[${i}]`, `must be a positive finite price, got ${shown(c)}`);
    }
  }
  return series;
}

/**
 * Lines up the closes of `symbols` on the dates all of them have (the intersection of their
 * calendars) and counts what was left out, overall and per symbol.
 * @example alignPrices({ A: { time: [1, 2, 3], close: [10, 11, 12] }, B: { time: [2, 3], close: [5, 6] } })
 *   // time [2, 3], close [[11, 12], [5, 6]], droppedDates 1, droppedPerSymbol { A: 1, B: 0 }
 */
export function alignPrices(prices: Record<string, PriceSeries>, symbols: string[] = Object.keys(prices)): AlignedPrices {
  if (symbols.length === 0) throw fieldError('prices', 'needs at least one symbol');
  const unique = [...new Set(symbols)];
  const series = unique.map((symbol) => checkPriceSeries(symbol, prices[symbol]));

  const seen = new Map<number, number>();
  for (const { time } of series) for (const t of time) seen.set(t, (seen.get(t) ?? 0) + 1);
  const common = [...seen].filter(([, count]) => count === unique.length).map(([t]) => t);
  common.sort((a, b) => a - b);
  if (common.length === 0) {
    throw new NautilusError(
      'INSUFFICIENT_DATA',
      `The price series of ${unique.join(', ')} share no date; supply overlapping histories.`,
    );
  }

  // Each series and the common calendar are both increasing: one forward walk per series picks its closes.
  const close = series.map(({ time, close: closes }) => {
    const picked: number[] = new Array(common.length);
    let i = 0;
    for (let t = 0; t < common.length; t++) {
      while (time[i] !== common[t]) i++;
      picked[t] = closes[i]!;
    }
    return picked;
  });
  const droppedPerSymbol = Object.fromEntries(unique.map((symbol, s) => [symbol, series[s]!.time.length - common.length]));
  return { symbols: unique, time: common, close, droppedDates: seen.size - common.length, droppedPerSymbol };
}
