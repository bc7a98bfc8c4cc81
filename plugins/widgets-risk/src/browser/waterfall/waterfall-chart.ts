import { formatCompactMoney, formatExactMoney, formatSignedMoney } from '@nautilus/widget-kit';
import type { Palette } from '../shared/theme.ts';
import { valueAxis, type WaterfallBar } from './waterfall-bars.ts';

const SVG = 'http://www.w3.org/2000/svg';
const MARGIN = { top: 14, right: 12, bottom: 30, left: 64 };
const CHARACTER_WIDTH = 6.5;
const LABEL_CHARACTERS = 12;

export interface WaterfallDrawing {
  width: number;
  height: number;
  currency: string;
  palette: Palette;
}

// Two decimals are plenty for pixels and keep the attributes short.
const px = (value: number): number => Math.round(value * 100) / 100;

/**
 * Draws the bars into the SVG in pixels of the panel's size: round ticks with grid lines, the zero line,
 * one floating bar per position joined to the next by a dashed line at the running total, the total bar
 * with its value, and position labels (every k-th where they would overlap). Each bar's title gives the
 * position's P&L and the running total.
 */
export function drawWaterfall(svg: SVGSVGElement, bars: readonly WaterfallBar[], drawing: WaterfallDrawing): void {
  const { width, height, currency, palette } = drawing;
  const document = svg.ownerDocument;
  const element = (name: string, attributes: Record<string, string | number>, text?: string): SVGElement => {
    const node = document.createElementNS(SVG, name) as SVGElement;
    for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
    if (text !== undefined) node.textContent = text;
    return node;
  };
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);

  const plotWidth = Math.max(1, width - MARGIN.left - MARGIN.right);
  const plotHeight = Math.max(1, height - MARGIN.top - MARGIN.bottom);
  const axis = valueAxis(bars);
  const y = (value: number) => px(MARGIN.top + ((axis.max - value) / (axis.max - axis.min)) * plotHeight);
  const band = plotWidth / bars.length;
  const barWidth = Math.min(64, band * 0.7);
  const left = (index: number) => px(MARGIN.left + index * band + (band - barWidth) / 2);

  const grid = element('g', { class: 'nrw-waterfall-grid' });
  for (const tick of axis.ticks) {
    grid.append(
      element('line', { x1: MARGIN.left, x2: MARGIN.left + plotWidth, y1: y(tick), y2: y(tick), stroke: palette.grid }),
      element(
        'text',
        { x: MARGIN.left - 6, y: y(tick), 'text-anchor': 'end', 'dominant-baseline': 'middle' },
        formatCompactMoney(tick, currency),
      ),
    );
  }
  const zero = element('line', {
    class: 'nrw-waterfall-zero',
    x1: MARGIN.left,
    x2: MARGIN.left + plotWidth,
    y1: y(0),
    y2: y(0),
    stroke: palette.mutedText,
  });

  const barGroup = element('g', { class: 'nrw-waterfall-bars' });
  const labels = bars.map((bar) =>
    bar.label.length > LABEL_CHARACTERS ? `${bar.label.slice(0, LABEL_CHARACTERS - 1)}…` : bar.label,
  );
  const longest = Math.max(...labels.map((label) => label.length));
  const labelEvery = Math.max(1, Math.ceil((longest * CHARACTER_WIDTH + 8) / band));
  bars.forEach((bar, index) => {
    const top = y(Math.max(bar.from, bar.to));
    // A position with no P&L still shows as a hairline.
    const barHeight = Math.max(1, px(y(Math.min(bar.from, bar.to)) - top));
    const fill = bar.kind === 'total' ? palette.total : bar.kind === 'up' ? palette.up : palette.down;
    const group = element('g', { class: 'nrw-waterfall-bar', 'data-kind': bar.kind, 'data-from': bar.from, 'data-to': bar.to });
    group.append(
      element('rect', { x: left(index), y: top, width: px(barWidth), height: barHeight, fill }),
      element('title', {}, barTitle(bar, currency)),
    );
    barGroup.append(group);
    // The next bar starts where this one ends (the total bar ends there).
    if (index < bars.length - 1) {
      barGroup.append(
        element('line', {
          class: 'nrw-waterfall-connector',
          x1: px(left(index) + barWidth),
          x2: left(index + 1),
          y1: y(bar.to),
          y2: y(bar.to),
          stroke: palette.mutedText,
          'stroke-dasharray': '2 2',
        }),
      );
    }
    // Every k-th position is labelled where labels would overlap, never one that would touch the total's.
    if (bar.kind === 'total' || (index % labelEvery === 0 && bars.length - 1 - index >= labelEvery)) {
      const label = labels[index]!;
      const center = px(left(index) + barWidth / 2);
      barGroup.append(
        element(
          'text',
          { class: 'nrw-waterfall-label', x: center, y: height - MARGIN.bottom + 16, 'text-anchor': 'middle' },
          label,
        ),
      );
    }
  });
  const last = bars.at(-1)!;
  const totalValue = formatSignedMoney(last.value, currency);
  // Centred on the total bar, but kept inside the panel: the total is the rightmost bar.
  const halfText = (totalValue.length * CHARACTER_WIDTH) / 2;
  const totalText = element(
    'text',
    {
      class: 'nrw-waterfall-total',
      x: px(Math.min(left(bars.length - 1) + barWidth / 2, width - 2 - halfText)),
      y: last.to >= 0 ? y(last.to) - 4 : y(last.to) + 12,
      'text-anchor': 'middle',
    },
    totalValue,
  );
  svg.replaceChildren(grid, zero, barGroup, totalText);
}

function barTitle(bar: WaterfallBar, currency: string): string {
  if (bar.kind === 'total') return `Total: ${formatSignedExact(bar.value, currency)}`;
  return `${bar.label}: ${formatSignedExact(bar.value, currency)} · running total ${formatExactMoney(bar.to, currency)}`;
}

const formatSignedExact = (value: number, currency: string): string =>
  value > 0 ? `+${formatExactMoney(value, currency)}` : formatExactMoney(value, currency);
