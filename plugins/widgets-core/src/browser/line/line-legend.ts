import type { LineSeriesData } from './line-data.ts';

/** The legend over the chart's top left: a colour swatch and the name of each line (as text, never HTML). */
export function renderLegend(legend: HTMLElement, lines: readonly LineSeriesData[], colors: readonly string[]): void {
  const document = legend.ownerDocument;
  legend.replaceChildren(
    ...lines.map((line, index) => {
      const item = document.createElement('span');
      item.className = 'nwc-legend-item';
      const swatch = document.createElement('span');
      swatch.className = 'nwc-legend-swatch';
      swatch.style.background = colors[index % colors.length]!;
      item.append(swatch, document.createTextNode(line.name));
      return item;
    }),
  );
  legend.hidden = lines.length === 0;
}
