import type { OhlcvFrame, TableFrame, WidgetImplementation, WidgetProps } from '@nautilus/sdk';
import { resolveOptions } from '@nautilus/sdk';
import { drawnInstance, formatNumber } from '@nautilus/widget-kit';
import { type TableOptions, tableDescriptor, tableOptionsSchema } from '../../descriptors/table.ts';
import { expectFrames } from '../shared/expect-frames.ts';
import { applyTheme, createRoot, NO_DATA_MESSAGE, setMessage } from '../shared/widget-root.ts';
import { formatCell } from './table-cell.ts';
import { cellClass, renderHeader } from './table-header.ts';
import { type TableModel, toTableModel } from './table-model.ts';
import { nextSort, sortRows, type TableSort } from './table-sort.ts';

const ACCEPTS = ['table', 'ohlcv'] as const;

interface State {
  frame?: TableFrame | OhlcvFrame | undefined;
  model?: TableModel;
  sort: TableSort | null;
  options: TableOptions;
}

/** A sortable HTML table: header clicks sort all rows, then the first `maxRows` are shown. */
export const table: WidgetImplementation = {
  async mount(element, initial) {
    expectFrames(tableDescriptor.id, ACCEPTS, initial.frames);
    const document = element.ownerDocument;
    const root = createRoot(element, 'table');
    const scroll = document.createElement('div');
    scroll.className = 'nwc-table-scroll';
    const tableElement = document.createElement('table');
    tableElement.className = 'nwc-table';
    const head = document.createElement('thead');
    const body = document.createElement('tbody');
    const footer = document.createElement('div');
    footer.className = 'nwc-table-footer';
    tableElement.append(head, body);
    scroll.append(tableElement, footer);
    root.append(scroll);
    const state: State = { sort: null, options: resolveOptions(tableOptionsSchema, initial.options) };

    const renderRows = () => {
      const model = state.model;
      renderHeader(head, model, state.sort);
      if (!model) return body.replaceChildren();
      const order = sortRows(model, state.sort);
      const shown = order.slice(0, state.options.maxRows);
      body.replaceChildren(
        ...shown.map((row) => {
          const tr = document.createElement('tr');
          for (const column of model.columns) {
            const td = document.createElement('td');
            td.className = cellClass(column.type);
            td.textContent = formatCell(column, column.values[row] ?? null, state.options.decimals);
            // The exact figure where the cell shows a compact one.
            const cell = column.values[row];
            if (typeof cell === 'number' && column.wholeNumbers && Math.abs(cell) >= 1_000_000) td.title = formatNumber(cell, 0);
            tr.append(td);
          }
          return tr;
        }),
      );
      footer.textContent =
        model.rowCount > shown.length
          ? `Showing ${formatNumber(shown.length, 0)} of ${formatNumber(model.rowCount, 0)} rows`
          : '';
      footer.hidden = footer.textContent === '';
    };

    const render = (props: WidgetProps) => {
      const frame = expectFrames(tableDescriptor.id, ACCEPTS, props.frames)[0];
      state.options = resolveOptions(tableOptionsSchema, props.options);
      applyTheme(root, props.theme);
      if (frame !== state.frame) {
        const previous = state.model;
        state.model = frame ? toTableModel(frame) : undefined;
        state.frame = frame;
        // Refreshed data keeps the user's sort while the sorted column is still there.
        const sorted = state.sort && previous?.columns[state.sort.column]?.name;
        if (!sorted || state.model?.columns[state.sort!.column]?.name !== sorted) state.sort = null;
      }
      renderRows();
      const empty = !state.model || state.model.rowCount === 0 || state.model.columns.length === 0;
      setMessage(root, empty ? NO_DATA_MESSAGE : null);
    };

    head.addEventListener('click', (event) => {
      const header = (event.target as Element).closest('th');
      if (!header || !state.model) return;
      state.sort = nextSort(state.sort, header.cellIndex);
      renderRows();
    });

    return drawnInstance(root, initial, render, { redrawOnResize: false });
  },
};
