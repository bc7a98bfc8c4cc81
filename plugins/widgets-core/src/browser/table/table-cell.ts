import { formatCellNumber, formatNumber, formatUtcTime } from '@nautilus/widget-kit';
import type { Cell, TableModelColumn } from './table-model.ts';

/** A cell's text: grouped numbers with the table's decimals (whole-number columns none, compact from a million), UTC times. */
export function formatCell(column: TableModelColumn, value: Cell, decimals: number): string {
  if (value === null || value === undefined || value === '') return '–';
  switch (column.type) {
    case 'number':
      if (typeof value !== 'number') return String(value);
      // Counts and volumes from a million up are written compactly (12.35M) so the columns fit the table's default size.
      return column.wholeNumbers ? formatCellNumber(value, 0) : formatNumber(value, decimals);
    case 'time': {
      const time = typeof value === 'number' ? value : Date.parse(String(value));
      return Number.isNaN(time) ? String(value) : formatUtcTime(time, column.datesOnly);
    }
    case 'boolean':
      return value ? 'Yes' : 'No';
    default:
      return String(value);
  }
}
