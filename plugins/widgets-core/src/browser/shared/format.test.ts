import { describe, expect, it } from 'vitest';
import { formatNumber, formatSignedNumber, formatSignedPercent, formatUtcTime } from './format.ts';

describe('number formatting', () => {
  it('groups thousands and fixes the decimals', () => {
    expect(formatNumber(1234567.891, 2)).toBe('1,234,567.89');
    expect(formatNumber(0.5, 0)).toBe('1');
    expect(formatNumber(-1234, 1)).toBe('-1,234.0');
  });

  it('signs changes, leaving zero unsigned', () => {
    expect(formatSignedNumber(1.234, 2)).toBe('+1.23');
    expect(formatSignedNumber(-1500, 0)).toBe('-1,500');
    expect(formatSignedNumber(0, 2)).toBe('0.00');
  });

  it('shows percentages with at most two decimals', () => {
    expect(formatSignedPercent(0.5)).toBe('+0.5%');
    expect(formatSignedPercent(-12.3456)).toBe('-12.35%');
  });

  it('shows a dash for missing values', () => {
    expect(formatNumber(Number.NaN, 2)).toBe('–');
    expect(formatSignedPercent(Number.POSITIVE_INFINITY)).toBe('–');
  });
});

describe('formatUtcTime', () => {
  it('formats epoch milliseconds in UTC', () => {
    expect(formatUtcTime(Date.UTC(2024, 2, 1, 14, 30, 59))).toBe('2024-03-01 14:30');
    expect(formatUtcTime(Date.UTC(2024, 11, 31), true)).toBe('2024-12-31');
  });
});
