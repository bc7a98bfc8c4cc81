import type { Frame, WidgetInstance, WidgetProps } from '@nautilus/sdk';
import { resolveOptions } from '@nautilus/sdk';
import { AreaSeries, createChart, type IChartApi, type ISeriesApi, LineSeries, PriceScaleMode } from 'lightweight-charts';
import { type LineOptions, lineDescriptor, lineOptionsSchema } from '../../descriptors/line.ts';
import { afterPaint } from '../shared/after-paint.ts';
import { chartThemeOptions } from '../shared/chart-theme.ts';
import { expectFrames } from '../shared/expect-frames.ts';
import { pricePrecision } from '../shared/price-precision.ts';
import { paletteOf, withAlpha } from '../shared/theme.ts';
import { applyTheme, createRoot, NO_DATA_MESSAGE, setMessage } from '../shared/widget-root.ts';
import { decimateMinMax } from './decimate.ts';
import { type LineSeriesData, toLineSeries } from './line-data.ts';
import { renderLegend } from './line-legend.ts';

interface Drawn {
  frames: readonly Frame[];
  lines: LineSeriesData[];
  /** What the drawn series were built from; any change rebuilds them. */
  seriesKey?: string;
  series: ISeriesApi<'Line' | 'Area'>[];
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
    timeScale: { minBarSpacing: 0.001 },
  });
  const legend = root.ownerDocument.createElement('div');
  legend.className = 'nwc-legend';
  root.append(legend);
  const drawn: Drawn = { frames: [], lines: [], series: [] };
  try {
    draw(chart, root, legend, drawn, initial);
  } catch (error) {
    chart.remove();
    root.remove();
    throw error;
  }
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
    drawn.series = drawn.lines.map((line, index) =>
      addLine(chart, line, palette.series[index % palette.series.length]!, options),
    );
    drawn.seriesKey = seriesKey;
    chart.timeScale().fitContent();
  }
  chart
    .priceScale('right')
    .applyOptions({ mode: options.priceScale === 'log' ? PriceScaleMode.Logarithmic : PriceScaleMode.Normal });

  renderLegend(legend, options.showLegend ? drawn.lines : [], palette.series);
  const empty = drawn.lines.every((line) => line.points.length === 0);
  setMessage(root, empty ? NO_DATA_MESSAGE : null);
}

function addLine(chart: IChartApi, line: LineSeriesData, color: string, options: LineOptions): ISeriesApi<'Line' | 'Area'> {
  const precision = pricePrecision(line.points.map((point) => point.value));
  const common = {
    lineWidth: options.lineWidth as 1 | 2 | 3 | 4,
    priceFormat: { type: 'price' as const, precision, minMove: 10 ** -precision },
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
