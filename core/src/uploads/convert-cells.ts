/** Upload cells as numbers and times; undefined when a cell cannot be read as one. */
import { parseTimeCell } from '@nautilus/sdk';
import type { Cell } from './read-table.ts';

/** A finite number from a number, a bigint or a numeric string ("1,234.5" is refused: thousands separators are ambiguous). */
export function numberCell(cell: Cell): number | undefined {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : undefined;
  if (typeof cell === 'bigint') return Number(cell);
  if (typeof cell === 'string' && cell.trim() !== '') {
    const value = Number(cell.trim());
    return Number.isFinite(value) ? value : undefined;
  }
  return undefined;
}

export const isEmpty = (cell: Cell) => cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');

/**
 * A time as epoch ms: a Date (Parquet timestamps), a number of epoch seconds (below 10^11) or
 * milliseconds, or text the sdk's {@link parseTimeCell} reads (ISO dates and date-times, UTC unless
 * an offset is given; `YYYY-MM`; `YYYY`).
 */
export function timeCell(cell: Cell): number | undefined {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? undefined : cell.getTime();
  if (typeof cell === 'number' || typeof cell === 'bigint') {
    const value = Number(cell);
    if (!Number.isFinite(value)) return undefined;
    return Math.abs(value) < 1e11 ? value * 1000 : value;
  }
  if (typeof cell !== 'string') return undefined;
  const value = cell.trim();
  return /^\d{9,13}$/.test(value) ? timeCell(Number(value)) : parseTimeCell(value);
}
