import { requireTail } from './tail-count.ts';

type Rows = readonly (readonly number[])[];

export interface HistoricalInput {
  /** One row of asset returns per past scenario (one-day, or h-day when overlapping). */
  scenarios: Rows;
  /** Money exposed to each asset (signed). */
  exposures: readonly number[];
  confidence: number;
  /** Factor on the scenario P&Ls: sqrt(h) to scale one-day scenarios to h days, 1 for h-day scenarios. */
  scale: number;
}

export interface HistoricalVar {
  var: number;
  es: number;
  /** k, the number of scenarios in the tail. */
  tailCount: number;
  /** Index (into `scenarios`) of the k-th worst scenario, the one that sets VaR. */
  varScenario: number;
  /** Portfolio P&L of every scenario (scaled), in scenario order. */
  pnl: number[];
  /** dVaR/d(exposure_i): minus asset i's return on the VaR scenario (scaled). */
  marginal: number[];
  /** exposure_i × marginal_i: each asset's loss on the VaR scenario; they sum to VaR. */
  component: number[];
}

/**
 * Historical-simulation VaR and ES: today's exposures revalued on each past scenario; VaR is the
 * k-th worst P&L with k = ceil((1 - c)·T) (integer arithmetic), ES the mean of the k worst.
 * Components are the assets' losses on that single k-th worst scenario, so they add up to VaR
 * exactly; being one draw, they are noisier than parametric components.
 * Throws INSUFFICIENT_DATA when T < 1/(1 - c).
 */
export function historicalVar(input: HistoricalInput): HistoricalVar {
  const { scenarios, exposures, scale } = input;
  const k = requireTail(input.confidence, scenarios.length, 'Historical VaR');
  const pnl = scenarios.map((row) => scale * row.reduce((sum, r, i) => sum + exposures[i]! * r, 0));
  // Ties go to the earlier scenario, so the VaR scenario does not depend on the sort's stability.
  const order = pnl.map((_, t) => t).sort((a, b) => pnl[a]! - pnl[b]! || a - b);
  const varScenario = order[k - 1]!;
  let tailSum = 0;
  for (let j = 0; j < k; j++) tailSum += pnl[order[j]!]!;
  const marginal = scenarios[varScenario]!.map((r) => -scale * r);
  return {
    var: -pnl[varScenario]!,
    es: -tailSum / k,
    tailCount: k,
    varScenario,
    pnl,
    marginal,
    component: marginal.map((m, i) => exposures[i]! * m),
  };
}

/** Historical VaR of `value` held alone in one asset, from that asset's scenario returns. */
export function standaloneHistoricalVar(
  value: number,
  assetReturns: readonly number[],
  confidence: number,
  scale: number,
): number {
  if (value === 0) return 0;
  const k = requireTail(confidence, assetReturns.length, 'Historical VaR');
  const ascending = [...assetReturns].sort((a, b) => a - b);
  // A long loses most on the k-th lowest return, a short on the k-th highest.
  const worst = value > 0 ? ascending[k - 1]! : ascending[ascending.length - k]!;
  return -value * worst * scale;
}
