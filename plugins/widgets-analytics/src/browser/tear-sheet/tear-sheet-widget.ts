import type { WidgetImplementation, WidgetProps } from '@nautilus/sdk';
import { resolveOptions } from '@nautilus/sdk';
import { createWidgetRoot, drawnInstance, NO_DATA_MESSAGE, setMessage } from '@nautilus/widget-kit';
import { type TearSheetOptions, tearSheetOptionsSchema } from '../../descriptors/tear-sheet.ts';
import { FrameShapeError, tablesOf } from '../shared/columns.ts';
import { stylesheet } from '../shared/styles.ts';
import { applyTheme } from '../shared/theme.ts';
import { explanation, type TearSheetRow, tearSheetRows } from './tear-sheet-rows.ts';

/**
 * The tear sheet as a two-column list (metric, value) that reads at 390 px. Hovering, focusing or tapping
 * a metric shows its formula and conventions in a box pinned to the bottom of the panel: a floating
 * tooltip would be clipped by the panel's edges on a phone, and a `title` alone never shows on touch.
 */
export const tearSheet: WidgetImplementation = {
  async mount(element, initial) {
    const document = element.ownerDocument;
    const root = createWidgetRoot(element, 'nan-root nan-tear-sheet', stylesheet);
    const list = document.createElement('div');
    list.className = 'nan-scroll';
    const table = document.createElement('table');
    table.className = 'nan-metrics';
    list.append(table);
    const detail = document.createElement('div');
    detail.className = 'nan-detail';
    detail.id = `nan-detail-${Math.random().toString(36).slice(2)}`;
    detail.setAttribute('role', 'tooltip');
    detail.hidden = true;
    root.append(list, detail);

    const show = (row: TearSheetRow | null) => {
      detail.hidden = row === null;
      if (row)
        detail.replaceChildren(Object.assign(document.createElement('b'), { textContent: row.metric }), ` ${explanation(row)}`);
    };

    const draw = (props: WidgetProps) => {
      const options = resolveOptions<TearSheetOptions>(tearSheetOptionsSchema, props.options);
      applyTheme(root, props.theme);
      const frame = tablesOf(props.frames)[0];
      if (!frame || frame.rows.length === 0) return setMessage(root, NO_DATA_MESSAGE, 'nan-message');
      let rows: TearSheetRow[];
      try {
        rows = tearSheetRows(frame);
      } catch (error) {
        if (error instanceof FrameShapeError) return setMessage(root, error.message, 'nan-message');
        throw error;
      }
      setMessage(root, null, 'nan-message');
      show(null);
      const body = document.createElement('tbody');
      for (const row of rows) {
        const tr = document.createElement('tr');
        tr.tabIndex = 0;
        tr.dataset.metric = row.metric;
        tr.title = explanation(row);
        tr.setAttribute('aria-describedby', detail.id);
        const label = document.createElement('th');
        label.scope = 'row';
        label.textContent = row.metric;
        if (options.showFormula) {
          const formula = document.createElement('div');
          formula.className = 'nan-formula';
          formula.textContent = row.formula;
          label.append(formula);
        }
        const value = document.createElement('td');
        value.textContent = row.value;
        if (row.number !== null && /%/.test(row.value)) value.dataset.sign = row.number < 0 ? 'negative' : 'positive';
        tr.append(label, value);
        for (const event of ['mouseenter', 'focus', 'click'] as const) tr.addEventListener(event, () => show(row));
        tr.addEventListener('mouseleave', () => {
          if (document.activeElement !== tr) show(null);
        });
        tr.addEventListener('blur', () => show(null));
        body.append(tr);
      }
      table.replaceChildren(body);
    };

    return drawnInstance(root, initial, draw, { redrawOnResize: false });
  },
};
