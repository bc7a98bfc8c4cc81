import type { LimitFinding } from '@nautilus/sdk';
import type { CompiledLimits, Threshold } from './compile-limits.ts';
import { thresholdFinding } from './format-finding.ts';
import { fillValues, type PreparedVar, prepareVar, varianceBeforeAfter } from './parametric-var.ts';
import type { PortfolioState, VarInputs } from './pre-trade-types.ts';

/** The limits market moves can breach, in the order `measureAccount` writes them. */
export const ACCOUNT_LIMITS = ['maxDailyLoss', 'maxDrawdown', 'maxLeverage', 'maxVar'] as const;

const prepared = new WeakMap<VarInputs, PreparedVar>();
const variance = new Float64Array(2);

/** VaR inputs for a check: the context's (prepared once per object), else the limit's own volatilities. */
export function varInputsFor(limits: CompiledLimits, inputs: VarInputs | undefined): PreparedVar | null {
  if (inputs === undefined) return limits.var?.prepared ?? null;
  let ready = prepared.get(inputs);
  if (ready === undefined) {
    ready = prepareVar(inputs);
    prepared.set(inputs, ready);
  }
  return ready;
}

export function thresholdOf(limits: CompiledLimits, index: number): Threshold | null {
  return index === 0 ? limits.dailyLoss : index === 1 ? limits.drawdown : index === 2 ? limits.leverage : limits.var;
}

/** 0 within, 1 above warn, 2 above hard or not computable (NaN fails closed). */
export function levelOf(value: number, threshold: Threshold): 0 | 1 | 2 {
  return value <= threshold.hard ? (value > threshold.warn ? 1 : 0) : 2;
}

export const drawdownOf = (state: PortfolioState) =>
  state.peakEquity > 0 ? Math.max(0, 1 - state.equity / state.peakEquity) : Number.NaN;

/**
 * Daily loss, drawdown, leverage and VaR of the positions as held (NaN for a limit the set lacks or
 * a value that cannot be computed), into `out[0..3]`. O(n) plus O(n²) for VaR with correlations.
 */
export function measureAccount(
  state: PortfolioState,
  limits: CompiledLimits,
  inputs: VarInputs | undefined,
  out: Float64Array,
): void {
  out[0] = limits.dailyLoss === null ? Number.NaN : state.startOfDayEquity - state.equity;
  out[1] = limits.drawdown === null ? Number.NaN : drawdownOf(state);
  out[2] = Number.NaN;
  out[3] = Number.NaN;
  if (limits.leverage !== null) {
    let gross = 0;
    for (const position of state.positions) if (position.quantity !== 0) gross += Math.abs(position.quantity * position.price);
    out[2] = state.equity > 0 ? gross / state.equity : Number.NaN;
  }
  const varLimit = limits.var;
  if (varLimit !== null) {
    const ready = varInputsFor(limits, inputs);
    if (ready !== null && fillValues(ready, state.positions, -1, 0)) {
      varianceBeforeAfter(ready, -1, 0, variance);
      out[3] = varLimit.z * Math.sqrt(Math.max(0, variance[0]!));
    }
  }
}

/** Why an account measure could not be computed, for its message. */
export function accountWhy(limits: CompiledLimits, index: number, state: PortfolioState, inputs: VarInputs | undefined): string {
  if (index === 1) return 'no positive peak equity';
  if (index === 2) return `equity is ${state.equity}`;
  if (index === 3) {
    const ready = varInputsFor(limits, inputs);
    if (ready === null) return "no volatilities: give maxVar's volatility or the check's var inputs";
    // Fill again: another check may have used the same prepared inputs since measureAccount did.
    fillValues(ready, state.positions, -1, 0);
    return ready.missing ?? 'a position has no price';
  }
  return 'no equity';
}

/** The finding of account measure `index` at `level`, e.g. "maxDrawdown: drawdown from peak equity 12.5 % exceeds hard limit 10 %". */
export function accountFinding(
  limits: CompiledLimits,
  index: number,
  level: 'warn' | 'hard',
  value: number,
  why: string,
  suffix = '',
): LimitFinding {
  const threshold = thresholdOf(limits, index)!;
  const bound = level === 'hard' ? threshold.hard : threshold.warn;
  switch (index) {
    case 0:
      return thresholdFinding('maxDailyLoss', level, bound, value, 'loss today', 'money', undefined, why, suffix);
    case 1:
      return thresholdFinding(
        'maxDrawdown',
        level,
        bound,
        value,
        'drawdown from peak equity',
        'fraction',
        undefined,
        why,
        suffix,
      );
    case 2:
      return thresholdFinding('maxLeverage', level, bound, value, 'leverage', 'ratio', undefined, why, suffix);
    default:
      return thresholdFinding('maxVar', level, bound, value, `one-day ${limits.var!.label} VaR`, 'money', undefined, why, suffix);
  }
}
