import type { Cell, TableModel, TableModelColumn } from './table-model.ts';

export interface TableSort {
  column: number;
  direction: 'asc' | 'desc';
}

/** The sort after a click on a column header: a new column sorts ascending, the same one flips. */
export function nextSort(current: TableSort | null, column: number): TableSort {
  if (current?.column === column) return { column, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { column, direction: 'asc' };
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * Row indices in display order. Numbers sort numerically, times by time (epoch ms or ISO strings),
 * text naturally ('item 2' before 'item 10'), false before true. Empty cells go last in both
 * directions, and equal cells keep their natural order.
 */
export function sortRows(model: TableModel, sort: TableSort | null): number[] {
  if (!sort) return model.naturalOrder;
  const column = model.columns[sort.column];
  if (!column) return model.naturalOrder;
  const keys = sortKeys(column);
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...model.naturalOrder].sort((left, right) => {
    const a = keys[left];
    const b = keys[right];
    if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
    const order = typeof a === 'string' ? collator.compare(a, b as string) : (a as number) - (b as number);
    return sign * order;
  });
}

/** One comparable key per row, computed once instead of in every comparison. */
function sortKeys(column: TableModelColumn): (number | string | null)[] {
  return column.values.map((value: Cell) => {
    if (value === null || value === undefined) return null;
    switch (column.type) {
      case 'number':
        return typeof value === 'number' && !Number.isNaN(value) ? value : null;
      case 'time': {
        const time = typeof value === 'number' ? value : Date.parse(String(value));
        return Number.isNaN(time) ? null : time;
      }
      case 'boolean':
        return value ? 1 : 0;
      default:
        return String(value);
    }
  });
}
