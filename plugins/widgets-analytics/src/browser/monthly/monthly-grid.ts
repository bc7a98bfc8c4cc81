import type { TableFrame } from '@nautilus/sdk';
import { columnIndexes, numberCell } from '../shared/columns.ts';

export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** Years × months of returns in percent, with each year's compounded total and the colour scales' bounds. */
export interface MonthlyGrid {
  years: { year: string; months: (number | null)[]; total: number | null }[];
  /** The largest |monthly return|: every month cell shares the scale −monthBound … 0 … +monthBound. */
  monthBound: number;
  /** The largest |yearly total|, the yearly column's own scale (a year compounds twelve months). */
  yearBound: number;
}

const EXPECTS =
  'Monthly returns expects a table with columns Year, Jan … Dec and Year total (nautilus.core/analytics, view monthly-returns)';

/** The grid from a monthly-returns table; throws FrameShapeError naming the missing columns. */
export function monthlyGrid(table: TableFrame): MonthlyGrid {
  const at = columnIndexes(table, ['Year', ...MONTHS, 'Year total'] as const, EXPECTS);
  let monthBound = 0;
  let yearBound = 0;
  const years = table.rows.map((row) => {
    const months = MONTHS.map((month) => numberCell(row[at[month]]));
    for (const value of months) if (value !== null) monthBound = Math.max(monthBound, Math.abs(value));
    const total = numberCell(row[at['Year total']]);
    if (total !== null) yearBound = Math.max(yearBound, Math.abs(total));
    return { year: String(row[at.Year] ?? ''), months, total };
  });
  return { years, monthBound, yearBound };
}
