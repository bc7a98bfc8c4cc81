// Fixed en-US formatting: the dashboard carries no locale yet, and tests and screenshots must not depend
// on the machine's. Tabular figures and right alignment come from the stylesheet.
const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(decimals: number, signed: boolean): Intl.NumberFormat {
  const key = `${decimals}:${signed}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat('en-US', {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
      signDisplay: signed ? 'exceptZero' : 'auto',
    });
    numberFormats.set(key, format);
  }
  return format;
}

const DASH = '–';

/** `1234.5` → `1,234.50` with 2 decimals; a dash for a missing value. */
export function formatNumber(value: number, decimals: number): string {
  return Number.isFinite(value) ? numberFormat(decimals, false).format(value) : DASH;
}

/** With an explicit sign: `+1.23`, `-1.23`, `0.00`. */
export function formatSignedNumber(value: number, decimals: number): string {
  return Number.isFinite(value) ? numberFormat(decimals, true).format(value) : DASH;
}

const percentFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, signDisplay: 'exceptZero' });

/** A percentage with sign and at most two decimals: `+0.5%`, `-12.35%`. */
export function formatSignedPercent(percent: number): string {
  return Number.isFinite(percent) ? `${percentFormat.format(percent)}%` : DASH;
}

const pad = (value: number): string => String(value).padStart(2, '0');

/** Epoch ms as UTC `2024-03-01 14:30`, or `2024-03-01` for daily data; charts show UTC too. */
export function formatUtcTime(epochMs: number, dateOnly = false): string {
  if (!Number.isFinite(epochMs)) return DASH;
  const date = new Date(epochMs);
  const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  return dateOnly ? day : `${day} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
}
