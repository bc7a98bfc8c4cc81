import type { TableModel } from './table-model.ts';
import type { TableSort } from './table-sort.ts';

/** Numbers align right and times keep their digits in columns: traders compare them down a column. */
export const cellClass = (type: string): string => (type === 'number' ? 'nwc-num' : type === 'time' ? 'nwc-time' : '');

/** Column headers as buttons (keyboard-sortable), with the sort arrow and `aria-sort` on the sorted one. */
export function renderHeader(head: HTMLElement, model: TableModel | undefined, sort: TableSort | null): void {
  const document = head.ownerDocument;
  const row = document.createElement('tr');
  model?.columns.forEach((column, index) => {
    const th = document.createElement('th');
    th.scope = 'col';
    th.className = cellClass(column.type);
    const direction = sort?.column === index ? sort.direction : null;
    th.setAttribute('aria-sort', direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none');
    const button = document.createElement('button');
    button.type = 'button';
    button.title = `Sort by ${column.name}`;
    const arrow = document.createElement('span');
    arrow.className = 'nwc-sort-arrow';
    arrow.setAttribute('aria-hidden', 'true');
    arrow.textContent = direction === 'asc' ? '▲' : direction === 'desc' ? '▼' : '';
    const label = column.unit ? `${column.name} (${column.unit})` : column.type === 'time' ? `${column.name} (UTC)` : column.name;
    // The arrow sits on the side the text starts, so it lines up over right-aligned numbers too.
    if (column.type === 'number') button.append(arrow, label);
    else button.append(label, arrow);
    th.append(button);
    row.append(th);
  });
  head.replaceChildren(row);
}
