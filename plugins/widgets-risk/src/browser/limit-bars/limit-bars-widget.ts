import type { WidgetImplementation, WidgetProps } from '@nautilus/sdk';
import { LIMIT_TABLE_COLUMNS, type LimitStatus, resolveOptions } from '@nautilus/sdk';
import { drawnInstance, formatAmount, formatNumber } from '@nautilus/widget-kit';
import { type LimitBarsOptions, limitBarsDescriptor, limitBarsOptionsSchema } from '../../descriptors/limit-bars.ts';
import { readTable } from '../shared/table-frame.ts';
import type { Palette } from '../shared/theme.ts';
import { applyTheme, createRoot, NO_DATA_MESSAGE, setMessage } from '../shared/widget-root.ts';
import { barGeometry, type LimitRow, limitFigures, limitName, orderLimits, readLimitRows } from './limit-rows.ts';

const STATUS_LABELS: Record<LimitStatus, string> = { ok: 'OK', warn: 'Warning', breach: 'Breach' };

/** One horizontal bar per limit, filled to its utilisation, with the warning level marked; the list scrolls. */
export const limitBars: WidgetImplementation = {
  async mount(element, initial) {
    const document = element.ownerDocument;
    const root = createRoot(element, 'limits');
    const list = document.createElement('ul');
    list.className = 'nrw-limit-list';
    list.setAttribute('aria-label', 'Limit utilisation');
    const footer = document.createElement('div');
    footer.className = 'nrw-footer';
    root.append(list, footer);

    const draw = (props: WidgetProps) => {
      const options = resolveOptions<LimitBarsOptions>(limitBarsOptionsSchema, props.options);
      const palette = applyTheme(root, props.theme);
      const reading = readTable(props.frames, { widgetName: limitBarsDescriptor.name, required: LIMIT_TABLE_COLUMNS });
      setMessage(root, reading.status === 'ok' ? null : reading.status === 'problem' ? reading.message : NO_DATA_MESSAGE);
      const rows = reading.status === 'ok' ? orderLimits(readLimitRows(reading), options.sort) : [];
      const shown = options.showOk ? rows : rows.filter((row) => row.status !== 'ok');
      list.replaceChildren(...shown.map((row) => limitItem(document, row, palette)));
      const hidden = rows.length - shown.length;
      footer.textContent =
        hidden === 0
          ? ''
          : shown.length === 0
            ? `All ${formatNumber(rows.length, 0)} limits are OK.`
            : `${formatNumber(hidden, 0)} OK ${hidden === 1 ? 'limit' : 'limits'} not shown.`;
      footer.hidden = footer.textContent === '';
    };

    return drawnInstance(root, initial, draw, { redrawOnResize: false });
  },
};

function limitItem(document: Document, row: LimitRow, palette: Palette): HTMLLIElement {
  const color = palette[row.status];
  const item = document.createElement('li');
  item.className = 'nrw-limit';
  item.dataset.status = row.status;

  const head = document.createElement('div');
  head.className = 'nrw-limit-head';
  const text = document.createElement('span');
  text.className = 'nrw-limit-text';
  const name = document.createElement('span');
  name.className = 'nrw-limit-name';
  name.textContent = limitName(row);
  const figures = document.createElement('span');
  figures.className = 'nrw-num';
  figures.textContent = limitFigures(row);
  text.append(name, ' · ', figures);
  text.title = text.textContent ?? '';
  const status = document.createElement('span');
  status.className = 'nrw-limit-status';
  status.textContent = STATUS_LABELS[row.status];
  status.style.color = color;
  head.append(text, status);

  const { fill, tick } = barGeometry(row);
  const track = document.createElement('div');
  track.className = 'nrw-limit-track';
  track.setAttribute('role', 'meter');
  track.setAttribute('aria-label', limitName(row));
  track.setAttribute('aria-valuemin', '0');
  track.setAttribute('aria-valuemax', '100');
  // A meter's value must lie in its range; the text carries the real utilisation past 100 %.
  track.setAttribute('aria-valuenow', String(Math.round(fill * 10_000) / 100));
  track.setAttribute('aria-valuetext', `${limitFigures(row)}, ${STATUS_LABELS[row.status]}`);
  const bar = document.createElement('div');
  bar.className = 'nrw-limit-fill';
  bar.style.width = `${fill * 100}%`;
  bar.style.background = color;
  track.append(bar);
  if (tick !== null) {
    const marker = document.createElement('div');
    marker.className = 'nrw-limit-tick';
    marker.style.left = `${tick * 100}%`;
    marker.title = `Warning level ${formatAmount(row.warn)}`;
    track.append(marker);
  }
  item.append(head, track);
  return item;
}
