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
} from './format.ts';

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

  it('writes confidence levels without trailing zeros', () => {
    expect(formatConfidence(0.99)).toBe('99%');
    expect(formatConfidence(0.975)).toBe('97.5%');
  });
});

describe('plain numbers', () => {
  it('fixes the decimals and groups thousands', () => {
    expect(formatNumber(0.4321, 2)).toBe('0.43');
    expect(formatNumber(-12_345.678, 1)).toBe('-12,345.7');
  });

  it('shortens cell values from a million up', () => {
    expect(formatCellNumber(12_345.678, 2)).toBe('12,345.68');
    expect(formatCellNumber(4_560_000, 2)).toBe('4.56M');
  });

  it('writes limit amounts with as many decimals as they need', () => {
    expect(formatAmount(812_300)).toBe('812,300');
    expect(formatAmount(1.5)).toBe('1.5');
    expect(formatAmount(0.021)).toBe('0.021');
  });

  it('shows a dash for missing values', () => {
    expect(formatMoney(Number.NaN, 'USD')).toBe('–');
    expect(formatPercent(Number.POSITIVE_INFINITY)).toBe('–');
    expect(formatAmount(Number.NaN)).toBe('–');
  });
});
