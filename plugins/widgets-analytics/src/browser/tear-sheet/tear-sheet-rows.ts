import type { TableFrame } from '@nautilus/sdk';
import { columnIndexes, numberCell } from '../shared/columns.ts';

/** One metric of the tear sheet as the widget shows it. */
export interface TearSheetRow {
  metric: string;
  /** As the source formatted it (`12.34 %`, `2023-03-01`, `—`). */
  value: string;
  formula: string;
  conventions: string;
  /** The raw figure when the source gives one (column `Number`), for sign colouring. */
  number: number | null;
}

const COLUMNS = ['Metric', 'Value', 'Formula', 'Conventions'] as const;
const EXPECTS =
  'Tear sheet expects a table with columns Metric, Value, Formula and Conventions (nautilus.core/analytics, view tear-sheet)';

/** The tear sheet's rows from its table frame; throws FrameShapeError naming missing columns. */
export function tearSheetRows(table: TableFrame): TearSheetRow[] {
  const at = columnIndexes(table, COLUMNS, EXPECTS);
  const numberAt = table.columns.findIndex((column) => column.name === 'Number' && column.type === 'number');
  const text = (cell: unknown) => (cell === null || cell === undefined ? '' : String(cell));
  return table.rows.map((row) => ({
    metric: text(row[at.Metric]),
    value: text(row[at.Value]) || '—',
    formula: text(row[at.Formula]),
    conventions: text(row[at.Conventions]),
    number: numberAt >= 0 ? numberCell(row[numberAt]) : null,
  }));
}

/** What hover shows for a metric: its formula, then its conventions. */
export const explanation = (row: TearSheetRow): string =>
  [row.formula, row.conventions].filter(Boolean).join(' — ') || 'No formula given for this metric.';
