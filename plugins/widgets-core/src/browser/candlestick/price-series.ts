import { valuePriceFormat } from '@nautilus/widget-kit';
import {
  BarSeries,
  CandlestickSeries,
  HistogramSeries,
  type IChartApi,
  type ISeriesApi,
  PriceScaleMode,
} from 'lightweight-charts';
import type { CandlestickOptions } from '../../descriptors/candlestick.ts';
import { DEFAULT_BAR_SPACING } from '../shared/chart-theme.ts';
import { barsInRange } from '../shared/range-fit.ts';
import type { ChartBars } from './bar-data.ts';

const VOLUME_SCALE = 'volume';

/** The bar series (candles or OHLC bars) and the volume histogram of one chart. */
export interface PriceSeries {
  style?: CandlestickOptions['style'];
  main?: ISeriesApi<'Candlestick'> | ISeriesApi<'Bar'>;
  volume?: ISeriesApi<'Histogram'> | undefined;
}

/** Creates, restyles or refills the bar and volume series so that they match the options and data. */
export function syncPriceSeries(
  chart: IChartApi,
  series: PriceSeries,
  data: ChartBars,
  options: CandlestickOptions,
  precision: number,
  dataChanged: boolean,
): void {
  const styleChanged = series.style !== options.style || !series.main;
  if (styleChanged) {
    if (series.main) chart.removeSeries(series.main);
    series.main = options.style === 'ohlc' ? chart.addSeries(BarSeries) : chart.addSeries(CandlestickSeries);
    series.style = options.style;
  }
  const colors = { upColor: options.upColor, downColor: options.downColor };
  const priceFormat = valuePriceFormat(precision);
  if (options.style === 'ohlc') {
    (series.main as ISeriesApi<'Bar'>).applyOptions({ ...colors, priceFormat });
  } else {
    const wicks = { wickUpColor: options.upColor, wickDownColor: options.downColor };
    (series.main as ISeriesApi<'Candlestick'>).applyOptions({ ...colors, ...wicks, borderVisible: false, priceFormat });
  }
  if (styleChanged || dataChanged) series.main!.setData(data.bars);
  chart.priceScale('right').applyOptions({
    mode: options.priceScale === 'log' ? PriceScaleMode.Logarithmic : PriceScaleMode.Normal,
    // Bars keep clear of the volume band along the bottom fifth.
    scaleMargins: options.showVolume ? { top: 0.08, bottom: 0.24 } : { top: 0.08, bottom: 0.08 },
  });
  syncVolume(chart, series, data, options.showVolume, dataChanged);
}

function syncVolume(chart: IChartApi, series: PriceSeries, data: ChartBars, show: boolean, dataChanged: boolean): void {
  if (!show) {
    if (series.volume) chart.removeSeries(series.volume);
    series.volume = undefined;
    return;
  }
  if (!series.volume) {
    series.volume = chart.addSeries(HistogramSeries, {
      priceScaleId: VOLUME_SCALE,
      priceFormat: { type: 'volume' },
      lastValueVisible: false,
      priceLineVisible: false,
    });
    chart.priceScale(VOLUME_SCALE).applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
    series.volume.setData(data.volume);
  } else if (dataChanged) {
    series.volume.setData(data.volume);
  }
}

/**
 * Shows the bars of the dashboard's time range, first to last, with a little room on the right of the
 * latest bar. `start` is the frame index of the chart's first bar. Without a bar in the range (the data
 * ends before it), the latest bars at a readable spacing.
 */
export function showRange(chart: IChartApi, times: readonly number[], start: number, range: { from: number; to: number }): void {
  const inRange = barsInRange(times, range);
  if (!inRange) {
    showLatest(chart, times.length - start, chart.timeScale().width() || 600);
    return;
  }
  const first = Math.max(inRange.first, start) - start;
  const last = inRange.last - start;
  const margin = Math.max(1, (last - first) * 0.02);
  chart.timeScale().setVisibleLogicalRange({ from: first - 0.5, to: last + 0.5 + margin });
}

/** The latest bars at a readable spacing; fewer bars than fit are spread over the width. */
function showLatest(chart: IChartApi, count: number, width: number): void {
  if (count === 0) return;
  const fitting = Math.max(10, Math.floor((width - 70) / DEFAULT_BAR_SPACING));
  if (count <= fitting) chart.timeScale().fitContent();
  else chart.timeScale().setVisibleLogicalRange({ from: count - fitting, to: count + 2 });
}
