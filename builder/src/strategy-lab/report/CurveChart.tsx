import { AreaSeries, createChart, type LineData, LineSeries, LineStyle, type UTCTimestamp } from 'lightweight-charts';
import { useEffect, useRef, useState } from 'react';
import { useThemeMode } from '../../theme/useThemeMode.ts';
import type { CurveSeries } from './buy-and-hold.ts';
import { chartOptions } from './chart-options.ts';
import type { TimeSync } from './time-sync.ts';

/** A line of a curve chart: its colour, and whether it is a reference (dashed) or a filled area. */
export interface ChartLine extends CurveSeries {
  color: string;
  dashed?: boolean;
  area?: boolean;
}

const moneyText = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Points in seconds, strictly increasing as lightweight-charts needs them, NaN left out. */
function points(line: CurveSeries): LineData<UTCTimestamp>[] {
  const out: LineData<UTCTimestamp>[] = [];
  let last = Number.NEGATIVE_INFINITY;
  line.time.forEach((time, index) => {
    const seconds = Math.floor(time / 1000);
    const value = line.values[index]!;
    if (seconds <= last || !Number.isFinite(value)) return;
    last = seconds;
    out.push({ time: seconds as UTCTimestamp, value });
  });
  return out;
}

/**
 * Lines over time on one scale (equity and buy & hold, drawdown, runs compared), with a legend.
 * `data-series` counts the lines drawn.
 */
export function CurveChart({
  lines,
  unit,
  testId,
  height,
  intraday,
  sync,
}: {
  lines: ChartLine[];
  /** 'ratio': plain numbers with two decimals (a Sharpe ratio). */
  unit: 'money' | 'percent' | 'ratio';
  testId: string;
  height: number;
  intraday: boolean;
  sync?: TimeSync | undefined;
}) {
  const container = useRef<HTMLDivElement>(null);
  const { mode } = useThemeMode();
  const [drawn, setDrawn] = useState<number>();

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const chart = createChart(element, chartOptions(mode === 'dark' ? 'dark' : 'light', intraday));
    const priceFormat =
      unit === 'percent'
        ? { type: 'custom' as const, formatter: (value: number) => `${value.toFixed(2)} %`, minMove: 0.01 }
        : unit === 'ratio'
          ? { type: 'custom' as const, formatter: (value: number) => value.toFixed(2), minMove: 0.01 }
          : { type: 'custom' as const, formatter: (value: number) => moneyText.format(value), minMove: 1 };
    chart.priceScale('right').applyOptions({ scaleMargins: { top: 0.12, bottom: 0.08 } });
    let count = 0;
    for (const line of lines) {
      const data = points(line);
      if (data.length === 0) continue;
      const series = line.area
        ? chart.addSeries(AreaSeries, {
            lineColor: line.color,
            topColor: `${line.color}00`,
            bottomColor: `${line.color}66`,
            lineWidth: 1,
            priceFormat,
            invertFilledArea: true,
          })
        : chart.addSeries(LineSeries, {
            color: line.color,
            lineWidth: line.dashed ? 1 : 2,
            lineStyle: line.dashed ? LineStyle.Dashed : LineStyle.Solid,
            priceFormat,
            lastValueVisible: true,
            priceLineVisible: false,
          });
      series.setData(data);
      count++;
    }
    chart.timeScale().fitContent();
    setDrawn(count);
    const leave = sync?.add(chart);
    return () => {
      leave?.();
      chart.remove();
      setDrawn(undefined);
    };
  }, [lines, unit, mode, intraday, sync]);

  return (
    <div className="nautilus-report-curve">
      <div className="nautilus-report-legend">
        {lines.map((line) => (
          <span key={line.name} data-testid={`${testId}-legend`} data-series-name={line.name}>
            <i style={{ background: line.color, opacity: line.dashed ? 0.7 : 1 }} />
            {line.name}
          </span>
        ))}
      </div>
      <div
        className="nautilus-report-chart"
        data-testid={testId}
        data-state={drawn === undefined ? 'loading' : 'drawn'}
        data-series={drawn ?? 0}
        style={{ height }}
      >
        <div ref={container} style={{ position: 'absolute', inset: 0 }} />
      </div>
    </div>
  );
}
