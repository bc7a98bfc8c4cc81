import { describe, expect, it } from 'vitest';
import {
  formatAmount,
  formatCellNumber,
  formatCompactMoney,
  formatConfidence,
  formatExactMoney,
  formatMoney,
  formatNumber,
  formatPercent,
  formatSignedMoney,
  formatSignedNumber,
  formatSignedPercent,
  formatUtcTime,
} from './index.ts';

describe('numbers', () => {
  it('groups thousands and fixes the decimals', () => {
    expect(formatNumber(1234567.891, 2)).toBe('1,234,567.89');
    expect(formatNumber(0.5, 0)).toBe('1');
    expect(formatNumber(-1234, 1)).toBe('-1,234.0');
    expect(formatNumber(0.4321, 2)).toBe('0.43');
  });

  it('signs changes, leaving zero unsigned', () => {
    expect(formatSignedNumber(1.234, 2)).toBe('+1.23');
    expect(formatSignedNumber(-1500, 0)).toBe('-1,500');
    expect(formatSignedNumber(0, 2)).toBe('0.00');
  });

  it('shortens cell values from a million up', () => {
    expect(formatCellNumber(12_345.678, 2)).toBe('12,345.68');
    expect(formatCellNumber(4_560_000, 2)).toBe('4.56M');
  });

  it('writes amounts with as many decimals as they need', () => {
    expect(formatAmount(812_300)).toBe('812,300');
    expect(formatAmount(1.5)).toBe('1.5');
    expect(formatAmount(0.021)).toBe('0.021');
  });
});

describe('money', () => {
  it('shows 2 decimals below a million and a compact figure from a million up', () => {
    expect(formatMoney(21_000, 'USD')).toBe('$21,000.00');
    expect(formatMoney(999_999.994, 'USD')).toBe('$999,999.99');
    expect(formatMoney(1_234_567, 'USD')).toBe('$1.23M');
    expect(formatMoney(-2_500_000, 'EUR')).toBe('-€2.5M');
  });

  it('writes currencies without a symbol by their code, joined by a no-break space', () => {
    expect(formatMoney(950, 'CHF')).toBe('CHF\u00a0950.00');
  });

  it('keeps every digit in the exact form', () => {
    expect(formatExactMoney(1_234_567.891, 'USD')).toBe('$1,234,567.89');
  });

  it('signs gains and losses, leaving zero unsigned', () => {
    expect(formatSignedMoney(1200, 'USD')).toBe('+$1,200.00');
    expect(formatSignedMoney(-350.5, 'USD')).toBe('-$350.50');
    expect(formatSignedMoney(0, 'USD')).toBe('$0.00');
    expect(formatSignedMoney(-3_400_000, 'USD')).toBe('-$3.4M');
  });

  it('shortens axis ticks', () => {
    expect(formatCompactMoney(250_000, 'USD')).toBe('$250K');
    expect(formatCompactMoney(0, 'USD')).toBe('$0');
  });
});

describe('percentages', () => {
  it('writes fractions as percentages with 2 decimals', () => {
    expect(formatPercent(0.021)).toBe('2.10%');
    expect(formatPercent(1.2)).toBe('120.00%');
  });

  it('signs changes given in percent, with at most two decimals', () => {
    expect(formatSignedPercent(0.5)).toBe('+0.5%');
    expect(formatSignedPercent(-12.3456)).toBe('-12.35%');
    expect(formatSignedPercent(1234.5)).toBe('+1,234.5%');
  });

  it('writes confidence levels without trailing zeros', () => {
    expect(formatConfidence(0.99)).toBe('99%');
    expect(formatConfidence(0.975)).toBe('97.5%');
  });
});

describe('times', () => {
  it('formats epoch milliseconds in UTC', () => {
    expect(formatUtcTime(Date.UTC(2024, 2, 1, 14, 30, 59))).toBe('2024-03-01 14:30');
    expect(formatUtcTime(Date.UTC(2024, 11, 31), true)).toBe('2024-12-31');
  });
});

it('shows a dash for every missing value', () => {
  expect(formatNumber(Number.NaN, 2)).toBe('–');
  expect(formatSignedNumber(Number.NaN, 2)).toBe('–');
  expect(formatCellNumber(Number.NaN, 2)).toBe('–');
  expect(formatAmount(Number.NaN)).toBe('–');
  expect(formatMoney(Number.NaN, 'USD')).toBe('–');
  expect(formatSignedMoney(Number.NEGATIVE_INFINITY, 'USD')).toBe('–');
  expect(formatPercent(Number.POSITIVE_INFINITY)).toBe('–');
  expect(formatSignedPercent(Number.POSITIVE_INFINITY)).toBe('–');
  expect(formatConfidence(Number.NaN)).toBe('–');
  expect(formatUtcTime(Number.NaN)).toBe('–');
});
