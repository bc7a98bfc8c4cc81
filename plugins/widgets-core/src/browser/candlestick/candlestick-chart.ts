import type { OhlcvFrame, WidgetInstance, WidgetProps } from '@nautilus/sdk';
import { resolveOptions } from '@nautilus/sdk';
import { createChart, type IChartApi, type ISeriesApi } from 'lightweight-charts';
import { type CandlestickOptions, candlestickDescriptor, candlestickOptionsSchema } from '../../descriptors/candlestick.ts';
import { afterPaint } from '../shared/after-paint.ts';
import { chartThemeOptions } from '../shared/chart-theme.ts';
import { expectFrames, ohlcvLength } from '../shared/expect-frames.ts';
import { pricePrecision } from '../shared/price-precision.ts';
import { paletteOf, withAlpha } from '../shared/theme.ts';
import { applyTheme, createRoot, NO_DATA_MESSAGE, setMessage } from '../shared/widget-root.ts';
import { type ChartBars, type CloseSeries, toChartBars, toCloseSeries } from './bar-data.ts';
import { extendedWindowStart, firstWindowStart, needsOlderBars, refreshedWindowStart } from './history-window.ts';
import { syncOverlays } from './overlays.ts';
import { type PriceSeries, showLatest, syncPriceSeries } from './price-series.ts';

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
  overlays: Map<string, { key: string; series: ISeriesApi<'Line'> }>;
  width?: number;
  height?: number;
}

const noCloses = (): CloseSeries => ({ closes: new Float64Array(0), times: new Float64Array(0) });

/** Draws OHLCV bars with lightweight-charts; each update redoes only what its props changed. */
export async function mountCandlestick(element: HTMLElement, initial: WidgetProps): Promise<WidgetInstance> {
  firstFrame(initial); // a wrong frame fails the mount before any DOM is built
  const view = element.ownerDocument.defaultView as Window;
  const root = createRoot(element, 'candlestick');
  const chart = createChart(root, { autoSize: false, width: initial.width, height: initial.height });
  const drawn: Drawn = {
    count: 0,
    closes: noCloses(),
    start: 0,
    bars: { bars: [], volume: [] },
    series: {},
    overlays: new Map(),
  };
  try {
    draw(chart, root, drawn, initial);
  } catch (error) {
    chart.remove();
    root.remove();
    throw error;
  }

  let extending = false;
  chart.timeScale().subscribeVisibleLogicalRangeChange((range) => {
    if (extending || !needsOlderBars(range, drawn.start)) return;
    extending = true;
    // Outside lightweight-charts' own callback, which runs mid-update.
    view.setTimeout(() => {
      extending = false;
      if (!drawn.props || drawn.start <= 0) return;
      drawn.start = extendedWindowStart(drawn.start, drawn.count);
      draw(chart, root, drawn, drawn.props);
    }, 0);
  });

  await afterPaint(view);
  return {
    update(props) {
      draw(chart, root, drawn, props);
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

function firstFrame(props: WidgetProps): OhlcvFrame | undefined {
  // Several frames (e.g. a query over two symbols) draw the first: one price axis fits one instrument.
  const frame = expectFrames(candlestickDescriptor.id, ['ohlcv'], props.frames)[0];
  if (frame) ohlcvLength(frame);
  return frame;
}

function draw(chart: IChartApi, root: HTMLElement, drawn: Drawn, props: WidgetProps): void {
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
  let resetView = false;
  if (frameChanged) {
    const count = frame ? frame.time.length : 0;
    drawn.closes = frame ? toCloseSeries(frame) : noCloses();
    // A refresh of the same instrument keeps the user's view and loaded history; anything else starts afresh.
    const previous = drawn.frame;
    const sameInstrument =
      !!previous && !!frame && drawn.count > 0 && previous.symbol === frame.symbol && previous.timeframe === frame.timeframe;
    drawn.start = sameInstrument ? refreshedWindowStart(count, drawn.count, drawn.start) : firstWindowStart(count);
    resetView = !sameInstrument;
    drawn.frame = frame;
    drawn.count = count;
  }
  drawn.props = props;

  const barsKey = `${drawn.start} ${options.upColor} ${options.downColor}`;
  const dataChanged = frameChanged || barsKey !== drawn.barsKey;
  if (dataChanged) {
    const volumeColors = { up: withAlpha(options.upColor, 0.45), down: withAlpha(options.downColor, 0.45) };
    drawn.bars = frame ? toChartBars(frame, volumeColors, drawn.start) : { bars: [], volume: [] };
    drawn.barsKey = barsKey;
  }

  syncPriceSeries(chart, drawn.series, drawn.bars, options, pricePrecision(frame?.close ?? []), dataChanged);
  const firstTime = drawn.bars.bars[0]?.time ?? Number.POSITIVE_INFINITY;
  syncOverlays(chart, drawn.overlays, drawn.closes, firstTime, options, paletteOf(props.theme), dataChanged);

  setMessage(root, drawn.count === 0 ? NO_DATA_MESSAGE : null);
  // For browser tests, and for anyone wondering why the oldest bars appear only on scrolling back.
  root.dataset.bars = String(drawn.count);
  root.dataset.loadedBars = String(drawn.count - drawn.start);
  if (resetView) showLatest(chart, drawn.bars.bars.length, props.width);
}
