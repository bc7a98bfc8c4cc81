import type { VarSettings } from './var-settings.ts';

/** The daily returns one VaR estimate reads, for today's exposures. */
export interface EstimationWindow {
  assets: readonly string[];
  /** Money exposed to each asset (signed). */
  exposures: readonly number[];
  /** Daily returns, oldest first, one column per asset: the last `returnsRead(settings)` available. */
  rows: readonly (readonly number[])[];
}

/** One method's VaR and ES with their attribution per asset. */
export interface VarEstimate {
  var: number;
  es: number;
  /** dVaR/d(exposure) per asset; exposure × marginal sums to VaR over the assets. */
  marginal: number[];
  /** VaR of `value` held alone in asset `asset`. */
  standalone(value: number, asset: number): number;
  /** Returns (or scenarios) the estimate rests on, for the alignment report. */
  observations: number;
  notes: string[];
  paths?: number;
  backend?: string;
  standardError?: number;
}

/** What differs between the parametric, historical and Monte Carlo models; the rest is shared. */
export interface VarMethod {
  id: string;
  /** Human name for messages, e.g. 'Historical VaR'. */
  name: string;
  /** How many daily returns one estimate reads. */
  returnsRead(settings: VarSettings): number;
  estimate(window: EstimationWindow, settings: VarSettings, signal: AbortSignal): Promise<VarEstimate>;
}
