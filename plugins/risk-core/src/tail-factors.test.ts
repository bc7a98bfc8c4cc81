import { describe, expect, it } from 'vitest';
import { studentTDensity, tailFactors } from './tail-factors.ts';

// Reference values from scipy 1.17: norm.ppf(0.99), norm.pdf(z)/0.01, t.ppf(0.99, 5)·sqrt(3/5),
// and the unit-variance t(5) ES by numerical integration of x·t.pdf(x, 5) over the tail, times sqrt(3/5).
describe('tailFactors', () => {
  it('gives z and φ(z)/(1 - c) for the normal', () => {
    expect(tailFactors(0.99, { kind: 'normal' }).quantile).toBeCloseTo(2.3263478740408408, 12);
    expect(tailFactors(0.99, { kind: 'normal' }).esFactor).toBeCloseTo(2.665214220345808, 12);
    expect(tailFactors(0.95, { kind: 'normal' }).quantile).toBeCloseTo(1.6448536269514722, 12);
    expect(tailFactors(0.95, { kind: 'normal' }).esFactor).toBeCloseTo(2.0627128075074275, 12);
  });

  it('gives the unit-variance Student-t quantile and ES', () => {
    const t5 = tailFactors(0.99, { kind: 't', degreesOfFreedom: 5 });
    expect(t5.quantile).toBeCloseTo(2.606463569384279, 10);
    expect(t5.esFactor).toBeCloseTo(3.4488367600480188, 8);
  });

  it('approaches the normal as the degrees of freedom grow', () => {
    const t = tailFactors(0.99, { kind: 't', degreesOfFreedom: 1000 });
    expect(t.quantile).toBeCloseTo(2.3263, 2);
    expect(t.esFactor).toBeCloseTo(2.6652, 2);
  });
});

describe('studentTDensity', () => {
  it('matches known densities', () => {
    // ν = 1 is the Cauchy density 1/(π(1 + x²)); ν = 2 is (2 + x²)^(-3/2); at 0 for ν = 5: scipy t.pdf(0, 5).
    expect(studentTDensity(0.7, 1)).toBeCloseTo(1 / (Math.PI * 1.49), 14);
    expect(studentTDensity(1.3, 2)).toBeCloseTo((2 + 1.69) ** -1.5, 14);
    expect(studentTDensity(0, 5)).toBeCloseTo(0.3796066898224944, 14);
  });
});
