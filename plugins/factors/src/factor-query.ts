import { combineFactors } from '@nautilus/indicators';
import {
  type DataQuery,
  type Frame,
  NautilusError,
  type OhlcvFrame,
  type PluginContext,
  TIMEFRAME_MS,
  type Timeframe,
  type TimeSeriesFrame,
} from '@nautilus/sdk';
import type { FactorView } from './manifest.ts';

export interface FactorParams {
  symbol: string;
  timeframe?: Timeframe;
  seriesId: string;
  window?: number;
  view?: FactorView;
}

/** How far before the range the economic series is read: its latest value before the range still counts. */
const SERIES_LOOK_BACK = 800 * 86_400_000;

/**
 * One factor query: the bars (from `window` bars before the range, so the first statistic in the range
 * has its full window) and the series by first release, through `ctx.data`; then `combineFactors`,
 * which uses each published value only from its publication time. Answers the chosen view's columns
 * on the bars inside the range, warm-up left out.
 */
export async function factorQuery(
  data: NonNullable<PluginContext['data']>,
  sources: { bars: string; series: string },
  query: DataQuery<FactorParams>,
): Promise<Frame[]> {
  const { symbol, seriesId, timeframe = '1d', window = 60, view = 'correlation' } = query.params;
  const { from, to } = query.range;
  const barsFrom = from - window * 2 * TIMEFRAME_MS[timeframe];
  const [barFrames, seriesFrames] = await Promise.all([
    data.query(sources.bars, {
      params: { symbol, timeframe },
      range: { from: barsFrom, to },
      maxPoints: query.maxPoints + 2 * window,
    }),
    data.query(sources.series, { params: { seriesId }, range: { from: from - SERIES_LOOK_BACK, to }, maxPoints: 100_000 }),
  ]);
  const bars = barFrames.find((frame): frame is OhlcvFrame => frame.kind === 'ohlcv');
  const published = seriesFrames.find((frame): frame is TimeSeriesFrame => frame.kind === 'timeseries')?.series[0];
  if (!bars || !published) {
    throw new NautilusError(
      'DATA_SOURCE_ERROR',
      `The factor needs bars from ${sources.bars} and a series from ${sources.series}; one answered none.`,
    );
  }
  const factors = combineFactors(
    { time: bars.time, values: bars.close },
    { availableFrom: published.time, values: published.values },
    window,
  );
  const columns: Record<FactorView, [string, Float64Array][]> = {
    correlation: [[`correlation ${symbol} ~ ${seriesId}`, factors.correlation]],
    beta: [[`beta ${symbol} on ${seriesId}`, factors.beta]],
    'z-scores': [
      [`spread z-score ${symbol} − β·${seriesId}`, factors.spreadZScore],
      [`${seriesId} z-score`, factors.alignedZScore],
    ],
    aligned: [[`${seriesId} as known`, factors.aligned]],
  };
  return [
    {
      kind: 'timeseries',
      series: columns[view].map(([name, values]) => {
        const time: number[] = [];
        const kept: number[] = [];
        for (let index = 0; index < values.length; index++) {
          const at = bars.time[index]!;
          if (at < from || at >= to || !Number.isFinite(values[index]!)) continue;
          time.push(at);
          kept.push(values[index]!);
        }
        return { name, time, values: kept };
      }),
    },
  ];
}
