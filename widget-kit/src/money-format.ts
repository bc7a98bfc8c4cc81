import { COMPACT_FROM, DASH, numberFormat } from './number-format.ts';

/**
 * Money with 2 decimals, compact from a million up: `$21,000.00`, `-$1.23M`, `CHF 950.00`.
 * @example formatMoney(1_234_567, 'EUR') // '€1.23M'
 */
export function formatMoney(value: number, currency: string): string {
  if (!Number.isFinite(value)) return DASH;
  if (Math.abs(value) >= COMPACT_FROM) return formatCompactMoney(value, currency);
  return formatExactMoney(value, currency);
}

/** Money with 2 decimals however large, for titles and screen readers. */
export function formatExactMoney(value: number, currency: string): string {
  if (!Number.isFinite(value)) return DASH;
  return numberFormat({ style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
}

/** Money with an explicit sign (`+$1,200.00`, `-$350.00`), compact from a million up: gains and losses. */
export function formatSignedMoney(value: number, currency: string): string {
  if (!Number.isFinite(value)) return DASH;
  const compact = Math.abs(value) >= COMPACT_FROM;
  return numberFormat({
    style: 'currency',
    currency,
    signDisplay: 'exceptZero',
    ...(compact ? { notation: 'compact', maximumFractionDigits: 2 } : { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  }).format(value);
}

/** Short money for axis ticks: `$250K`, `-$1.5M`, `$0`. */
export function formatCompactMoney(value: number, currency: string): string {
  if (!Number.isFinite(value)) return DASH;
  return numberFormat({ style: 'currency', currency, notation: 'compact', maximumFractionDigits: 2 }).format(value);
}
