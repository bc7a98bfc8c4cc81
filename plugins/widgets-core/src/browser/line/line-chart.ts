import type { Frame, WidgetInstance, WidgetProps } from '@nautilus/sdk';
import { resolveOptions } from '@nautilus/sdk';
import { afterPaint, isPercentUnit, touchGestures, valueDecimals, valuePriceFormat, withAlpha } from '@nautilus/widget-kit';
import {
  AreaSeries,
  createChart,
  type IChartApi,
  type ISeriesApi,
  type LineData,
  LineSeries,
  type MouseEventParams,
  PriceScaleMode,
} from 'lightweight-charts';
import { type LineOptions, lineDescriptor, lineOptionsSchema } from '../../descriptors/line.ts';
import { chartThemeOptions } from '../shared/chart-theme.ts';
import { expectFrames } from '../shared/expect-frames.ts';
import { isNewRange, type TimeRange } from '../shared/range-fit.ts';
import { paletteOf } from '../shared/theme.ts';
import { touchOptions } from '../shared/touch-options.ts';
import { applyTheme, createRoot, NO_DATA_MESSAGE, setMessage } from '../shared/widget-root.ts';
import { decimateMinMax } from './decimate.ts';
import { type LineSeriesData, toLineSeries } from './line-data.ts';
import { type LegendLine, renderLegend } from './line-legend.ts';

interface Drawn {
  frames: readonly Frame[];
  lines: LineSeriesData[];
  /** What the drawn series were built from; any change rebuilds them. */
  seriesKey?: string;
  series: ISeriesApi<'Line' | 'Area'>[];
  /** Decimals of each line's values, for its axis and legend. */
  decimals: number[];
  /** The names of the drawn lines; another set refits the view. */
  names?: string;
  /** The dashboard range last fitted to; a new choice refits the view, a refresh keeps the user's zoom. */
  range?: TimeRange;
  showLegend: boolean;
  colors: readonly string[];
  width?: number;
  height?: number;
}

/** Draws time series (or OHLCV closes) as lines or areas with lightweight-charts. */
export async function mountLine(element: HTMLElement, initial: WidgetProps): Promise<WidgetInstance> {
  expectFrames(lineDescriptor.id, ['timeseries', 'ohlcv'], initial.frames);
  const view = element.ownerDocument.defaultView as Window;
  const root = createRoot(element, 'line');
  // Lines may squeeze many points per pixel: the whole range is the view a line chart is for.
  const chart = createChart(root, {
    autoSize: false,
    width: initial.width,
    height: initial.height,
    // A resize (a window, a phone turned, a panel dragged wider) keeps the range in view, not the bar
    // width: the latest bar stays on screen and the dashboard's range stays whole.
    timeScale: { minBarSpacing: 0.001, lockVisibleTimeRangeOnResize: true },
  });
  const legend = root.ownerDocument.createElement('div');
  legend.className = 'nwc-legend';
  root.append(legend);
  const drawn: Drawn = { frames: [], lines: [], series: [], decimals: [], showLegend: true, colors: [] };
  const gestures = touchGestures(root, (active) => chart.applyOptions(touchOptions(active)), 'nwc-touch-hint');
  try {
    draw(chart, root, legend, drawn, initial);
  } catch (error) {
    gestures.destroy();
    chart.remove();
    root.remove();
    throw error;
  }
  chart.subscribeCrosshairMove((param) => showLegend(legend, drawn, param));
  await afterPaint(view);
  return {
    update(props) {
      draw(chart, root, legend, drawn, props);
      return afterPaint(view);
    },
    resize(width, height) {
      chart.resize(width, height);
      drawn.width = width;
      drawn.height = height;
    },
    destroy() {
      gestures.destroy();
      chart.remove();
      root.remove();
    },
  };
}

function draw(chart: IChartApi, root: HTMLElement, legend: HTMLElement, drawn: Drawn, props: WidgetProps): void {
  const frames = expectFrames(lineDescriptor.id, ['timeseries', 'ohlcv'], props.frames);
  const options = resolveOptions<LineOptions>(lineOptionsSchema, props.options);
  const palette = paletteOf(props.theme);
  applyTheme(root, props.theme);
  chart.applyOptions(chartThemeOptions(props.theme));
  if (props.width !== drawn.width || props.height !== drawn.height) {
    chart.resize(props.width, props.height);
    drawn.width = props.width;
    drawn.height = props.height;
  }
  chart.timeScale().applyOptions({ timeVisible: !frames.every((frame) => frame.kind === 'ohlcv' && frame.timeframe === '1d') });

  // Frames are compared one by one: a new array holding the same frames is not new data.
  const dataChanged = frames.length !== drawn.frames.length || frames.some((frame, index) => frame !== drawn.frames[index]);
  if (dataChanged) {
    drawn.lines = toLineSeries(frames);
    drawn.frames = frames;
  }
  const seriesKey = `${options.style}:${options.lineWidth}:${props.theme}`;
  if (dataChanged || seriesKey !== drawn.seriesKey) {
    for (const series of drawn.series) chart.removeSeries(series);
    drawn.decimals = drawn.lines.map((line) => valueDecimals(lineValues(line), line.unit));
    drawn.series = drawn.lines.map((line, index) =>
      addLine(chart, line, palette.series[index % palette.series.length]!, drawn.decimals[index]!, options),
    );
    drawn.seriesKey = seriesKey;
    // The dashboard's range is the view; a refresh of the same range and lines keeps the user's zoom.
    const names = drawn.lines.map((line) => line.name).join('\n');
    if (isNewRange(drawn.range, props.timeRange) || names !== drawn.names) chart.timeScale().fitContent();
    drawn.names = names;
    drawn.range = props.timeRange;
  }
  chart
    .priceScale('right')
    .applyOptions({ mode: options.priceScale === 'log' ? PriceScaleMode.Logarithmic : PriceScaleMode.Normal });

  drawn.showLegend = options.showLegend;
  drawn.colors = palette.series;
  showLegend(legend, drawn, undefined);
  const empty = drawn.lines.every((line) => line.points.length === 0);
  setMessage(root, empty ? NO_DATA_MESSAGE : null);
}

/** The legend at the cursor's time, or at each line's latest value when the cursor is elsewhere. */
function showLegend(legend: HTMLElement, drawn: Drawn, param: MouseEventParams | undefined): void {
  if (!drawn.showLegend) {
    renderLegend(legend, [], undefined);
    return;
  }
  const hovered = param?.time !== undefined;
  let time: number | undefined;
  const lines: LegendLine[] = drawn.lines.map((line, index) => {
    let value = Number.NaN;
    if (hovered) {
      const point = param?.seriesData.get(drawn.series[index]!) as LineData | undefined;
      value = point && 'value' in point ? point.value : Number.NaN;
    } else {
      const last = line.points[line.points.length - 1];
      if (last) {
        value = last.value;
        time = Math.max(time ?? Number.NEGATIVE_INFINITY, last.time * 1000);
      }
    }
    return { line, color: drawn.colors[index % drawn.colors.length]!, decimals: drawn.decimals[index] ?? 2, value };
  });
  if (hovered) time = (param!.time as number) * 1000;
  renderLegend(legend, lines, time);
}

/** The last values of a line, enough to see how it is written. */
function lineValues(line: LineSeriesData): number[] {
  return line.points.slice(-200).map((point) => point.value);
}

function addLine(
  chart: IChartApi,
  line: LineSeriesData,
  color: string,
  decimals: number,
  options: LineOptions,
): ISeriesApi<'Line' | 'Area'> {
  const common = {
    lineWidth: options.lineWidth as 1 | 2 | 3 | 4,
    // Axis, crosshair and last-value labels with thousands separators; a percentage axis reads -26.35%.
    priceFormat: valuePriceFormat(decimals, isPercentUnit(line.unit) ? '%' : undefined),
    priceLineVisible: false,
  };
  const series =
    options.style === 'area'
      ? chart.addSeries(AreaSeries, {
          ...common,
          lineColor: color,
          topColor: withAlpha(color, 0.3),
          bottomColor: withAlpha(color, 0.02),
        })
      : chart.addSeries(LineSeries, { ...common, color });
  series.setData(decimateMinMax(line.points));
  return series as ISeriesApi<'Line' | 'Area'>;
}
