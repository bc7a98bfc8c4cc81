import type { OhlcvFrame } from '@nautilus/sdk';
import { buyAndHoldCurve, normaliseCurve } from './buy-and-hold.ts';
import type { ChartLine } from './CurveChart.tsx';
import { BUY_AND_HOLD_COLOR, SERIES_COLORS } from './chart-options.ts';
import { paramsText, runName } from './run-label.ts';

/** What overlaying a run needs of a `backtests.compare` answer with curves. */
export interface CurveRun {
  id: string;
  number: number;
  dataSource: string;
  symbol: string;
  timeframe: string;
  from: number;
  to: number;
  params: Record<string, unknown>;
  initialCash?: number | undefined;
  curve?: { time: number[]; equity: number[] } | null | undefined;
}

const instrumentKey = (run: CurveRun) => `${run.dataSource}|${run.symbol}|${run.timeframe}`;

/**
 * For each instrument of the compared runs, the run whose bars give its buy & hold: the one that
 * starts first (the longest history), so holding is drawn over every run's period.
 */
export function buyAndHoldSources(runs: readonly CurveRun[]): CurveRun[] {
  const first = new Map<string, CurveRun>();
  for (const run of runs) {
    const current = first.get(instrumentKey(run));
    if (!current || run.from < current.from || (run.from === current.from && run.to > current.to))
      first.set(instrumentKey(run), run);
  }
  return [...first.values()];
}

/**
 * The comparison chart's lines, all as percent gained since their start: each run's equity over its
 * initial cash, then buy & hold of each instrument (dashed, grey) from the bars given per run id.
 */
export function comparisonLines(
  runs: readonly CurveRun[],
  barsByRun: ReadonlyMap<string, Pick<OhlcvFrame, 'time' | 'open' | 'close'>>,
): ChartLine[] {
  const lines: ChartLine[] = runs
    .filter((run) => run.curve && run.initialCash)
    .map((run, index) => ({
      ...normaliseCurve(
        { name: `${runName(run)} (${paramsText(run.params)})`, time: run.curve!.time, values: run.curve!.equity },
        run.initialCash!,
      ),
      color: SERIES_COLORS[index % SERIES_COLORS.length]!,
    }));
  const sources = buyAndHoldSources(runs);
  for (const source of sources) {
    const bars = barsByRun.get(source.id);
    if (!bars) continue;
    const name = sources.length > 1 ? `Buy & hold ${source.symbol} ${source.timeframe}` : 'Buy & hold';
    lines.push({ ...normaliseCurve({ ...buyAndHoldCurve(bars, 1), name }, 1), color: BUY_AND_HOLD_COLOR, dashed: true });
  }
  return lines;
}
