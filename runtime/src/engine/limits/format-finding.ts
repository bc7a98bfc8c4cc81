import type { LimitFinding, LimitKind } from '@nautilus/sdk';

/** How a limit's values read in messages. */
export type Unit = 'quantity' | 'money' | 'ratio' | 'fraction' | 'count';

/** 1234567.891 → '1,234,567.89' (at most `decimals` decimals, trailing zeros dropped); no Intl on this path. */
export function formatNumber(value: number, decimals = 2): string {
  if (!Number.isFinite(value)) return String(value);
  const fixed = Math.abs(value).toFixed(decimals);
  const point = fixed.indexOf('.');
  let whole = point < 0 ? fixed : fixed.slice(0, point);
  let fraction = point < 0 ? '' : fixed.slice(point + 1).replace(/0+$/, '');
  if (whole.length > 3) whole = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  if (fraction !== '') fraction = `.${fraction}`;
  const text = whole + fraction;
  return value < 0 && text !== '0' ? `-${text}` : text;
}

export function formatValue(value: number, unit: Unit): string {
  switch (unit) {
    case 'quantity':
      return formatNumber(value, 8);
    case 'money':
      return formatNumber(value, 2);
    case 'ratio':
      return `${formatNumber(value, 2)}x`;
    case 'fraction':
      return `${formatNumber(value * 100, 2)} %`;
    case 'count':
      return formatNumber(value, 0);
  }
}

/**
 * A finding on a measured value: "maxPosition SIM:AAPL: resulting position 1,200 exceeds hard limit
 * 1,000". A NaN value says why it could not be measured (`why`) and that it counts as a hard breach.
 */
export function thresholdFinding(
  limit: LimitKind,
  level: 'warn' | 'hard',
  threshold: number,
  value: number,
  what: string,
  unit: Unit,
  symbol: string | undefined,
  why: string,
  suffix = '',
): LimitFinding {
  const name = symbol === undefined ? limit : `${limit} ${symbol}`;
  const message = Number.isNaN(value)
    ? `${name}: ${what} cannot be computed (${why || 'a figure it needs is missing or not a number'}), so it counts as beyond the hard limit ${formatValue(threshold, unit)}${suffix}`
    : `${name}: ${what} ${formatValue(value, unit)} exceeds ${level} limit ${formatValue(threshold, unit)}${suffix}`;
  return symbol === undefined ? { limit, level, threshold, value, message } : { limit, level, threshold, value, message, symbol };
}
