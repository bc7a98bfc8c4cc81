import type { Frame, TableColumn, TableFrame } from '@nautilus/sdk';

type Row = TableFrame['rows'][number];

/** What a widget can draw from the panel's frames: nothing (no data), a message saying why not, or a table. */
export type TableReading =
  | { status: 'no-data' }
  | { status: 'problem'; message: string }
  | { status: 'ok'; frame: TableFrame; rows: readonly Row[]; column: (name: string) => number | undefined };

const withArticle = (word: string): string => `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;

/** How a frame looks, for a message that tells the user what the query returned: `a scalar frame`, `columns a (string), b (number)`. */
export function describeFrame(frame: Frame): string {
  if (frame?.kind !== 'table') return `${withArticle(String(frame?.kind ?? 'unknown'))} frame`;
  const columns: readonly TableColumn[] = Array.isArray(frame.columns) ? frame.columns : [];
  if (columns.length === 0) return 'a table without columns';
  return `columns ${columns.map((column) => `${column?.name} (${column?.type})`).join(', ')}`;
}

/**
 * The panel's first frame, which must be a table (a panel draws its first frame, as in widgets-core)
 * holding the `required` columns and perhaps the `optional` ones, matched by name (case-sensitive) and
 * type. On a mismatch, a message naming what the widget expects and what the query returned, which the
 * widget shows in its panel; no frame or no rows is no data.
 */
export function readTable(
  frames: readonly Frame[] | undefined,
  expected: { widgetName: string; required: readonly TableColumn[]; optional?: readonly TableColumn[] },
): TableReading {
  const frame = Array.isArray(frames) ? frames[0] : undefined;
  if (!frame) return { status: 'no-data' };
  const columnNames = expected.required.map((column) => column.name).join(', ');
  const problem = (got: string): TableReading => ({
    status: 'problem',
    message: `${expected.widgetName} expects a table with columns ${columnNames}; got ${got}.`,
  });
  if (frame.kind !== 'table') return problem(describeFrame(frame));
  const columns: readonly TableColumn[] = Array.isArray(frame.columns) ? frame.columns : [];
  const rows: readonly Row[] = Array.isArray(frame.rows) ? frame.rows : [];
  if (columns.length === 0 && rows.length === 0) return { status: 'no-data' };

  const indices = new Map<string, number>();
  columns.forEach((column, index) => {
    if (!indices.has(column?.name)) indices.set(column?.name, index);
  });
  const missing: string[] = [];
  const mistyped: string[] = [];
  for (const column of [...expected.required, ...(expected.optional ?? [])]) {
    const index = indices.get(column.name);
    if (index === undefined) {
      if (expected.required.includes(column)) missing.push(column.name);
    } else if (columns[index]?.type !== column.type) {
      mistyped.push(`${column.name} is ${columns[index]?.type}, not ${column.type}`);
    }
  }
  if (missing.length > 0 || mistyped.length > 0) {
    const details = [...(missing.length > 0 ? [`missing ${missing.join(', ')}`] : []), ...mistyped].join('; ');
    return problem(`${describeFrame(frame)} (${details})`);
  }
  if (rows.length === 0) return { status: 'no-data' };
  return { status: 'ok', frame, rows, column: (name) => indices.get(name) };
}

/** A cell as a number; NaN when it is empty, absent or not a number. */
export function numberCell(row: Row | undefined, index: number | undefined): number {
  const value = index === undefined ? undefined : row?.[index];
  return typeof value === 'number' ? value : Number.NaN;
}

/** A cell as text; '' when it is empty or absent. */
export function textCell(row: Row | undefined, index: number | undefined): string {
  const value = index === undefined ? undefined : row?.[index];
  return value === null || value === undefined ? '' : String(value);
}
