import { NautilusError, type PriceSeries } from '@nautilus/sdk';
import type { PluginHost } from '../plugins/plugin-host.ts';

const DAY_MS = 86_400_000;

/**
 * Daily closes of each symbol from a bar data source, enough for `bars` returns before `asOf`: the
 * range asked for is 1.5 calendar days per bar (about 252 trading days a year) plus a margin, and the
 * risk model aligns the series and keeps the last `lookback`.
 */
export async function loadDailyCloses(
  host: PluginHost,
  dataSource: string,
  symbols: string[],
  bars: number,
  asOf: number,
): Promise<Record<string, PriceSeries>> {
  const days = Math.ceil(bars * 1.5 + 14);
  const range = { from: asOf - days * DAY_MS, to: asOf };
  const entries = await Promise.all(
    symbols.map(async (symbol, index) => {
      let frames: Awaited<ReturnType<PluginHost['query']>>;
      try {
        frames = await host.query(dataSource, { params: { symbol, timeframe: '1d' }, range, maxPoints: days + 1 });
      } catch (error) {
        if (error instanceof NautilusError && error.code === 'VALIDATION') {
          throw NautilusError.validation('portfolio', [
            { path: `positions[${index}].symbol`, message: `${dataSource} has no daily bars for ${symbol}: ${error.message}` },
          ]);
        }
        throw error;
      }
      const frame = frames.find((item) => item.kind === 'ohlcv');
      if (frame?.kind !== 'ohlcv' || frame.close.length === 0) {
        throw new NautilusError(
          'INSUFFICIENT_DATA',
          `${dataSource} returned no daily bars for ${symbol} before ${new Date(asOf).toISOString().slice(0, 10)}`,
          {
            fields: [{ path: `positions[${index}].symbol`, message: 'no prices' }],
          },
        );
      }
      // A bar still forming is not a close yet.
      const closed = frame.forming ? frame.close.length - 1 : frame.close.length;
      return [symbol, { time: frame.time.slice(0, closed), close: frame.close.slice(0, closed) }] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/** Asset class per symbol from the bar source's plugin's `instruments` table, when it has one. */
export async function loadAssetClasses(host: PluginHost, dataSource: string): Promise<Record<string, string>> {
  const instrumentsRef = `${dataSource.slice(0, dataSource.lastIndexOf('/'))}/instruments`;
  if (!host.dataSources().some((source) => source.ref === instrumentsRef)) return {};
  const [frame] = await host.query(instrumentsRef, { params: {}, range: { from: 0, to: Date.now() }, maxPoints: 10_000 });
  if (frame?.kind !== 'table') return {};
  const symbol = frame.columns.findIndex((column) => column.name === 'symbol');
  const assetClass = frame.columns.findIndex((column) => column.name === 'assetClass');
  if (symbol < 0 || assetClass < 0) return {};
  return Object.fromEntries(frame.rows.map((row) => [String(row[symbol]), String(row[assetClass])]));
}
