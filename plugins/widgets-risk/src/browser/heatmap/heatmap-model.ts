import type { Frame, TableColumn, TableFrame } from '@nautilus/sdk';
import { describeFrame, numberCell, textCell } from '../shared/table-frame.ts';
import { type ColorDomain, colorDomain, type HeatmapScale } from './heatmap-colors.ts';

/** A heatmap's rows, columns and values, with the colour domain of each column. */
export interface HeatmapModel {
  rows: string[];
  columns: string[];
  /** values[row][column]; NaN for an empty cell. */
  values: number[][];
  /** One per column. */
  domains: ColorDomain[];
  /**
   * Whether the columns are named after the rows (a correlation matrix): then they measure one thing
   * and share one domain. Otherwise each column is its own measure (component VaR in money, share as a
   * fraction) and gets its own.
   */
  matrix: boolean;
}

export type HeatmapReading =
  | { status: 'no-data' }
  | { status: 'problem'; message: string }
  | { status: 'ok'; model: HeatmapModel };

export const HEATMAP_SHAPE = 'a table whose first column is a label and the others numbers';

/** The heatmap of the panel's first frame: a string label column, then one or more number columns. */
export function readHeatmap(frames: readonly Frame[] | undefined, scale: HeatmapScale): HeatmapReading {
  const frame = Array.isArray(frames) ? frames[0] : undefined;
  if (!frame) return { status: 'no-data' };
  const problem = (): HeatmapReading => ({
    status: 'problem',
    message: `Risk heatmap expects ${HEATMAP_SHAPE}; got ${describeFrame(frame)}.`,
  });
  if (frame.kind !== 'table') return problem();
  const columns: readonly TableColumn[] = Array.isArray(frame.columns) ? frame.columns : [];
  const tableRows: TableFrame['rows'] = Array.isArray(frame.rows) ? frame.rows : [];
  if (columns.length === 0 && tableRows.length === 0) return { status: 'no-data' };
  const [label, ...measures] = columns;
  if (label?.type !== 'string' || measures.length === 0 || measures.some((column) => column?.type !== 'number')) {
    return problem();
  }
  if (tableRows.length === 0) return { status: 'no-data' };

  const rows = tableRows.map((row) => textCell(row, 0));
  const values = tableRows.map((row) => measures.map((_, index) => numberCell(row, index + 1)));
  const names = measures.map((column) => column.name);
  const labels = new Set(rows);
  const matrix = names.every((name) => labels.has(name));
  const columnValues = (index: number) => values.map((row) => row[index]!);
  const domains = matrix
    ? Array(names.length).fill(colorDomain(scale, values.flat()))
    : names.map((_, index) => colorDomain(scale, columnValues(index)));
  return { status: 'ok', model: { rows, columns: names, values, domains, matrix } };
}
