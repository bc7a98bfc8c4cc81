import type { IChartApi, ISeriesApi } from 'lightweight-charts';
import { LineSeries, LineStyle } from 'lightweight-charts';
import type { CandlestickOptions } from '../../descriptors/candlestick.ts';
import { firstAtOrAfter } from '../shared/range-fit.ts';
import type { Palette } from '../shared/theme.ts';
import { type CloseSeries, toLinePoints } from './bar-data.ts';
import type { OverlayReading } from './candle-legend.ts';
import { bollinger, ema, sma } from './indicators.ts';

/** An indicator line on the chart, with its values over every close (for the legend) and its name. */
export interface DrawnOverlay {
  key: string;
  series: ISeriesApi<'Line'>;
  values: Float64Array;
  /** The legend's group: `SMA 20`, `EMA 50`, `BB 20 2` (the three bands share one). */
  label: string;
  color: string;
}

type Overlays = Map<string, DrawnOverlay>;

interface OverlaySpec {
  id: string;
  enabled: boolean;
  /** What the line's values depend on besides the data; a new key recomputes them. */
  key: string;
  label: string;
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
  const bollingerLabel = `BB ${options.bollingerPeriod} ${options.bollingerStdDev}`;
  const specs: OverlaySpec[] = [
    {
      id: 'sma',
      enabled: options.smaEnabled,
      key: String(options.smaPeriod),
      label: `SMA ${options.smaPeriod}`,
      color: palette.sma,
      values: () => sma(closes.closes, options.smaPeriod),
    },
    {
      id: 'ema',
      enabled: options.emaEnabled,
      key: String(options.emaPeriod),
      label: `EMA ${options.emaPeriod}`,
      color: palette.ema,
      values: () => ema(closes.closes, options.emaPeriod),
    },
    {
      id: 'bollinger-upper',
      enabled: options.bollingerEnabled,
      key: bollingerKey,
      label: bollingerLabel,
      color: palette.bollinger,
      values: band('upper'),
    },
    {
      id: 'bollinger-middle',
      enabled: options.bollingerEnabled,
      key: bollingerKey,
      label: bollingerLabel,
      color: palette.bollinger,
      dashed: true,
      values: band('middle'),
    },
    {
      id: 'bollinger-lower',
      enabled: options.bollingerEnabled,
      key: bollingerKey,
      label: bollingerLabel,
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
    let values = existing?.values;
    if (!existing || !values || existing.key !== spec.key || dataChanged) {
      values = spec.values();
      series.setData(toLinePoints(closes.times, values, fromTime));
    }
    overlays.set(spec.id, { key: spec.key, series, values, label: spec.label, color: spec.color });
  }
}

/**
 * Each overlay's value at the close with time `seconds` (the bar under the cursor), grouped as the
 * legend names them: the three Bollinger bands are one entry, upper / middle / lower.
 */
export function overlayReadings(overlays: Overlays, closes: CloseSeries, seconds: number): OverlayReading[] {
  const at = firstAtOrAfter(closes.times, seconds);
  const found = closes.times[at] === seconds;
  const readings = new Map<string, OverlayReading>();
  for (const overlay of overlays.values()) {
    const value = found ? overlay.values[at]! : Number.NaN;
    const reading = readings.get(overlay.label);
    if (reading) reading.values.push(value);
    else readings.set(overlay.label, { label: overlay.label, color: overlay.color, values: [value] });
  }
  return [...readings.values()];
}
