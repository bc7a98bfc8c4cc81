import { tearSheet as computeTearSheet, type TearSheet, type TearSheetInput } from '@nautilus/analytics';
import type { VarResult } from '@nautilus/sdk';
import { downsampleIndices } from '../backtests/downsample.ts';

/** Points per series a tear sheet sends; the figures are always computed from the full series. */
export const TEAR_SHEET_SERIES_POINTS = 2_000;

/** What a benchmark was and where its bars came from. */
export interface BenchmarkSource {
  dataSource: string;
  symbol: string;
  timeframe: string;
}

/** Daily VaR and ES of the equity from the configured risk plugin's model, or why there is none. */
export interface TearSheetRisk {
  method: string;
  confidence: number;
  horizonDays: 1;
  /** Money and fractions of the last equity; null with `error` when the model could not compute. */
  var: number | null;
  es: number | null;
  varPct: number | null;
  esPct: number | null;
  observations: number | null;
  error?: string;
}

/** A tear sheet as the API sends it: series downsampled to TEAR_SHEET_SERIES_POINTS, plus risk and sources. */
export type TearSheetView = TearSheet & {
  /** What the equity was read from, e.g. 'daily closes of 252 bars'. */
  source: string;
  benchmarkSource: BenchmarkSource | null;
  /** Why there is no benchmark (its bars could not be loaded), when one was asked for. */
  benchmarkError?: string;
  risk: TearSheetRisk | null;
  notes: string[];
};

/** Computes a tear sheet and shrinks its series for the wire. */
export function tearSheetView(input: TearSheetInput, extra: Omit<TearSheetView, keyof TearSheet>): TearSheetView {
  const sheet = computeTearSheet(input);
  const pick = <T>(values: T[], indices: number[]) => indices.map((index) => values[index] as T);
  const drawdownAt = downsampleIndices(sheet.drawdown.time.length, [sheet.drawdown.series], TEAR_SHEET_SERIES_POINTS);
  const rollingAt = downsampleIndices(sheet.rolling.time.length, [sheet.rolling.volatility], TEAR_SHEET_SERIES_POINTS);
  const benchmark = sheet.benchmark;
  const benchmarkAt = benchmark
    ? downsampleIndices(benchmark.time.length, [benchmark.strategy, benchmark.rebased], TEAR_SHEET_SERIES_POINTS)
    : [];
  return {
    ...sheet,
    drawdown: {
      time: pick(sheet.drawdown.time, drawdownAt),
      series: pick(sheet.drawdown.series, drawdownAt),
      periods: sheet.drawdown.periods.slice(0, 10),
    },
    rolling: {
      window: sheet.rolling.window,
      time: pick(sheet.rolling.time, rollingAt),
      volatility: pick(sheet.rolling.volatility, rollingAt),
      sharpe: pick(sheet.rolling.sharpe, rollingAt),
    },
    benchmark: benchmark && {
      ...benchmark,
      time: pick(benchmark.time, benchmarkAt),
      strategy: pick(benchmark.strategy, benchmarkAt),
      rebased: pick(benchmark.rebased, benchmarkAt),
    },
    ...extra,
  };
}

/** The tear sheet's risk block from a model's result (the equity valued as one position). */
export function riskFromVar(result: VarResult): TearSheetRisk {
  return {
    method: result.method,
    confidence: result.confidence,
    horizonDays: 1,
    var: result.var,
    es: result.es,
    varPct: result.varPct,
    esPct: result.esPct,
    observations: result.alignment.observations,
  };
}
