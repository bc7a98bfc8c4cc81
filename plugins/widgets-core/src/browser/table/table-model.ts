import type { OhlcvFrame, TableColumn, TableFrame } from '@nautilus/sdk';
import { ohlcvLength } from '../shared/expect-frames.ts';

export type Cell = string | number | boolean | null;

/** A column with its values, so that sorting and formatting read one array, whatever the frame's layout. */
export interface TableModelColumn {
  name: string;
  type: TableColumn['type'];
  unit?: string;
  values: readonly Cell[];
  /** Number columns holding only whole numbers show no decimals (counts, volumes). */
  wholeNumbers: boolean;
  /** Time columns holding only UTC midnights show dates alone (daily bars). */
  datesOnly: boolean;
}

export interface TableModel {
  columns: TableModelColumn[];
  rowCount: number;
  /** Row order before any sort: as the frame gives it, newest first for OHLCV bars. */
  naturalOrder: number[];
}

/** A table frame (row-wise) or OHLCV bars (column-wise) as columns. */
export function toTableModel(frame: TableFrame | OhlcvFrame): TableModel {
  if (frame.kind === 'ohlcv') {
    const rowCount = ohlcvLength(frame);
    const column = (name: keyof OhlcvFrame & string, type: TableColumn['type'], values: readonly number[]) =>
      describeColumn({ name, type }, values);
    return {
      columns: [
        column('time', 'time', frame.time),
        column('open', 'number', frame.open),
        column('high', 'number', frame.high),
        column('low', 'number', frame.low),
        column('close', 'number', frame.close),
        column('volume', 'number', frame.volume),
      ],
      rowCount,
      naturalOrder: Array.from({ length: rowCount }, (_, index) => rowCount - 1 - index),
    };
  }
  const rows = Array.isArray(frame.rows) ? frame.rows : [];
  const columns = (frame.columns ?? []).map((column, columnIndex) =>
    describeColumn(
      column,
      rows.map((row) => row?.[columnIndex] ?? null),
    ),
  );
  return { columns, rowCount: rows.length, naturalOrder: rows.map((_, index) => index) };
}

const DAY_MS = 86_400_000;

function describeColumn(column: TableColumn, values: readonly Cell[]): TableModelColumn {
  const numbers = values.filter((value): value is number => typeof value === 'number');
  return {
    name: column.name,
    type: column.type,
    ...(column.unit ? { unit: column.unit } : {}),
    values,
    wholeNumbers: column.type === 'number' && numbers.every(Number.isInteger),
    datesOnly: column.type === 'time' && numbers.length > 0 && numbers.every((value) => value % DAY_MS === 0),
  };
}
