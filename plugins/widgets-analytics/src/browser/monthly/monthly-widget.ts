import type { WidgetImplementation, WidgetProps } from '@nautilus/sdk';
import { resolveOptions } from '@nautilus/sdk';
import { createWidgetRoot, DASH, drawnInstance, formatNumber, NO_DATA_MESSAGE, setMessage } from '@nautilus/widget-kit';
import { type MonthlyHeatmapOptions, monthlyHeatmapOptionsSchema } from '../../descriptors/monthly-heatmap.ts';
import { FrameShapeError, tablesOf } from '../shared/columns.ts';
import { divergingColor, textColorOn } from '../shared/diverging-color.ts';
import { stylesheet } from '../shared/styles.ts';
import { applyTheme } from '../shared/theme.ts';
import { MONTHS, type MonthlyGrid, monthlyGrid } from './monthly-grid.ts';

/**
 * Years × months heatmap. Cells keep a readable minimum width, so on a phone the grid scrolls sideways
 * inside the panel (the year column stays put) rather than squeezing values or widening the page.
 */
export const monthlyHeatmap: WidgetImplementation = {
  async mount(element, initial) {
    const document = element.ownerDocument;
    const root = createWidgetRoot(element, 'nan-root nan-monthly', stylesheet);
    const scroll = document.createElement('div');
    scroll.className = 'nan-scroll nan-monthly-scroll';
    const legend = document.createElement('div');
    legend.className = 'nan-legend';
    root.append(scroll, legend);

    const draw = (props: WidgetProps) => {
      const options = resolveOptions<MonthlyHeatmapOptions>(monthlyHeatmapOptionsSchema, props.options);
      applyTheme(root, props.theme);
      const frame = tablesOf(props.frames)[0];
      if (!frame || frame.rows.length === 0) return setMessage(root, NO_DATA_MESSAGE, 'nan-message');
      let grid: MonthlyGrid;
      try {
        grid = monthlyGrid(frame);
      } catch (error) {
        if (error instanceof FrameShapeError) return setMessage(root, error.message, 'nan-message');
        throw error;
      }
      setMessage(root, null, 'nan-message');
      scroll.replaceChildren(gridTable(document, grid, options.decimals));
      const bound = (value: number) => `${formatNumber(value, options.decimals)} %`;
      legend.replaceChildren(
        swatch(document, divergingColor(-1, 1)),
        ` −${bound(grid.monthBound)} `,
        swatch(document, divergingColor(0, 1)),
        ' 0 ',
        swatch(document, divergingColor(1, 1)),
        ` +${bound(grid.monthBound)} a month · yearly column on its own scale (±${bound(grid.yearBound)})`,
      );
    };

    return drawnInstance(root, initial, draw, { redrawOnResize: false });
  },
};

function swatch(document: Document, color: string): HTMLElement {
  const span = document.createElement('span');
  span.className = 'nan-swatch';
  span.style.background = color;
  return span;
}

function gridTable(document: Document, grid: MonthlyGrid, decimals: number): HTMLTableElement {
  const table = document.createElement('table');
  table.className = 'nan-grid';
  const head = document.createElement('tr');
  for (const name of ['Year', ...MONTHS, 'Year']) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = name;
    head.append(th);
  }
  head.lastElementChild!.textContent = 'Total';
  const thead = document.createElement('thead');
  thead.append(head);
  const body = document.createElement('tbody');
  for (const year of grid.years) {
    const tr = document.createElement('tr');
    const label = document.createElement('th');
    label.scope = 'row';
    label.textContent = year.year;
    tr.append(label);
    year.months.forEach((value, index) => {
      tr.append(cell(document, `${year.year} ${MONTHS[index]}`, value, grid.monthBound, decimals));
    });
    const total = cell(document, `${year.year} total`, year.total, grid.yearBound, decimals);
    total.classList.add('nan-total');
    tr.append(total);
    body.append(tr);
  }
  table.append(thead, body);
  return table;
}

function cell(document: Document, name: string, value: number | null, bound: number, decimals: number): HTMLTableCellElement {
  const td = document.createElement('td');
  if (value === null) {
    td.textContent = '';
    td.title = `${name}: ${DASH}`;
    return td;
  }
  const background = divergingColor(value, bound);
  td.style.background = background;
  td.style.color = textColorOn(background);
  // −0.04 at one decimal would read "-0.0": a value that rounds to zero is written unsigned.
  const text = formatNumber(value, decimals);
  td.textContent = /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
  td.dataset.value = String(value);
  td.title = `${name}: ${formatNumber(value, 2)} %`;
  td.setAttribute('aria-label', td.title);
  return td;
}
