import normalPdf from '@stdlib/stats-base-dists-normal-pdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';

/** Return distribution of the parametric and Monte Carlo models; Student-t is scaled to unit variance. */
export type ReturnDistribution = { kind: 'normal' } | { kind: 't'; degreesOfFreedom: number };

/** VaR and ES of a unit-variance, zero-mean loss distribution at one confidence: VaR = quantile·σ, ES = esFactor·σ. */
export interface TailFactors {
  quantile: number;
  esFactor: number;
}

/**
 * Tail factors at confidence c. Normal: z_c and φ(z_c)/(1 - c). Student-t with ν degrees of freedom,
 * rescaled by s = sqrt((ν - 2)/ν) to unit variance: t_c·s and f_ν(t_c)/(1 - c)·(ν + t_c²)/(ν - 1)·s.
 * @example tailFactors(0.99, { kind: 'normal' }) // { quantile: 2.3263…, esFactor: 2.6652… }
 */
export function tailFactors(confidence: number, distribution: ReturnDistribution): TailFactors {
  if (distribution.kind === 'normal') {
    const z = normalQuantile(confidence, 0, 1);
    return { quantile: z, esFactor: normalPdf(z, 0, 1) / (1 - confidence) };
  }
  const nu = distribution.degreesOfFreedom;
  const t = tQuantile(confidence, nu);
  const scale = Math.sqrt((nu - 2) / nu);
  return { quantile: t * scale, esFactor: (studentTDensity(t, nu) / (1 - confidence)) * ((nu + t * t) / (nu - 1)) * scale };
}

/**
 * Density of Student's t for a whole number ν ≥ 1: Γ((ν+1)/2) / (sqrt(νπ)·Γ(ν/2)) · (1 + x²/ν)^(-(ν+1)/2).
 * The gamma ratio follows exactly from Γ(x + 1) = x·Γ(x), starting at ν = 1 (1/sqrt(π)) and ν = 2 (sqrt(π)/2).
 */
export function studentTDensity(x: number, nu: number): number {
  let ratio = nu % 2 === 1 ? 1 / Math.sqrt(Math.PI) : Math.sqrt(Math.PI) / 2;
  for (let v = nu % 2 === 1 ? 1 : 2; v < nu; v += 2) ratio *= (v + 1) / v;
  return (ratio / Math.sqrt(nu * Math.PI)) * (1 + (x * x) / nu) ** (-(nu + 1) / 2);
}
