// Fixed en-US formatting: the dashboard carries no locale yet, and tests and screenshots must not depend
// on the machine's. Formatters are built once per set of options.
const formats = new Map<string, Intl.NumberFormat>();

/** An en-US Intl.NumberFormat for these options, built once. */
export function numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = JSON.stringify(options);
  let cached = formats.get(key);
  if (!cached) {
    cached = new Intl.NumberFormat('en-US', options);
    formats.set(key, cached);
  }
  return cached;
}

/** What a missing (NaN, infinite) value shows as. */
export const DASH = '–';

/** Figures from a million up are written compactly (1.23M) where space is short; titles carry the exact figure. */
export const COMPACT_FROM = 1_000_000;

/** `1234.5` → `1,234.50` with 2 decimals; a dash for a missing value. */
export function formatNumber(value: number, decimals: number): string {
  if (!Number.isFinite(value)) return DASH;
  return numberFormat({ minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value);
}

/** With an explicit sign: `+1.23`, `-1.23`, `0.00`. */
export function formatSignedNumber(value: number, decimals: number): string {
  if (!Number.isFinite(value)) return DASH;
  return numberFormat({ minimumFractionDigits: decimals, maximumFractionDigits: decimals, signDisplay: 'exceptZero' }).format(
    value,
  );
}

/** A number that must fit a small cell: `1.23M` from a million up, else {@link formatNumber}. */
export function formatCellNumber(value: number, decimals: number): string {
  if (!Number.isFinite(value)) return DASH;
  if (Math.abs(value) < COMPACT_FROM) return formatNumber(value, decimals);
  return numberFormat({ notation: 'compact', maximumFractionDigits: 2 }).format(value);
}

/**
 * An amount in its own unit, money or a ratio: whole numbers without decimals, others with up to 2
 * decimals, or up to 4 below 1 (a leverage of 1.5, a VaR of 0.021).
 */
export function formatAmount(value: number): string {
  if (!Number.isFinite(value)) return DASH;
  return numberFormat({ maximumFractionDigits: Math.abs(value) >= 1 ? 2 : 4 }).format(value);
}

/** A fraction as a percentage with 2 decimals: `0.021` → `2.10%`. */
export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return DASH;
  return numberFormat({ style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(fraction);
}

/** A change already in percent, with sign and at most two decimals: `0.5` → `+0.5%`, `-12.3456` → `-12.35%`. */
export function formatSignedPercent(percent: number): string {
  if (!Number.isFinite(percent)) return DASH;
  return `${numberFormat({ maximumFractionDigits: 2, signDisplay: 'exceptZero' }).format(percent)}%`;
}

/** A confidence level as people say it: `0.99` → `99%`, `0.975` → `97.5%`. */
export function formatConfidence(fraction: number): string {
  if (!Number.isFinite(fraction)) return DASH;
  return numberFormat({ style: 'percent', maximumFractionDigits: 2 }).format(fraction);
}
