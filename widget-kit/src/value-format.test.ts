import { describe, expect, it } from 'vitest';
import { formatChange, formatValue, formatVolume, valueDecimals, valuePriceFormat } from './index.ts';

describe('values on charts, legends and tiles', () => {
  it('groups thousands in prices and keeps their decimals', () => {
    expect(formatValue(43_250.5, 2)).toBe('43,250.50');
    expect(formatValue(1.08345, 5)).toBe('1.08345');
    expect(formatValue(1_234_567.891, 2)).toBe('1,234,567.89');
  });

  it('rounds percentages to 2 decimals and attaches the sign', () => {
    expect(formatValue(-26.3494, valueDecimals([-26.3494, -3.1], '%'), '%')).toBe('-26.35%');
    expect(formatValue(12.5, valueDecimals([12.5], 'percent'), 'percent')).toBe('12.50%');
  });

  it('writes other units after a space', () => {
    expect(formatValue(1500, 0, 'USD')).toBe('1,500 USD');
  });

  it('picks the decimals a series is written with when it is no percentage', () => {
    expect(valueDecimals([187.25, 187.3])).toBe(2);
    expect(valueDecimals([1.08345, 1.0835])).toBe(5);
  });

  it('writes volumes whole, compact from a million up', () => {
    expect(formatVolume(12_345.4)).toBe('12,345');
    expect(formatVolume(4_560_000)).toBe('4.56M');
    expect(formatVolume(0)).toBe('0');
  });

  it('writes a change against the previous close with its percentage', () => {
    // 101.25 − 100 = +1.25, 1.25 / 100 = +1.25 %
    expect(formatChange(101.25, 100, 2)).toBe('+1.25 (+1.25%)');
    // 9,800 − 10,000 = −200, −200 / 10,000 = −2 %
    expect(formatChange(9_800, 10_000, 2)).toBe('-200.00 (-2.00%)');
    expect(formatChange(5, 0, 2)).toBe('+5.00');
    expect(formatChange(100, 100, 2)).toBe('0.00 (0.00%)');
  });

  it('gives chart axes the same formatter', () => {
    const format = valuePriceFormat(2, '%');
    expect(format.minMove).toBe(0.01);
    expect(format.formatter(-26.3494)).toBe('-26.35%');
    expect(valuePriceFormat(2).formatter(64_012.5)).toBe('64,012.50');
  });

  it('shows a dash for a missing value', () => {
    expect(formatValue(Number.NaN, 2)).toBe('–');
    expect(formatVolume(Number.POSITIVE_INFINITY)).toBe('–');
    expect(formatChange(1, Number.NaN, 2)).toBe('–');
  });
});
