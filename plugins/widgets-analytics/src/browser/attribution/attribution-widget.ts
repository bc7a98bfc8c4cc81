import type { WidgetImplementation, WidgetProps } from '@nautilus/sdk';
import { resolveOptions } from '@nautilus/sdk';
import {
  createWidgetRoot,
  drawnInstance,
  formatNumber,
  formatSignedNumber,
  NO_DATA_MESSAGE,
  setMessage,
} from '@nautilus/widget-kit';
import { type AttributionOptions, attributionOptionsSchema } from '../../descriptors/attribution.ts';
import { FrameShapeError, tablesOf } from '../shared/columns.ts';
import { stylesheet } from '../shared/styles.ts';
import { sizeSvg, svgNode } from '../shared/svg.ts';
import { applyTheme } from '../shared/theme.ts';
import { type AttributionModel, attributionModel } from './attribution-model.ts';
import { waterfallGeometry } from './waterfall-geometry.ts';

const WATERFALL_HEIGHT = 150;
const pct = (value: number) => `${formatSignedNumber(value, 2)} %`;

/** The attribution waterfall (effects → active return) above the effects by segment; the table scrolls inside the panel. */
export const attribution: WidgetImplementation = {
  async mount(element, initial) {
    const document = element.ownerDocument;
    const root = createWidgetRoot(element, 'nan-root nan-attribution', stylesheet);
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg') as SVGSVGElement;
    svg.setAttribute('class', 'nan-waterfall');
    svg.setAttribute('role', 'img');
    const check = document.createElement('div');
    check.className = 'nan-check';
    const scroll = document.createElement('div');
    scroll.className = 'nan-scroll';
    root.append(svg, check, scroll);

    const draw = (props: WidgetProps) => {
      const options = resolveOptions<AttributionOptions>(attributionOptionsSchema, props.options);
      applyTheme(root, props.theme);
      const tables = tablesOf(props.frames);
      if (tables.length === 0 || tables.every((table) => table.rows.length === 0))
        return setMessage(root, NO_DATA_MESSAGE, 'nan-message');
      let model: AttributionModel;
      try {
        model = attributionModel(tables, options.by);
      } catch (error) {
        if (error instanceof FrameShapeError) return setMessage(root, error.message, 'nan-message');
        throw error;
      }
      setMessage(root, null, 'nan-message');
      drawWaterfall(svg, model, props.width, Math.min(WATERFALL_HEIGHT, Math.max(80, props.height * 0.45)));
      check.textContent =
        model.residual === null
          ? `Active return ${pct(model.activeReturn)} (the effects' sum; the source gave no residual)`
          : `Allocation + selection + interaction + residual = active return ${pct(model.activeReturn)} (residual ${formatNumber(model.residual, 6)} %)`;
      scroll.replaceChildren(segmentTable(document, model));
    };

    return drawnInstance(root, initial, draw, { redrawOnResize: true });
  },
};

function drawWaterfall(svg: SVGSVGElement, model: AttributionModel, width: number, height: number): void {
  const document = svg.ownerDocument;
  sizeSvg(svg, width, height);
  const geometry = waterfallGeometry(model.steps, width, height);
  const children: SVGElement[] = [
    svgNode(document, 'line', { x1: 0, x2: width, y1: geometry.zeroY, y2: geometry.zeroY, class: 'nan-axis' }),
  ];
  for (const bar of geometry.bars) {
    const rect = svgNode(document, 'rect', {
      x: bar.x,
      y: bar.y,
      width: bar.width,
      height: bar.height,
      class:
        bar.step.kind === 'total' ? 'nan-bar nan-bar-total' : bar.step.value < 0 ? 'nan-bar nan-bar-down' : 'nan-bar nan-bar-up',
      'data-effect': bar.step.label,
    });
    const title = svgNode(document, 'title', {});
    title.textContent = `${bar.step.label}: ${pct(bar.step.value)}`;
    rect.append(title);
    const value = svgNode(document, 'text', {
      x: bar.x + bar.width / 2,
      y: bar.valueY,
      'text-anchor': 'middle',
      class: 'nan-tick',
    });
    value.textContent = formatSignedNumber(bar.step.value, 2);
    const label = svgNode(document, 'text', {
      x: bar.x + bar.width / 2,
      y: height - 4,
      'text-anchor': 'middle',
      class: 'nan-tick',
    });
    label.textContent = bar.short;
    children.push(rect, value, label);
  }
  svg.replaceChildren(...children);
  svg.setAttribute('aria-label', model.steps.map((step) => `${step.label} ${pct(step.value)}`).join(', '));
}

function segmentTable(document: Document, model: AttributionModel): HTMLTableElement {
  const table = document.createElement('table');
  table.className = 'nan-effects';
  const head = document.createElement('tr');
  for (const name of [model.by === 'instrument' ? 'Instrument' : 'Asset class', 'Alloc.', 'Select.', 'Inter.', 'Total']) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = name;
    head.append(th);
  }
  const thead = document.createElement('thead');
  thead.append(head);
  const body = document.createElement('tbody');
  for (const segment of model.segments) {
    const tr = document.createElement('tr');
    const name = document.createElement('th');
    name.scope = 'row';
    name.textContent = segment.segment;
    tr.append(name);
    for (const value of [segment.allocation, segment.selection, segment.interaction, segment.total]) {
      const td = document.createElement('td');
      td.textContent = formatSignedNumber(value, 2);
      td.dataset.sign = value < 0 ? 'negative' : 'positive';
      tr.append(td);
    }
    body.append(tr);
  }
  table.append(thead, body);
  return table;
}
