import { formatNumber, formatUtcTime } from '../shared/format.ts';
import type { Cell, TableModelColumn } from './table-model.ts';

/** A cell's text: grouped numbers with the table's decimals (none for whole-number columns), UTC times. */
export function formatCell(column: TableModelColumn, value: Cell, decimals: number): string {
  if (value === null || value === undefined || value === '') return '–';
  switch (column.type) {
    case 'number':
      return typeof value === 'number' ? formatNumber(value, column.wholeNumbers ? 0 : decimals) : String(value);
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
