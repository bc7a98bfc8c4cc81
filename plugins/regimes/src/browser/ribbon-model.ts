import { labelRegimes, REGIMES, type RegimeOptions } from '@nautilus/regimes';
import type { OhlcvFrame, TableFrame } from '@nautilus/sdk';

/** Consecutive bars with one label: bars [from, to) of the frame; regime -1 is the unlabelled warm-up. */
export interface RibbonRun {
  from: number;
  to: number;
  regime: number;
}

export interface RibbonModel {
  bars: number;
  runs: RibbonRun[];
  /** Share of the labelled bars in each regime, in `REGIMES` order. */
  shares: number[];
  /** The last bar's regime and its filtered probability; undefined when no bar is labelled. */
  latest: { regime: number; probability: number; time: number } | undefined;
  /** The closes, for the price line above the ribbon. */
  close: readonly number[];
  time: readonly number[];
}

/** Per bar, the regime index (-1 for none) and its probability. */
interface BarLabels {
  label: ArrayLike<number>;
  probability: (t: number) => number;
}

/**
 * The labels a `nautilus.core/regimes` table gives (columns time, regime, probability: one row per
 * bar of the frame, warmed up on bars before the range), or undefined when there is no such table.
 */
function tableLabels(frame: OhlcvFrame, table: TableFrame | undefined): BarLabels | undefined {
  if (!table) return undefined;
  const time = table.columns.findIndex((column) => column.name === 'time');
  const regime = table.columns.findIndex((column) => column.name === 'regime');
  const probability = table.columns.findIndex((column) => column.name === 'probability');
  if (time < 0 || regime < 0 || probability < 0 || table.rows.length !== frame.time.length) return undefined;
  if (table.rows.some((row, t) => row[time] !== frame.time[t])) return undefined;
  const ids = REGIMES.map((entry) => entry.id);
  return {
    label: table.rows.map((row) => ids.indexOf(String(row[regime]))),
    probability: (t) => Number(table.rows[t]![probability]),
  };
}

/**
 * Groups the bars into runs of one regime for drawing: the labels of a regimes table when the query
 * answered one (`nautilus.core/regimes`), else labels computed here from the frame's closes alone.
 */
export function ribbonModel(frame: OhlcvFrame, options: Partial<RegimeOptions>, table?: TableFrame): RibbonModel {
  const labels = tableLabels(frame, table) ?? computedLabels(frame, options);
  const bars = frame.close.length;
  const runs: RibbonRun[] = [];
  const counts = REGIMES.map(() => 0);
  for (let t = 0; t < bars; t++) {
    const regime = labels.label[t]!;
    if (regime >= 0) counts[regime]!++;
    const last = runs.at(-1);
    if (last && last.regime === regime) last.to = t + 1;
    else runs.push({ from: t, to: t + 1, regime });
  }
  const labelled = counts.reduce((sum, count) => sum + count, 0);
  const last = bars - 1;
  const latest =
    bars > 0 && labels.label[last]! >= 0
      ? { regime: labels.label[last]!, probability: labels.probability(last), time: frame.time[last]! }
      : undefined;
  return {
    bars,
    runs,
    shares: counts.map((count) => (labelled ? count / labelled : 0)),
    latest,
    close: frame.close,
    time: frame.time,
  };
}

/**
 * Most bars labelled in the browser: the newest ones, about half a second of work. A 1m chart of
 * 100,000 bars would otherwise hold the page for ten seconds; `nautilus.core/regimes` labels any
 * number on the server.
 */
export const MAX_COMPUTED_BARS = 5_000;

function computedLabels(frame: OhlcvFrame, options: Partial<RegimeOptions>): BarLabels {
  const skipped = Math.max(0, frame.close.length - MAX_COMPUTED_BARS);
  const labels = labelRegimes(frame.close.slice(skipped), options);
  const label = new Int8Array(frame.close.length).fill(-1);
  label.set(labels.label, skipped);
  return { label, probability: (t) => labels.probabilities[(t - skipped) * 6 + label[t]!]! };
}
