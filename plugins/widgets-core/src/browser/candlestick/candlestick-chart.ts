import type { OhlcvFrame, TimeSeriesFrame, WidgetInstance, WidgetProps } from '@nautilus/sdk';
import { resolveOptions } from '@nautilus/sdk';
import { afterPaint, pricePrecision, touchGestures, withAlpha } from '@nautilus/widget-kit';
import { createChart, type IChartApi, type MouseEventParams } from 'lightweight-charts';
import { type CandlestickOptions, candlestickDescriptor, candlestickOptionsSchema } from '../../descriptors/candlestick.ts';
import { chartThemeOptions } from '../shared/chart-theme.ts';
import { expectFrames, ohlcvLength } from '../shared/expect-frames.ts';
import { barsInRange, isNewRange, type TimeRange } from '../shared/range-fit.ts';
import { paletteOf } from '../shared/theme.ts';
import { touchOptions } from '../shared/touch-options.ts';
import { applyTheme, createRoot, NO_DATA_MESSAGE, setMessage } from '../shared/widget-root.ts';
import { type ChartBars, type CloseSeries, toChartBars, toCloseSeries } from './bar-data.ts';
import { renderCandleLegend } from './candle-legend.ts';
import { extendedWindowStart, firstWindowStart, needsOlderBars, refreshedWindowStart } from './history-window.ts';
import { type DrawnOverlay, overlayReadings, syncOverlays } from './overlays.ts';
import { type PriceSeries, showRange, syncPriceSeries } from './price-series.ts';
import { type DrawnTransforms, syncTransformSeries, transformReadings } from './transform-series.ts';

interface Drawn {
  props?: WidgetProps;
  frame?: OhlcvFrame | undefined;
  count: number;
  closes: CloseSeries;
  /** Index of the oldest bar handed to the chart (see history-window.ts). */
  start: number;
  /** What the loaded bars were built from; a change rebuilds them. */
  barsKey?: string;
  bars: ChartBars;
  series: PriceSeries;
  overlays: Map<string, DrawnOverlay>;
  /** The panel's indicator transforms (timeseries frames), as overlays and panes. */
  transforms: DrawnTransforms;
  /** The dashboard range last fitted to; a new choice refits the view. */
  range?: TimeRange;
  decimals: number;
  /** Frame index of the bar under the cursor, or undefined for the latest bar. */
  hovered?: number | undefined;
  width?: number;
  height?: number;
  /**
   * Set by destroy: a removed chart throws from every call, and a draw leaves work for later frames
   * (the legend's second fit, loading older bars) that a panel closed meanwhile must not run.
   */
  removed?: boolean;
}

const noCloses = (): CloseSeries => ({ closes: new Float64Array(0), times: new Float64Array(0) });

/** Draws OHLCV bars with lightweight-charts; each update redoes only what its props changed. */
export async function mountCandlestick(element: HTMLElement, initial: WidgetProps): Promise<WidgetInstance> {
  firstFrame(initial); // a wrong frame fails the mount before any DOM is built
  const view = element.ownerDocument.defaultView as Window;
  const root = createRoot(element, 'candlestick');
  // A year of hourly bars must fit the panel when the dashboard asks for a year: bars may be thinner than a pixel.
  const chart = createChart(root, {
    autoSize: false,
    width: initial.width,
    height: initial.height,
    // A resize (a window, a phone turned, a panel dragged wider) keeps the range in view, not the bar
    // width: the latest bar stays on screen and the dashboard's range stays whole.
    timeScale: { minBarSpacing: 0.001, lockVisibleTimeRangeOnResize: true },
  });
  const legend = root.ownerDocument.createElement('div');
  legend.className = 'nwc-legend nwc-legend-candle';
  root.append(legend);
  const drawn: Drawn = {
    count: 0,
    closes: noCloses(),
    start: 0,
    bars: { bars: [], volume: [] },
    series: {},
    overlays: new Map(),
    transforms: { layout: '', frames: [], lines: [] },
    decimals: 2,
  };
  const gestures = touchGestures(root, (active) => chart.applyOptions(touchOptions(active)), 'nwc-touch-hint');
  try {
    draw(chart, root, legend, drawn, initial);
  } catch (error) {
    drawn.removed = true;
    gestures.destroy();
    chart.remove();
    root.remove();
    throw error;
  }

  chart.subscribeCrosshairMove((param: MouseEventParams) => {
    const logical = param.logical;
    const index = param.time === undefined || logical === undefined ? undefined : drawn.start + Math.round(logical);
    drawn.hovered = index !== undefined && index >= drawn.start && index < drawn.count ? index : undefined;
    showLegend(legend, drawn);
  });

  let extending = false;
  chart.timeScale().subscribeVisibleLogicalRangeChange((range) => {
    recordVisibleRange(root, drawn, range);
    if (extending || !needsOlderBars(range, drawn.start)) return;
    extending = true;
    // Outside lightweight-charts' own callback, which runs mid-update.
    view.setTimeout(() => {
      extending = false;
      if (drawn.removed || !drawn.props || drawn.start <= 0) return;
      drawn.start = extendedWindowStart(drawn.start, drawn.count);
      draw(chart, root, legend, drawn, drawn.props);
    }, 0);
  });

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
      drawn.removed = true;
      gestures.destroy();
      chart.remove();
      root.remove();
    },
  };
}

function firstFrame(props: WidgetProps): OhlcvFrame | undefined {
  // Several frames (e.g. a query over two symbols) draw the first: one price axis fits one instrument.
  // Timeseries frames beside the bars are the panel's indicator transforms (see transformFrames).
  const bars = props.frames.filter((candidate) => candidate?.kind !== 'timeseries');
  const frame = expectFrames(candlestickDescriptor.id, ['ohlcv'], bars)[0];
  if (frame) ohlcvLength(frame);
  return frame;
}

/** The timeseries frames of the panel: indicator lines drawn over the price or in panes below. */
function transformFrames(props: WidgetProps): TimeSeriesFrame[] {
  return props.frames.filter((frame): frame is TimeSeriesFrame => frame.kind === 'timeseries');
}

function draw(chart: IChartApi, root: HTMLElement, legend: HTMLElement, drawn: Drawn, props: WidgetProps): void {
  const frame = firstFrame(props);
  const options = resolveOptions<CandlestickOptions>(candlestickOptionsSchema, props.options);
  applyTheme(root, props.theme);
  const themeOptions = chartThemeOptions(props.theme);
  // Bars of a minute or more have no seconds worth showing, daily bars no time of day.
  const timeScale = { ...themeOptions.timeScale, timeVisible: frame?.timeframe !== '1d', secondsVisible: false };
  chart.applyOptions({ ...themeOptions, timeScale });
  if (props.width !== drawn.width || props.height !== drawn.height) {
    chart.resize(props.width, props.height);
    drawn.width = props.width;
    drawn.height = props.height;
  }

  const frameChanged = frame !== drawn.frame;
  const newRange = isNewRange(drawn.range, props.timeRange);
  let fitView = false;
  if (frameChanged || newRange) {
    const count = frame ? frame.time.length : 0;
    if (frameChanged) drawn.closes = frame ? toCloseSeries(frame) : noCloses();
    // A refresh of the same instrument and range keeps the user's view and loaded history; a new
    // instrument or a new range shows the range the dashboard asks for.
    const previous = drawn.frame;
    const sameInstrument =
      !!previous && !!frame && drawn.count > 0 && previous.symbol === frame.symbol && previous.timeframe === frame.timeframe;
    fitView = !sameInstrument || newRange;
    let start = sameInstrument && !newRange ? refreshedWindowStart(count, drawn.count, drawn.start) : firstWindowStart(count);
    // The chart must hold every bar of the range on screen, however many the first window takes.
    const inRange = frame && fitView ? barsInRange(frame.time, props.timeRange) : null;
    if (inRange) start = Math.min(start, inRange.first);
    drawn.start = frameChanged || fitView ? start : Math.min(drawn.start, start);
    drawn.frame = frame;
    drawn.count = count;
    drawn.range = props.timeRange;
    drawn.hovered = undefined;
  }
  drawn.props = props;

  const barsKey = `${drawn.start} ${options.upColor} ${options.downColor}`;
  const dataChanged = frameChanged || barsKey !== drawn.barsKey;
  if (dataChanged) {
    const volumeColors = { up: withAlpha(options.upColor, 0.45), down: withAlpha(options.downColor, 0.45) };
    drawn.bars = frame ? toChartBars(frame, volumeColors, drawn.start) : { bars: [], volume: [] };
    drawn.barsKey = barsKey;
  }

  drawn.decimals = pricePrecision(frame?.close ?? []);
  syncPriceSeries(chart, drawn.series, drawn.bars, options, drawn.decimals, dataChanged);
  const firstTime = drawn.bars.bars[0]?.time ?? Number.POSITIVE_INFINITY;
  syncOverlays(chart, drawn.overlays, drawn.closes, firstTime, options, paletteOf(props.theme), dataChanged);
  syncTransformSeries(chart, drawn.transforms, transformFrames(props), firstTime, dataChanged);

  setMessage(root, drawn.count === 0 ? NO_DATA_MESSAGE : null);
  // For browser tests, and for anyone wondering why the oldest bars appear only on scrolling back.
  root.dataset.bars = String(drawn.count);
  root.dataset.indicatorLines = String(drawn.transforms.lines.length);
  root.dataset.panes = String(chart.panes().length);
  root.dataset.loadedBars = String(drawn.count - drawn.start);
  root.dataset.rangeFrom = String(props.timeRange.from);
  root.dataset.rangeTo = String(props.timeRange.to);
  if (fitView && frame) showRange(chart, frame.time, drawn.start, props.timeRange);
  recordVisibleRange(root, drawn, chart.timeScale().getVisibleLogicalRange());
  root.classList.toggle('nwc-narrow', props.width < NARROW_WIDTH);
  showLegend(legend, drawn);
  // The legend keeps clear of the price axis, whose width follows the prices. The chart sizes the
  // axis when it paints, so the width read now may be the previous one (0 on the first draw): look
  // again after the paint.
  const fitLegend = () => {
    if (drawn.removed) return;
    legend.style.maxWidth = `${Math.max(120, props.width - chart.priceScale('right').width() - 16)}px`;
  };
  fitLegend();
  requestAnimationFrame(() => requestAnimationFrame(fitLegend));
}

/** Charts narrower than this (a phone) show the bar's values in the legend but not the overlays'. */
const NARROW_WIDTH = 480;

/** The legend for the hovered bar, or the latest one when the cursor is elsewhere (as TradingView does). */
function showLegend(legend: HTMLElement, drawn: Drawn): void {
  const frame = drawn.frame;
  const props = drawn.props;
  if (!frame || !props || drawn.count === 0) {
    renderCandleLegend(legend, null);
    return;
  }
  const index = drawn.hovered ?? drawn.count - 1;
  const options = resolveOptions<CandlestickOptions>(candlestickOptionsSchema, props.options);
  renderCandleLegend(legend, {
    frame,
    index,
    decimals: drawn.decimals,
    upColor: options.upColor,
    downColor: options.downColor,
    overlays: [
      ...overlayReadings(drawn.overlays, drawn.closes, frame.time[index]! / 1000),
      ...transformReadings(drawn.transforms, frame.time[index]! / 1000),
    ],
  });
}

/** The times of the first and last bar on screen, as `data-visible-from` / `data-visible-to` (epoch ms). */
function recordVisibleRange(root: HTMLElement, drawn: Drawn, range: { from: number; to: number } | null): void {
  const frame = drawn.frame;
  if (!frame || !range || drawn.count === 0) {
    delete root.dataset.visibleFrom;
    delete root.dataset.visibleTo;
    return;
  }
  const clamp = (index: number) => Math.min(drawn.count - 1, Math.max(drawn.start, index));
  root.dataset.visibleFrom = String(frame.time[clamp(drawn.start + Math.ceil(range.from))]);
  root.dataset.visibleTo = String(frame.time[clamp(drawn.start + Math.floor(range.to))]);
}
