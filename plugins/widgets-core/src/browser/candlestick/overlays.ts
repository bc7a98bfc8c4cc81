import type { IChartApi, ISeriesApi } from 'lightweight-charts';
import { LineSeries, LineStyle } from 'lightweight-charts';
import type { CandlestickOptions } from '../../descriptors/candlestick.ts';
import type { Palette } from '../shared/theme.ts';
import { type CloseSeries, toLinePoints } from './bar-data.ts';
import { bollinger, ema, sma } from './indicators.ts';

type Overlays = Map<string, { key: string; series: ISeriesApi<'Line'> }>;

interface OverlaySpec {
  id: string;
  enabled: boolean;
  /** What the line's values depend on besides the data; a new key recomputes them. */
  key: string;
  color: string;
  dashed?: boolean;
  values: () => Float64Array;
}

/**
 * Adds, recomputes or removes the indicator lines so that they match the options. Indicators run over
 * every close, so that the first drawn value (at `fromTime`) already has its full window behind it.
 */
export function syncOverlays(
  chart: IChartApi,
  overlays: Overlays,
  closes: CloseSeries,
  fromTime: number,
  options: CandlestickOptions,
  palette: Palette,
  dataChanged: boolean,
): void {
  let bands: ReturnType<typeof bollinger> | undefined;
  // The three bands come from one pass; compute it only when a band needs new values.
  const band = (which: 'upper' | 'middle' | 'lower') => () => {
    bands ??= bollinger(closes.closes, options.bollingerPeriod, options.bollingerStdDev);
    return bands[which];
  };
  const bollingerKey = `${options.bollingerPeriod}:${options.bollingerStdDev}`;
  const specs: OverlaySpec[] = [
    {
      id: 'sma',
      enabled: options.smaEnabled,
      key: String(options.smaPeriod),
      color: palette.sma,
      values: () => sma(closes.closes, options.smaPeriod),
    },
    {
      id: 'ema',
      enabled: options.emaEnabled,
      key: String(options.emaPeriod),
      color: palette.ema,
      values: () => ema(closes.closes, options.emaPeriod),
    },
    {
      id: 'bollinger-upper',
      enabled: options.bollingerEnabled,
      key: bollingerKey,
      color: palette.bollinger,
      values: band('upper'),
    },
    {
      id: 'bollinger-middle',
      enabled: options.bollingerEnabled,
      key: bollingerKey,
      color: palette.bollinger,
      dashed: true,
      values: band('middle'),
    },
    {
      id: 'bollinger-lower',
      enabled: options.bollingerEnabled,
      key: bollingerKey,
      color: palette.bollinger,
      values: band('lower'),
    },
  ];

  for (const spec of specs) {
    const existing = overlays.get(spec.id);
    if (!spec.enabled) {
      if (existing) chart.removeSeries(existing.series);
      overlays.delete(spec.id);
      continue;
    }
    const series =
      existing?.series ??
      chart.addSeries(LineSeries, {
        lineWidth: 1,
        priceLineVisible: false,
        lastValueVisible: false,
        crosshairMarkerVisible: false,
      });
    series.applyOptions({ color: spec.color, lineStyle: spec.dashed ? LineStyle.Dashed : LineStyle.Solid });
    if (!existing || existing.key !== spec.key || dataChanged) {
      series.setData(toLinePoints(closes.times, spec.values(), fromTime));
    }
    overlays.set(spec.id, { key: spec.key, series });
  }
}
