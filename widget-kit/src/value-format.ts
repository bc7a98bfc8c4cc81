import { COMPACT_FROM, DASH, formatNumber, numberFormat } from './number-format.ts';
import { pricePrecision } from './price-precision.ts';

/** Most decimals a percentage shows: `-26.35%`, never `-26.3494%`. */
export const PERCENT_DECIMALS = 2;

/** Whether a unit names percent, however a source writes it. */
export const isPercentUnit = (unit: string | undefined): boolean => unit === '%' || unit?.toLowerCase() === 'percent';

/**
 * Decimals for the values of one series on an axis, a legend or a tile: percentages get 2, prices and
 * other values the fewest that write them exactly (5 for FX, 2 for equities; see `pricePrecision`).
 */
export function valueDecimals(values: ArrayLike<number>, unit?: string): number {
  if (isPercentUnit(unit)) return PERCENT_DECIMALS;
  return pricePrecision(values);
}

/**
 * A price or value as charts, legends and tiles show it: thousands separators, `decimals` fixed, the
 * unit after it (`%` attached, anything else after a space).
 * @example formatValue(43250.5, 2) // '43,250.50'
 * @example formatValue(-26.3494, 2, '%') // '-26.35%'
 */
export function formatValue(value: number, decimals: number, unit?: string): string {
  if (!Number.isFinite(value)) return DASH;
  const number = formatNumber(value, decimals);
  if (!unit) return number;
  return isPercentUnit(unit) ? `${number}%` : `${number} ${unit}`;
}

/** A traded volume: whole units with separators, compact from a million up (`1.23M`). */
export function formatVolume(volume: number): string {
  if (!Number.isFinite(volume)) return DASH;
  if (Math.abs(volume) >= COMPACT_FROM) return numberFormat({ notation: 'compact', maximumFractionDigits: 2 }).format(volume);
  return numberFormat({ maximumFractionDigits: 0 }).format(volume);
}

/**
 * A bar's change against the previous close, as a legend shows it: `+1.25 (+0.98%)`. Without a
 * previous close (the first bar) or from zero, only what can be said.
 */
export function formatChange(close: number, previousClose: number, decimals: number): string {
  if (!Number.isFinite(close) || !Number.isFinite(previousClose)) return DASH;
  const absolute = close - previousClose;
  const signed = numberFormat({
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    signDisplay: 'exceptZero',
  }).format(absolute);
  if (previousClose === 0) return signed;
  const percent = (absolute / Math.abs(previousClose)) * 100;
  const signedPercent = numberFormat({
    minimumFractionDigits: PERCENT_DECIMALS,
    maximumFractionDigits: PERCENT_DECIMALS,
    signDisplay: 'exceptZero',
  }).format(percent);
  return `${signed} (${signedPercent}%)`;
}

/**
 * A chart library's price format for a series (lightweight-charts' `{ type: 'custom' }`): axis ticks,
 * crosshair and last-value labels written by {@link formatValue}, so an axis reads `43,250.50` and a
 * drawdown axis `-26.35%`.
 */
export function valuePriceFormat(decimals: number, unit?: string) {
  return {
    type: 'custom' as const,
    minMove: 10 ** -decimals,
    formatter: (value: number) => formatValue(value, decimals, unit),
  };
}
