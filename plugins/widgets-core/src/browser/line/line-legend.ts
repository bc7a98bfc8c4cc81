import { formatValue, isPercentUnit } from '@nautilus/widget-kit';
import type { LineSeriesData } from './line-data.ts';

/** A line as the legend shows it: its data, colour, decimals, and its value at the cursor (NaN: none). */
export interface LegendLine {
  line: LineSeriesData;
  color: string;
  decimals: number;
  value: number;
}

/**
 * The legend over the chart's top left: a colour swatch, the name of each line and its value under the
 * cursor (the latest value when the cursor is elsewhere), as text, never HTML. `time` (epoch ms) is
 * the time the values are read at, exposed as `data-time` for tests.
 */
export function renderLegend(legend: HTMLElement, lines: readonly LegendLine[], time: number | undefined): void {
  const document = legend.ownerDocument;
  legend.replaceChildren(
    ...lines.map(({ line, color, decimals, value }) => {
      const item = document.createElement('span');
      item.className = 'nwc-legend-item';
      const swatch = document.createElement('span');
      swatch.className = 'nwc-legend-swatch';
      swatch.style.background = color;
      const reading = document.createElement('span');
      reading.className = 'nwc-legend-value';
      reading.dataset.field = line.name;
      reading.textContent = formatValue(value, decimals, isPercentUnit(line.unit) ? '%' : undefined);
      item.append(swatch, document.createTextNode(line.name), reading);
      return item;
    }),
  );
  legend.hidden = lines.length === 0;
  if (time === undefined || lines.length === 0) delete legend.dataset.time;
  else legend.dataset.time = String(time);
}
