/** Scale suffixes of Trading Economics' display strings, as powers of ten. */
const SCALES: Record<string, number> = { K: 3, M: 6, B: 9, T: 12 };

export interface DisplayNumber {
  value: number;
  /** What followed the number once a scale letter was taken off, e.g. `%`; '' when nothing. */
  unit: string;
  /** The scale letter, e.g. `B`; '' when none. */
  scale: string;
}

/**
 * A number from one of Trading Economics' display strings: `"2.71%"` → 2.71, `"$424B"` → 4.24e11,
 * `"-1.5%"` → -1.5, `"€-3.2M"` → -3.2e6, `"1,234.5K"` → 1234500. Currency symbols before the number
 * are dropped, a K/M/B/T right after it scales it; null for an empty or unparseable string.
 */
export function parseDisplayNumber(text: string): DisplayNumber | null {
  const match =
    /^([+\-−]?)\s*([^\d\s.+\-−]{0,4}?)\s*([+\-−]?)\s*(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)\s*(.*)$/u.exec(
      text.trim(),
    );
  if (!match) return null;
  const [, before = '', , after = '', digits = '', rest = ''] = match;
  if (before !== '' && after !== '') return null;
  const negative = (before || after) === '-' || (before || after) === '−';
  let scale = '';
  let unit = rest.trim();
  const scaled = /^([KMBT])(?![A-Za-z])\s*(.*)$/.exec(unit);
  if (scaled) {
    scale = scaled[1]!;
    unit = scaled[2]!.trim();
  }
  // What is left must be a unit (%, bps, a word), not more figures ("1.2-1.5%", "12/13").
  if (/\d/.test(unit) || unit.length > 20) return null;
  const value = Number(`${negative ? '-' : ''}${digits.replaceAll(',', '')}e${SCALES[scale] ?? 0}`);
  return Number.isFinite(value) ? { value, unit, scale } : null;
}
