// Fixed en-US formatting, as in widgets-core: the dashboard carries no locale yet, and tests and
// screenshots must not depend on the machine's. Formatters are built once per set of options.
const formats = new Map<string, Intl.NumberFormat>();

function format(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = JSON.stringify(options);
  let cached = formats.get(key);
  if (!cached) {
    cached = new Intl.NumberFormat('en-US', options);
    formats.set(key, cached);
  }
  return cached;
}

const DASH = '–';

/** Amounts from a million up are written compactly ($1.23M) where space is short; titles carry the exact figure. */
const COMPACT_FROM = 1_000_000;

/** `1234.5` → `1,234.50` with 2 decimals; a dash for a missing value. */
export function formatNumber(value: number, decimals: number): string {
  if (!Number.isFinite(value)) return DASH;
  return format({ minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value);
}

/** A number that must fit a small cell: `1.23M` from a million up, else {@link formatNumber}. */
export function formatCellNumber(value: number, decimals: number): string {
  if (!Number.isFinite(value)) return DASH;
  if (Math.abs(value) < COMPACT_FROM) return formatNumber(value, decimals);
  return format({ notation: 'compact', maximumFractionDigits: 2 }).format(value);
}

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
  return format({ style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
}

/** Money with an explicit sign (`+$1,200.00`, `-$350.00`), compact from a million up: gains and losses. */
export function formatSignedMoney(value: number, currency: string): string {
  if (!Number.isFinite(value)) return DASH;
  const compact = Math.abs(value) >= COMPACT_FROM;
  return format({
    style: 'currency',
    currency,
    signDisplay: 'exceptZero',
    ...(compact ? { notation: 'compact', maximumFractionDigits: 2 } : { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  }).format(value);
}

/** Short money for axis ticks: `$250K`, `-$1.5M`, `$0`. */
export function formatCompactMoney(value: number, currency: string): string {
  if (!Number.isFinite(value)) return DASH;
  return format({ style: 'currency', currency, notation: 'compact', maximumFractionDigits: 2 }).format(value);
}

/** A fraction as a percentage with 2 decimals: `0.021` → `2.10%`. */
export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return DASH;
  return format({ style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(fraction);
}

/** A confidence level as people say it: `0.99` → `99%`, `0.975` → `97.5%`. */
export function formatConfidence(fraction: number): string {
  if (!Number.isFinite(fraction)) return DASH;
  return format({ style: 'percent', maximumFractionDigits: 2 }).format(fraction);
}

/**
 * A limit's value or threshold in its own unit, money or a ratio: whole numbers without decimals,
 * others with up to 2 decimals, or up to 4 below 1 (a leverage of 1.5, a VaR of 0.021).
 */
export function formatAmount(value: number): string {
  if (!Number.isFinite(value)) return DASH;
  return format({ maximumFractionDigits: Math.abs(value) >= 1 ? 2 : 4 }).format(value);
}
