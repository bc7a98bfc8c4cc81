import type { TimeSeriesFrame, WidgetImplementation, WidgetProps } from '@nautilus/sdk';
import { resolveOptions } from '@nautilus/sdk';
import { createWidgetRoot, drawnInstance, formatNumber, formatUtcTime, NO_DATA_MESSAGE, setMessage } from '@nautilus/widget-kit';
import { type DrawdownChartOptions, drawdownChartOptionsSchema } from '../../descriptors/drawdown-chart.ts';
import { stylesheet } from '../shared/styles.ts';
import { sizeSvg, svgNode } from '../shared/svg.ts';
import { applyTheme } from '../shared/theme.ts';
import { drawdownGeometry, PLOT } from './drawdown-geometry.ts';
import { drawdownSeries, underwaterPeriods } from './drawdown-periods.ts';

/** Room one depth label ("−18.8 %") takes, in px. */
const LABEL_WIDTH = 44;

/** The drawdown as a red area under 0, the deepest periods shaded peak → recovery with their depth at the trough. */
export const drawdownChart: WidgetImplementation = {
  async mount(element, initial) {
    const document = element.ownerDocument;
    const root = createWidgetRoot(element, 'nan-root nan-drawdown', stylesheet);
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg') as SVGSVGElement;
    svg.setAttribute('class', 'nan-chart');
    svg.setAttribute('role', 'img');
    root.append(svg);

    const draw = (props: WidgetProps) => {
      const options = resolveOptions<DrawdownChartOptions>(drawdownChartOptionsSchema, props.options);
      applyTheme(root, props.theme);
      const frame = props.frames.find((candidate): candidate is TimeSeriesFrame => candidate.kind === 'timeseries');
      const series = frame && drawdownSeries(frame);
      if (!series || series.values.length === 0) {
        svg.replaceChildren();
        return setMessage(root, NO_DATA_MESSAGE, 'nan-message');
      }
      setMessage(root, null, 'nan-message');
      const periods = underwaterPeriods(series.values, options.periods);
      const geometry = drawdownGeometry(series.time, series.values, periods, props.width, props.height);
      sizeSvg(svg, props.width, props.height);
      const unit = series.unit === '%' ? ' %' : '';
      const text = (x: number, y: number, content: string, anchor: string, className: string) => {
        const node = svgNode(document, 'text', { x, y, 'text-anchor': anchor, class: className });
        node.textContent = content;
        return node;
      };
      const children: SVGElement[] = [];
      geometry.bands.forEach((band, rank) => {
        const { period } = band;
        const shaded = svgNode(document, 'rect', {
          x: band.x,
          y: PLOT.top,
          width: band.width,
          height: Math.max(1, geometry.floorY - PLOT.top),
          class: 'nan-period',
          'data-rank': rank + 1,
        });
        const end =
          period.recovery === null ? 'not recovered' : `recovered ${formatUtcTime(series.time[period.recovery]!, true)}`;
        const title = svgNode(document, 'title', {});
        title.textContent = `#${rank + 1}: −${formatNumber(period.depth, 2)}${unit} · peak ${formatUtcTime(series.time[period.peak]!, true)} · trough ${formatUtcTime(series.time[period.trough]!, true)} · ${end}`;
        shaded.append(title);
        children.push(shaded);
      });
      children.push(svgNode(document, 'path', { d: geometry.area, class: 'nan-area' }));
      // Depth labels, deepest first; one that would overlap a label already placed is left to the band's title.
      const placed: { x: number; y: number }[] = [];
      for (const band of geometry.bands) {
        children.push(svgNode(document, 'circle', { cx: band.troughX, cy: band.troughY, r: 2.5, class: 'nan-trough' }));
        const labelY = Math.min(band.troughY + 12, props.height - PLOT.bottom - 2);
        if (placed.some((other) => Math.abs(other.x - band.troughX) < LABEL_WIDTH && Math.abs(other.y - labelY) < 12)) continue;
        placed.push({ x: band.troughX, y: labelY });
        const anchor = band.troughX > props.width - 60 ? 'end' : 'middle';
        children.push(text(band.troughX, labelY, `−${formatNumber(band.period.depth, 1)}${unit}`, anchor, 'nan-depth'));
      }
      children.push(
        svgNode(document, 'line', {
          x1: PLOT.left,
          x2: props.width - PLOT.right,
          y1: geometry.zeroY,
          y2: geometry.zeroY,
          class: 'nan-axis',
        }),
        text(PLOT.left - 4, geometry.zeroY + 4, `0${unit}`, 'end', 'nan-tick'),
        text(PLOT.left - 4, geometry.floorY, `${formatNumber(geometry.floor, 1)}${unit}`, 'end', 'nan-tick'),
        text(PLOT.left, props.height - 5, formatUtcTime(series.time[0]!, true), 'start', 'nan-tick'),
        text(props.width - PLOT.right, props.height - 5, formatUtcTime(series.time.at(-1)!, true), 'end', 'nan-tick'),
      );
      svg.replaceChildren(...children);
      const deepest = periods[0];
      svg.setAttribute(
        'aria-label',
        deepest
          ? `Drawdown over ${series.values.length} points; deepest −${formatNumber(deepest.depth, 2)}${unit}; ${periods.length} periods shaded`
          : `Drawdown over ${series.values.length} points; never under water`,
      );
    };

    return drawnInstance(root, initial, draw, { redrawOnResize: true });
  },
};
