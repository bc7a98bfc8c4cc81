import type { ComputeBackendChoice, FieldIssue, VarBacktestRequest, VarRequest } from '@nautilus/sdk';
import { NautilusError } from '@nautilus/sdk';
import { checkPositions } from './check-positions.ts';
import { shown } from './field-error.ts';
import type { ReturnDistribution } from './tail-factors.ts';
import { readOptions } from './var-options.ts';

/** A checked VaR request's parameters, with every option resolved to its value or default. */
export interface VarSettings {
  confidence: number;
  horizonDays: number;
  lookback: number;
  /** Covariance estimator of the parametric and Monte Carlo models. */
  covariance: 'sample' | 'ewma';
  lambda: number;
  /** 'zero' drops the mean return from VaR and ES, as RiskMetrics does. */
  mean: 'sample' | 'zero';
  distribution: ReturnDistribution;
  /** Historical only: scale one-day figures by sqrt(h), or use overlapping h-day returns. */
  horizonMethod: 'sqrt' | 'overlapping';
  paths: number;
  /** Monte Carlo paths per day of a backtest, fewer than `paths` so 250 re-estimations stay fast. */
  backtestPaths: number;
  seed: number;
  backend: ComputeBackendChoice;
}

export interface BacktestSettings extends VarSettings {
  window: number;
}

/** Checks a VaR request's fields and options; throws one VALIDATION error listing every bad field. */
export function checkVarRequest(request: VarRequest): VarSettings {
  const issues: FieldIssue[] = [];
  const settings = readSettings(request, issues);
  if (issues.length > 0) throw NautilusError.validation('VaR request', issues);
  return settings;
}

/** Checks a VaR backtest request: the VaR request's rules plus a whole `window` ≥ 1. */
export function checkBacktestRequest(request: VarBacktestRequest): BacktestSettings {
  const issues: FieldIssue[] = [];
  const settings = readSettings(request, issues);
  const window = request.window;
  if (!Number.isInteger(window) || window < 1)
    issues.push({ path: 'window', message: `must be a whole number of days >= 1, got ${shown(window)}` });
  if (issues.length > 0) throw NautilusError.validation('VaR backtest request', issues);
  return { ...settings, window };
}

function readSettings(request: VarRequest, issues: FieldIssue[]): VarSettings {
  if (request === null || typeof request !== 'object') {
    issues.push({ path: '', message: `must be an object, got ${shown(request)}` });
    return defaults(0.99, 1, 2);
  }
  checkPositions(request.positions, request.prices, issues);
  const { confidence, horizonDays, lookback } = request;
  if (typeof confidence !== 'number' || !(confidence > 0.5 && confidence < 1)) {
    issues.push({
      path: 'confidence',
      message: `must be a number strictly between 0.5 and 1 (e.g. 0.99), got ${shown(confidence)}`,
    });
  }
  if (!Number.isInteger(horizonDays) || horizonDays < 1 || horizonDays > 250) {
    issues.push({ path: 'horizonDays', message: `must be a whole number of days from 1 to 250, got ${shown(horizonDays)}` });
  }
  if (!Number.isInteger(lookback) || lookback < 2) {
    issues.push({ path: 'lookback', message: `must be a whole number of returns >= 2, got ${shown(lookback)}` });
  }
  const settings = defaults(confidence, horizonDays, lookback);
  readOptions(request.options, settings, issues);
  return settings;
}

function defaults(confidence: number, horizonDays: number, lookback: number): VarSettings {
  return {
    confidence,
    horizonDays,
    lookback,
    covariance: 'sample',
    lambda: 0.94,
    mean: 'sample',
    distribution: { kind: 'normal' },
    horizonMethod: 'sqrt',
    paths: 100_000,
    backtestPaths: 10_000,
    seed: 1,
    backend: 'auto',
  };
}
