import type { OhlcvFrame, Timeframe, Trade, VarMethod } from '@nautilus/sdk';
import type { Services } from '../api/context.ts';
import { loadBars } from '../backtests/load-bars.ts';
import { type BenchmarkSource, riskFromVar, type TearSheetRisk, type TearSheetView, tearSheetView } from './tear-sheet-view.ts';

/** What the caller chooses; everything has a default. */
export interface TearSheetOptions {
  /** Any bars series; default the default bars source's first index instrument (the simulated index), daily. */
  benchmark?: { dataSource?: string | undefined; symbol: string; timeframe?: Timeframe | undefined } | undefined;
  /** Annual, as a fraction; default 0. */
  riskFreeRate?: number | undefined;
  /** VaR / ES of the equity: method of the configured risk plugin (default historical) and confidence (default 0.99). */
  risk?: { method?: VarMethod | undefined; confidence?: number | undefined } | undefined;
}

export type Parts = Pick<Services, 'db' | 'plugins'>;

/** An equity series to read, with what the tear sheet says about where it came from. */
export interface EquitySource {
  time: number[];
  equity: number[];
  /** The level before the first point (initial cash); absent when the series starts at its own base. */
  initialValue?: number | undefined;
  trades: readonly Trade[];
  /** Share of bars holding a position when the owner knows it; else from the trades. */
  exposure?: number | undefined;
  source: string;
  notes: string[];
}

/**
 * The tear sheet of an equity series against a benchmark's bars over the same span, with daily
 * VaR / ES of the equity from the configured risk plugin. A benchmark or model that fails leaves its
 * part empty with the reason; the rest is still served.
 */
export async function equityTearSheet(
  services: Parts,
  series: EquitySource,
  options: TearSheetOptions,
  signal?: AbortSignal,
): Promise<TearSheetView> {
  const benchmarkSource = await resolveBenchmark(services, options.benchmark);
  let benchmark: OhlcvFrame | undefined;
  let benchmarkError: string | undefined;
  const from = series.time[0];
  const to = series.time[series.time.length - 1];
  if (benchmarkSource && from !== undefined && to !== undefined) {
    try {
      benchmark = await loadBars(
        services.plugins,
        { ...benchmarkSource, timeframe: benchmarkSource.timeframe as Timeframe, from: from - 86_400_000, to: to + 1 },
        100_000,
      );
    } catch (error) {
      benchmarkError = `benchmark ${benchmarkSource.symbol}: ${(error as Error).message}`;
    }
  }
  const risk = await equityRisk(services, series, options.risk, signal);
  return tearSheetView(
    {
      equity: { time: series.time, value: series.equity },
      ...(series.initialValue === undefined ? {} : { initialValue: series.initialValue }),
      trades: series.trades,
      ...(series.exposure === undefined ? {} : { exposure: series.exposure }),
      riskFreeRate: options.riskFreeRate ?? 0,
      ...(benchmark ? { benchmark: { time: benchmark.time, value: benchmark.close, name: benchmark.symbol } } : {}),
    },
    { source: series.source, benchmarkSource, ...(benchmarkError ? { benchmarkError } : {}), risk, notes: series.notes },
  );
}

/** The caller's benchmark, or the default bars plugin's first `index` instrument; null when there is none. */
async function resolveBenchmark(services: Parts, chosen: TearSheetOptions['benchmark']): Promise<BenchmarkSource | null> {
  const dataSource = chosen?.dataSource ?? services.plugins.roles.defaultBars;
  if (chosen) return { dataSource, symbol: chosen.symbol, timeframe: chosen.timeframe ?? '1d' };
  const plugin = dataSource.slice(0, dataSource.indexOf('/'));
  try {
    const frames = await services.plugins.query(`${plugin}/instruments`, {
      params: { assetClass: 'index' },
      range: { from: 0, to: Date.now() },
      maxPoints: 1_000,
    });
    const table = frames.find((frame) => frame.kind === 'table');
    const symbol = table?.rows[0]?.[0];
    return typeof symbol === 'string' ? { dataSource, symbol, timeframe: '1d' } : null;
  } catch {
    return null;
  }
}

/** Daily VaR / ES of the equity valued as one position whose price history is the daily equity. */
async function equityRisk(
  services: Parts,
  daily: { time: number[]; equity: number[] },
  options: TearSheetOptions['risk'],
  signal: AbortSignal | undefined,
): Promise<TearSheetRisk | null> {
  const method = options?.method ?? 'historical';
  const confidence = options?.confidence ?? 0.99;
  const last = daily.equity[daily.equity.length - 1];
  if (last === undefined) return null;
  try {
    const model = services.plugins.riskModel(`${services.plugins.roles.riskPlugin}/${method}`);
    const result = await model.compute(
      {
        positions: [{ symbol: 'EQUITY', quantity: 1, price: last }],
        prices: { EQUITY: { time: daily.time, close: daily.equity } },
        confidence,
        horizonDays: 1,
        lookback: Math.min(250, daily.time.length - 1),
      },
      signal ?? new AbortController().signal,
    );
    return riskFromVar(result);
  } catch (error) {
    return {
      method,
      confidence,
      horizonDays: 1,
      var: null,
      es: null,
      varPct: null,
      esPct: null,
      observations: null,
      error: (error as Error).message,
    };
  }
}
