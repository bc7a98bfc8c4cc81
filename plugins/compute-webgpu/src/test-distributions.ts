// Reference values for tests, from textbooks rather than from this package's code.

/** z_0.99 = Φ⁻¹(0.99) (Abramowitz & Stegun, table 26.5). */
export const NORMAL_QUANTILE_99 = 2.3263478740408408;

/** Standard normal density. */
export function normalDensity(x: number): number {
  return Math.exp(-(x * x) / 2) / Math.sqrt(2 * Math.PI);
}

/**
 * CDF of Student's t with 5 degrees of freedom, closed form for odd ν (Abramowitz & Stegun 26.7.3):
 * P(|T| ≤ t) = (2/π)·[θ + sin θ·(cos θ + (2/3)·cos³ θ)], θ = atan(t/√5).
 */
export function studentT5Cdf(t: number): number {
  const theta = Math.atan(t / Math.sqrt(5));
  const cos = Math.cos(theta);
  const central = (2 / Math.PI) * (theta + Math.sin(theta) * (cos + (2 / 3) * cos ** 3));
  return 0.5 + central / 2;
}

/** Density of Student's t with 5 degrees of freedom: 8/(3π√5)·(1 + t²/5)^-3. */
export function studentT5Density(t: number): number {
  return (8 / (3 * Math.PI * Math.sqrt(5))) * (1 + (t * t) / 5) ** -3;
}

/** The p-quantile of Student's t with 5 degrees of freedom, by bisection of the closed-form CDF. */
export function studentT5Quantile(p: number): number {
  let low = -100;
  let high = 100;
  for (let step = 0; step < 200; step++) {
    const middle = (low + high) / 2;
    if (studentT5Cdf(middle) < p) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}
