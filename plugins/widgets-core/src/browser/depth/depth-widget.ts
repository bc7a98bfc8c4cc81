import type { BookFrame, WidgetImplementation } from '@nautilus/sdk';
import { resolveOptions } from '@nautilus/sdk';
import { afterPaint, formatCellNumber, formatNumber } from '@nautilus/widget-kit';
import { DEPTH_GROUPINGS, type DepthOptions, depthDescriptor, depthOptionsSchema } from '../../descriptors/depth.ts';
import { expectFrames } from '../shared/expect-frames.ts';
import { paletteOf } from '../shared/theme.ts';
import { applyTheme, createRoot, NO_DATA_MESSAGE, setMessage } from '../shared/widget-root.ts';
import { drawDepthChart } from './depth-chart.ts';
import { type DepthModel, type DepthRow, decimalsOf, depthModel, rowsThatFit } from './depth-model.ts';

const ACCEPTS = ['book'] as const;
/** Ladder row height in CSS px (12 px text); the layout fits rows to the panel with it. */
const ROW_HEIGHT = 19;
const HEAD_HEIGHT = 46;
/** From this width the chart sits beside the ladder; below it, under it. */
const SIDE_BY_SIDE = 560;

/** A book frame from the builder may say how often its book was started over. */
type CountedBook = BookFrame & { resyncs?: number };

/**
 * The order book ladder and depth chart. Asks above (best at the bottom), the spread row, bids below
 * (best at the top); each row's bar is its cumulative depth against the deeper side. The grouping
 * selector regroups in place; the sequence number and resync count sit in the header.
 */
export const depth: WidgetImplementation = {
  async mount(element, initial) {
    expectFrames(depthDescriptor.id, ACCEPTS, initial.frames);
    const document = element.ownerDocument;
    const root = createRoot(element, 'depth');
    const head = document.createElement('div');
    head.className = 'nwc-depth-head';
    const figures = document.createElement('div');
    figures.className = 'nwc-depth-figures';
    const spread = figure(document, 'Spread', 'spread');
    const mid = figure(document, 'Mid', 'mid');
    const select = document.createElement('select');
    select.className = 'nwc-depth-group';
    select.setAttribute('aria-label', 'Price grouping');
    select.dataset.field = 'grouping';
    figures.append(spread.element, mid.element, select);
    const meta = document.createElement('div');
    meta.className = 'nwc-depth-meta';
    head.append(figures, meta);
    const body = document.createElement('div');
    body.className = 'nwc-depth-body';
    const ladder = document.createElement('table');
    ladder.className = 'nwc-depth-ladder';
    const header = document.createElement('thead');
    header.innerHTML = '<tr><th class="nwc-num">Price</th><th class="nwc-num">Size</th><th class="nwc-num">Total</th></tr>';
    const rows = document.createElement('tbody');
    ladder.append(header, rows);
    const canvas = document.createElement('canvas');
    canvas.className = 'nwc-depth-chart';
    canvas.setAttribute('role', 'img');
    body.append(ladder, canvas);
    root.append(head, body);

    let props = initial;
    let grouping: number | undefined;
    let optionGrouping: number | undefined;
    select.addEventListener('change', () => {
      grouping = Number(select.value);
      render();
    });

    const render = () => {
      const frame = expectFrames(depthDescriptor.id, ACCEPTS, props.frames)[0] as CountedBook | undefined;
      const options = resolveOptions<DepthOptions>(depthOptionsSchema, props.options);
      applyTheme(root, props.theme);
      if (optionGrouping !== options.grouping) {
        optionGrouping = options.grouping;
        grouping = options.grouping;
      }
      const empty = !frame || (frame.bids.price.length === 0 && frame.asks.price.length === 0);
      setMessage(root, empty ? NO_DATA_MESSAGE : null);
      head.hidden = empty;
      body.hidden = empty;
      if (!frame || empty) return;
      const model = depthModel(frame, options.levels, grouping ?? 1, frame.resyncs ?? 0);
      const wide = props.width >= SIDE_BY_SIDE;
      root.classList.toggle('nwc-depth-wide', wide);
      // The figures wrap onto a second line in a narrow panel; the ladder gets what the head leaves.
      renderFigures(model, spread.value, mid.value, meta);
      const bodyHeight = Math.max(0, props.height - Math.max(HEAD_HEIGHT, head.offsetHeight));
      const chartHeight = !options.showChart ? 0 : wide ? bodyHeight : Math.max(70, Math.round(bodyHeight * 0.32));
      const ladderHeight = wide || !options.showChart ? bodyHeight : bodyHeight - chartHeight;
      const perSide = rowsThatFit(ladderHeight - ROW_HEIGHT, ROW_HEIGHT, options.levels);

      renderGroupings(select, model, grouping ?? 1);
      renderLadder(rows, model, perSide, options);
      canvas.hidden = !options.showChart;
      if (options.showChart) {
        const palette = paletteOf(props.theme);
        const chartWidth = wide ? Math.max(120, props.width - ladder.offsetWidth - 12) : props.width - 8;
        drawDepthChart(
          canvas,
          model,
          { bid: options.bidColor, ask: options.askColor, text: palette.mutedText, grid: palette.grid },
          chartWidth,
          Math.max(40, chartHeight - 6),
        );
        canvas.setAttribute(
          'aria-label',
          `Depth chart: bids to ${formatNumber(model.bids.at(-1)?.price ?? Number.NaN, model.priceDecimals)}, asks to ${formatNumber(model.asks.at(-1)?.price ?? Number.NaN, model.priceDecimals)}`,
        );
      }
      // For browser tests: what the widget shows, as numbers.
      root.dataset.seq = String(model.seq);
      root.dataset.resyncs = String(model.resyncs);
      root.dataset.bestBid = String(model.bestBid ?? '');
      root.dataset.bestAsk = String(model.bestAsk ?? '');
      root.dataset.step = String(model.step);
      root.dataset.rows = String(rows.children.length);
    };

    const view = document.defaultView as Window;
    render();
    await afterPaint(view);
    return {
      update(next) {
        props = next;
        render();
        return afterPaint(view);
      },
      resize(width, height) {
        props = { ...props, width, height };
        render();
      },
      destroy() {
        root.remove();
      },
    };
  },
};

function figure(document: Document, label: string, field: string): { element: HTMLElement; value: HTMLElement } {
  const element = document.createElement('span');
  element.className = 'nwc-depth-figure';
  const name = document.createElement('span');
  name.className = 'nwc-depth-label';
  name.textContent = label;
  const value = document.createElement('span');
  value.className = 'nwc-num';
  value.dataset.field = field;
  element.append(name, value);
  return { element, value };
}

function renderFigures(model: DepthModel, spread: HTMLElement, mid: HTMLElement, meta: HTMLElement): void {
  const decimals = decimalsOf(model.tick);
  spread.textContent =
    model.spread === undefined
      ? '–'
      : `${formatNumber(model.spread, decimals)}${model.spreadBps === undefined ? '' : ` (${formatNumber(model.spreadBps, 1)} bps)`}`;
  mid.textContent = model.mid === undefined ? '–' : formatNumber(model.mid, decimals + 1);
  meta.textContent = `Seq ${formatNumber(model.seq, 0)} · Resyncs ${model.resyncs} · Tick ${formatNumber(model.tick, decimals)}`;
  meta.title = `The book's sequence number (${model.seq}) and how many times it was reloaded from a snapshot after a gap (${model.resyncs}).`;
}

function renderGroupings(select: HTMLSelectElement, model: DepthModel, grouping: number): void {
  const decimals = decimalsOf(model.tick);
  const wanted = DEPTH_GROUPINGS.map((ticks) => `${ticks}:${formatNumber(model.tick * ticks, decimals)}`).join('|');
  if (select.dataset.options !== wanted) {
    select.replaceChildren(
      ...DEPTH_GROUPINGS.map((ticks) => {
        const option = select.ownerDocument.createElement('option');
        option.value = String(ticks);
        option.textContent = `Group ${formatNumber(model.tick * ticks, decimals)}`;
        return option;
      }),
    );
    select.dataset.options = wanted;
  }
  select.value = String(grouping);
}

function sizeDecimals(rows: readonly DepthRow[]): number {
  let decimals = 0;
  for (const row of rows) decimals = Math.max(decimals, decimalsOf(row.size));
  return Math.min(4, decimals);
}

function renderLadder(body: HTMLElement, model: DepthModel, perSide: number, options: DepthOptions): void {
  const document = body.ownerDocument;
  const asks = model.asks.slice(0, perSide);
  const bids = model.bids.slice(0, perSide);
  const decimals = sizeDecimals([...asks, ...bids]);
  const line = (row: DepthRow, side: 'bid' | 'ask') => {
    const tr = document.createElement('tr');
    tr.className = `nwc-depth-${side}`;
    const depthShare = model.maxTotal > 0 ? (row.total / model.maxTotal) * 100 : 0;
    const color = side === 'bid' ? options.bidColor : options.askColor;
    tr.style.setProperty('--nwc-depth-color', color);
    tr.style.setProperty('--nwc-depth-share', `${depthShare.toFixed(1)}%`);
    const cells: [string, string][] = [
      [formatNumber(row.price, model.priceDecimals), 'price'],
      [formatCellNumber(row.size, decimals), 'size'],
      [formatCellNumber(row.total, decimals), 'total'],
    ];
    for (const [text, field] of cells) {
      const td = document.createElement('td');
      td.className = 'nwc-num';
      td.dataset.field = field;
      td.textContent = text;
      tr.append(td);
    }
    tr.firstElementChild?.setAttribute('style', `color:${color}`);
    return tr;
  };
  const spreadRow = document.createElement('tr');
  spreadRow.className = 'nwc-depth-spread';
  const cell = document.createElement('td');
  cell.colSpan = 3;
  cell.textContent =
    model.spread === undefined ? 'One side is empty' : `Spread ${formatNumber(model.spread, decimalsOf(model.tick))}`;
  spreadRow.append(cell);
  body.replaceChildren(...[...asks].reverse().map((row) => line(row, 'ask')), spreadRow, ...bids.map((row) => line(row, 'bid')));
}
