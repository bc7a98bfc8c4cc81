import type { Frame, TableFrame } from '@nautilus/sdk';

/** A frame the widget cannot draw: the message names what it expects and what the query returned. */
export class FrameShapeError extends Error {
  readonly code = 'FRAME_SHAPE';
}

/** "Metric (string), Value (string)": how a table's columns read in a message. */
export const describeColumns = (table: TableFrame): string =>
  table.columns.map((column) => `${column.name} (${column.type})`).join(', ') || 'none';

/**
 * The index of each named column in `table`, matched by name; throws FrameShapeError naming the
 * missing ones. Extra columns and their order do not matter.
 */
export function columnIndexes<Name extends string>(
  table: TableFrame,
  names: readonly Name[],
  expects: string,
): Record<Name, number> {
  const found = {} as Record<Name, number>;
  const missing: string[] = [];
  for (const name of names) {
    const index = table.columns.findIndex((column) => column.name === name);
    if (index < 0) missing.push(name);
    found[name] = index;
  }
  if (missing.length > 0)
    throw new FrameShapeError(`${expects}; got columns ${describeColumns(table)} (missing ${missing.join(', ')}).`);
  return found;
}

/** The panel's table frames, in order. */
export const tablesOf = (frames: readonly Frame[]): TableFrame[] =>
  frames.filter((frame): frame is TableFrame => frame.kind === 'table');

/** A cell as a finite number, or null (missing, NaN, not a number). */
export const numberCell = (cell: unknown): number | null => (typeof cell === 'number' && Number.isFinite(cell) ? cell : null);
