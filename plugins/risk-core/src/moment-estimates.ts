import { ewmaCovariance, meanReturns, sampleCovariance } from './covariance.ts';
import type { VarSettings } from './var-settings.ts';

/** The one-day covariance and mean returns a parametric or Monte Carlo estimate uses, and how they were made. */
export interface MomentEstimates {
  covariance: number[][];
  mean: number[];
  description: string;
}

/** Estimates the covariance (sample or EWMA) and the mean (sample or zero) of the window's daily returns. */
export function estimateMoments(rows: readonly (readonly number[])[], settings: VarSettings): MomentEstimates {
  const covariance = settings.covariance === 'ewma' ? ewmaCovariance(rows, settings.lambda) : sampleCovariance(rows);
  const mean = settings.mean === 'zero' ? new Array<number>(rows[0]!.length).fill(0) : meanReturns(rows);
  const estimator =
    settings.covariance === 'ewma' ? `EWMA covariance (λ = ${settings.lambda}, zero-mean)` : 'sample covariance (T - 1)';
  const meanText = settings.mean === 'zero' ? 'mean return set to zero' : 'sample mean returns';
  return { covariance, mean, description: `${estimator} of ${rows.length} daily returns, ${meanText}` };
}

/** 'normal' or 'Student-t (ν = 5)', for notes. */
export function distributionText(settings: VarSettings): string {
  return settings.distribution.kind === 't' ? `Student-t (ν = ${settings.distribution.degreesOfFreedom})` : 'normal';
}

/** How an h-day figure was scaled from one-day moments, for notes. */
export function horizonText(settings: VarSettings): string {
  return settings.horizonDays === 1
    ? 'one-day horizon'
    : `scaled to ${settings.horizonDays} days by sqrt(${settings.horizonDays}) for the volatility and by ${settings.horizonDays} for the mean`;
}
