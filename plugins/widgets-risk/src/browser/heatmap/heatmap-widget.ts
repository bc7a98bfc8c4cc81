import type { WidgetImplementation, WidgetProps } from '@nautilus/sdk';
import { resolveOptions } from '@nautilus/sdk';
import { drawnInstance, formatCellNumber, formatNumber } from '@nautilus/widget-kit';
import { type RiskHeatmapOptions, riskHeatmapOptionsSchema } from '../../descriptors/risk-heatmap.ts';
import { applyTheme, createRoot, NO_DATA_MESSAGE, setMessage } from '../shared/widget-root.ts';
import { type ColorDomain, colorOf, legendGradient, textColorOn } from './heatmap-colors.ts';
import { type HeatmapModel, readHeatmap } from './heatmap-model.ts';

// Pixel estimates for 11px labels and values: the cells are laid out by CSS, but whether a value fits
// in one is decided here, from the panel's size, so it needs no layout pass.
const CHARACTER_WIDTH = 6.5;
const HEADER_HEIGHT = 24;
const LEGEND_HEIGHT = 28;
const MIN_CELL_HEIGHT = 14;

/** A grid of coloured cells with row and column labels, the value printed where it fits, and a colour legend. */
export const riskHeatmap: WidgetImplementation = {
  async mount(element, initial) {
    const document = element.ownerDocument;
    const root = createRoot(element, 'heatmap');
    const body = document.createElement('div');
    body.className = 'nrw-heatmap-body';
    const table = document.createElement('table');
    table.className = 'nrw-heatmap-table';
    const legend = document.createElement('div');
    legend.className = 'nrw-legend';
    body.append(table);
    root.append(body, legend);
    let shown: { frames: unknown; options: string; theme: string; model?: HeatmapModel; texts: string[] } | undefined;

    const draw = (props: WidgetProps) => {
      const options = resolveOptions<RiskHeatmapOptions>(riskHeatmapOptionsSchema, props.options);
      const optionsKey = JSON.stringify(options);
      // A resize alone only decides again whether the values fit.
      if (shown?.frames !== props.frames || shown.options !== optionsKey || shown.theme !== props.theme) {
        applyTheme(root, props.theme);
        const reading = readHeatmap(props.frames, options.scale);
        shown = { frames: props.frames, options: optionsKey, theme: props.theme, texts: [] };
        setMessage(root, reading.status === 'ok' ? null : reading.status === 'problem' ? reading.message : NO_DATA_MESSAGE);
        body.hidden = legend.hidden = reading.status !== 'ok';
        if (reading.status === 'ok') {
          shown.model = reading.model;
          shown.texts = renderTable(table, reading.model, options);
          renderLegend(legend, reading.model, options);
        } else {
          table.replaceChildren();
          legend.replaceChildren();
        }
      }
      if (shown.model) fitValues(root, table, shown.model, shown.texts, props.width, props.height);
    };

    return drawnInstance(root, initial, draw, { redrawOnResize: true });
  },
};

/** Builds the table; returns every cell's text, to size the cells against. */
function renderTable(table: HTMLTableElement, model: HeatmapModel, options: RiskHeatmapOptions): string[] {
  const document = table.ownerDocument;
  const texts: string[] = [];
  const columnGroup = document.createElement('colgroup');
  columnGroup.append(...Array.from({ length: model.columns.length + 1 }, () => document.createElement('col')));
  const headRow = document.createElement('tr');
  headRow.append(document.createElement('th'));
  model.columns.forEach((name, index) => {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = name;
    th.title = model.matrix ? name : `${name}: colours from ${domainText(model.domains[index]!, options.decimals)}`;
    headRow.append(th);
  });
  const head = document.createElement('thead');
  head.append(headRow);
  const body = document.createElement('tbody');
  model.rows.forEach((label, rowIndex) => {
    const tr = document.createElement('tr');
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = label;
    th.title = label;
    tr.append(th);
    model.columns.forEach((name, columnIndex) => {
      const value = model.values[rowIndex]![columnIndex]!;
      const color = colorOf(options.scale, model.domains[columnIndex]!, value);
      const td = document.createElement('td');
      const text = formatCellNumber(value, options.decimals);
      const span = document.createElement('span');
      span.className = 'nrw-heatmap-value';
      span.textContent = text;
      td.append(span);
      td.style.background = color ?? 'transparent';
      td.style.color = color ? textColorOn(color) : 'var(--nrw-muted)';
      const description = `${label} × ${name}: ${Number.isFinite(value) ? formatNumber(value, options.decimals) : 'no value'}`;
      td.title = description;
      td.setAttribute('aria-label', description);
      texts.push(text);
      tr.append(td);
    });
    body.append(tr);
  });
  table.setAttribute(
    'aria-label',
    `Risk heatmap, ${model.rows.length} rows × ${model.columns.length} columns, ${options.scale} colour scale`,
  );
  table.replaceChildren(columnGroup, head, body);
  return texts;
}

function renderLegend(legend: HTMLElement, model: HeatmapModel, options: RiskHeatmapOptions): void {
  const document = legend.ownerDocument;
  const bar = document.createElement('div');
  bar.className = 'nrw-legend-bar';
  bar.style.background = legendGradient(options.scale);
  bar.setAttribute('aria-hidden', 'true');
  const text = (content: string) => {
    const span = document.createElement('span');
    span.className = 'nrw-num';
    span.textContent = content;
    return span;
  };
  const domain = model.domains[0]!;
  if (model.matrix || model.columns.length === 1) {
    legend.replaceChildren(
      text(formatNumber(domain.min, options.decimals)),
      bar,
      text(formatNumber(domain.max, options.decimals)),
    );
  } else {
    // Each measure has its own scale: say where each one's colours run.
    const ranges = model.columns.map((name, index) => `${name} ${domainText(model.domains[index]!, options.decimals)}`);
    legend.replaceChildren(bar, text(ranges.join(' · ')));
  }
  legend.title = `Colour scale: ${options.scale}`;
}

const domainText = (domain: ColorDomain, decimals: number): string =>
  `${formatNumber(domain.min, decimals)} to ${formatNumber(domain.max, decimals)}`;

/** Sizes the label column and prints the values only when every one fits its cell. */
function fitValues(
  root: HTMLElement,
  table: HTMLTableElement,
  model: HeatmapModel,
  texts: readonly string[],
  width: number,
  height: number,
): void {
  const labelCharacters = Math.max(4, ...model.rows.map((label) => label.length));
  const labelWidth = Math.round(Math.min(width * 0.3, labelCharacters * CHARACTER_WIDTH + 18));
  const labelColumn = table.querySelector('col');
  if (labelColumn) labelColumn.style.width = `${labelWidth}px`;
  const cellWidth = (width - labelWidth - 12) / model.columns.length;
  const cellHeight = (height - HEADER_HEIGHT - LEGEND_HEIGHT) / model.rows.length;
  const longest = Math.max(0, ...texts.map((text) => text.length));
  const fits = cellHeight >= MIN_CELL_HEIGHT && cellWidth >= longest * CHARACTER_WIDTH + 4;
  root.dataset.values = fits ? 'shown' : 'hidden';
}
