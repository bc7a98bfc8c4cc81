import type { Fill, OhlcvFrame, Position, Trade } from '@nautilus/sdk';
import {
  type CandlestickData,
  CandlestickSeries,
  createChart,
  createSeriesMarkers,
  type MouseEventParams,
  type UTCTimestamp,
} from 'lightweight-charts';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useThemeMode } from '../../theme/useThemeMode.ts';
import { chartOptions } from './chart-options.ts';
import type { TimeSync } from './time-sync.ts';
import { MARKER_COLORS, openPosition, type TradeNote, tradeMarkers, tradeNotesAt } from './trade-markers.ts';

interface Hover {
  x: number;
  y: number;
  time: number;
  bar: CandlestickData | undefined;
  notes: TradeNote[];
}

const priceText = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 6 });
const barTime = (ms: number, intraday: boolean) =>
  new Date(ms)
    .toISOString()
    .slice(0, intraday ? 16 : 10)
    .replace('T', ' ');

/**
 * The run's bars as candles with every trade drawn on them: an arrow at each entry and exit (side,
 * size, P&L as text while few). Hovering a bar shows its prices and the trades entered or left on it.
 * A position still open at the end is marked at its entry. `data-markers` is the number of markers
 * the chart holds, read back from lightweight-charts.
 */
export function PriceChart({
  bars,
  trades,
  labelledTrades,
  fills,
  position,
  sync,
  height,
}: {
  bars: OhlcvFrame;
  trades: readonly Trade[];
  /** Up to how many trades the markers carry text (a phone has no room for any). */
  labelledTrades?: number | undefined;
  fills: readonly Fill[];
  /** The position at the end: one still open is marked at the fill that opened it. */
  position: Position;
  sync?: TimeSync | undefined;
  height: number;
}) {
  const container = useRef<HTMLDivElement>(null);
  const { mode } = useThemeMode();
  const [drawn, setDrawn] = useState<{ markers: number } | undefined>();
  const [hover, setHover] = useState<Hover>();
  const intraday = bars.timeframe !== '1d';
  const candles = useMemo(
    () =>
      bars.time.map((time, index) => ({
        time: Math.floor(time / 1000) as UTCTimestamp,
        open: bars.open[index]!,
        high: bars.high[index]!,
        low: bars.low[index]!,
        close: bars.close[index]!,
      })),
    [bars],
  );
  const open = useMemo(() => openPosition(fills, trades, position), [fills, trades, position]);
  const markers = useMemo(() => tradeMarkers(trades, open, labelledTrades), [trades, open, labelledTrades]);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const chart = createChart(element, chartOptions(mode === 'dark' ? 'dark' : 'light', intraday));
    const series = chart.addSeries(CandlestickSeries, {
      upColor: MARKER_COLORS.buy,
      downColor: MARKER_COLORS.sell,
      borderVisible: false,
      wickUpColor: MARKER_COLORS.buy,
      wickDownColor: MARKER_COLORS.sell,
    });
    series.setData(candles);
    const plugin = createSeriesMarkers(
      series,
      markers.map((marker) => ({ ...marker, time: marker.time as UTCTimestamp })),
    );
    chart.timeScale().fitContent();
    setDrawn({ markers: plugin.markers().length });
    const onMove = (event: MouseEventParams) => {
      if (event.time === undefined || event.point === undefined) {
        setHover(undefined);
        return;
      }
      const time = Number(event.time) * 1000;
      setHover({
        x: event.point.x,
        y: event.point.y,
        time,
        bar: event.seriesData.get(series) as CandlestickData | undefined,
        notes: tradeNotesAt(trades, time, open),
      });
    };
    chart.subscribeCrosshairMove(onMove);
    const leave = sync?.add(chart);
    return () => {
      leave?.();
      chart.unsubscribeCrosshairMove(onMove);
      chart.remove();
      setDrawn(undefined);
    };
  }, [candles, markers, trades, open, mode, intraday, sync]);

  const width = container.current?.clientWidth ?? 0;
  return (
    <div
      className="nautilus-report-chart"
      data-testid="price-chart"
      data-state={drawn ? 'drawn' : 'loading'}
      data-markers={drawn?.markers ?? 0}
      data-trades={trades.length}
      data-open-position={open ? 1 : 0}
      data-bars={bars.time.length}
      style={{ height }}
    >
      <div ref={container} style={{ position: 'absolute', inset: 0 }} />
      <div className="nautilus-report-ohlc" aria-live="off">
        <strong>{bars.symbol}</strong> {bars.timeframe}
        {hover?.bar && (
          <span>
            {' '}
            {barTime(hover.time, intraday)} O {priceText.format(hover.bar.open)} H {priceText.format(hover.bar.high)} L{' '}
            {priceText.format(hover.bar.low)} C {priceText.format(hover.bar.close)}
          </span>
        )}
      </div>
      {hover && hover.notes.length > 0 && (
        <div
          className="nautilus-report-tooltip"
          data-testid="trade-tooltip"
          role="tooltip"
          style={{
            top: Math.max(8, Math.min(hover.y + 16, height - 24 - hover.notes.length * 20)),
            ...(hover.x > width / 2 ? { right: Math.max(8, width - hover.x + 16) } : { left: hover.x + 16 }),
          }}
        >
          {hover.notes.map((note) => (
            <div key={`${note.trade}-${note.kind}`} className={note.pnl === null ? '' : note.pnl < 0 ? 'loss' : 'gain'}>
              {note.text}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
