import { describe, expect, it } from 'vitest';
import { trafficLight } from './index.ts';

describe('trafficLight', () => {
  it('reproduces Basel’s table for 250 days at 99 %: green 0–4, yellow 5–9, red from 10', () => {
    // Basel (1996), cumulative probabilities: 4 → 89.22 %, 5 → 95.88 %, 9 → 99.97 %, 10 → 99.99 %.
    const zones = Array.from({ length: 13 }, (_, x) => trafficLight(x, 250, 0.99));
    expect(zones).toEqual([
      'green',
      'green',
      'green',
      'green',
      'green',
      'yellow',
      'yellow',
      'yellow',
      'yellow',
      'yellow',
      'red',
      'red',
      'red',
    ]);
    expect(trafficLight(4)).toBe('green');
    expect(trafficLight(250)).toBe('red');
  });

  it('scales the zones by binomial probability for other windows and levels', () => {
    // scipy binom.cdf: 500 days at 99 %: P(X ≤ 8) = 0.9329, P(X ≤ 9) = 0.9689, P(X ≤ 14) = 0.99979, P(X ≤ 15) = 0.99994.
    expect([8, 9, 14, 15].map((x) => trafficLight(x, 500, 0.99))).toEqual(['green', 'yellow', 'yellow', 'red']);
    // 250 days at 95 %: P(X ≤ 17) = 0.9212, P(X ≤ 18) = 0.9526, P(X ≤ 26) = 0.99984, P(X ≤ 27) = 0.99993.
    expect([17, 18, 26, 27].map((x) => trafficLight(x, 250, 0.95))).toEqual(['green', 'yellow', 'yellow', 'red']);
  });

  it('rejects an exception count above the number of days', () => {
    expect(() => trafficLight(251, 250, 0.99)).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
  });
});
