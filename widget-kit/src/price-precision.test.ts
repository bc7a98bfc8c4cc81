import { describe, expect, it } from 'vitest';
import { pricePrecision } from './price-precision.ts';

describe('pricePrecision', () => {
  it('shows as many decimals as the prices are written with', () => {
    expect(pricePrecision([1.08345, 1.0835, 1.08312])).toBe(5);
    expect(pricePrecision([187.25, 187.3, 187.01])).toBe(2);
    expect(pricePrecision([64_012, 64_100])).toBe(0);
    expect(pricePrecision([151.123, 151.2])).toBe(3);
  });

  it('falls back on the magnitude for prices no short decimal writes', () => {
    expect(pricePrecision([Math.PI * 1000])).toBe(2);
    expect(pricePrecision([Math.PI])).toBe(4);
    expect(pricePrecision([Math.PI / 10])).toBe(6);
  });

  it('shows 2 decimals when there is no price at all', () => {
    expect(pricePrecision([Number.NaN])).toBe(2);
  });
});
