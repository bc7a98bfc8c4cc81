import { describe, expect, it } from 'vitest';
import { formatMetric, heatColor, metricHover, metricTone, monthlyHeatmap, tearSheetComparison } from './tear-sheet-model.ts';

describe('tear sheet model', () => {
  it('formats each unit as the table reads it', () => {
    expect(formatMetric({ value: 0.12345, unit: 'fraction' })).toBe('12.35 %');
    expect(formatMetric({ value: 1.234, unit: 'ratio' })).toBe('1.23');
    expect(formatMetric({ value: 3 * 86_400_000, unit: 'ms' })).toBe('3.0 days');
    expect(formatMetric({ value: Date.parse('2024-03-05T21:00:00Z'), unit: 'time' })).toBe('2024-03-05');
    expect(formatMetric({ value: -1234.5, unit: 'currency' })).toBe('-1,234.50');
    expect(formatMetric({ value: null, unit: 'ratio' })).toBe('—');
  });

  it('puts the formula and conventions in the hover text, and why a figure is missing', () => {
    expect(metricHover({ formula: 'stdev(r) × √P', conventions: 'P = 252', value: 0.2 })).toBe('stdev(r) × √P\nP = 252');
    expect(metricHover({ formula: 'f', conventions: 'c', value: null })).toMatch(/^f\nc\nUndefined/);
  });

  it('colours signed figures only', () => {
    expect(metricTone({ id: 'sharpe', value: -0.5 })).toBe('down');
    expect(metricTone({ id: 'totalReturn', value: 0.1 })).toBe('up');
    expect(metricTone({ id: 'volatility', value: 0.2 })).toBeUndefined();
  });

  it('lays monthly returns out as years × twelve months with the year’s return', () => {
    const rows = monthlyHeatmap(
      [
        { year: 2024, month: 2, return: 0.01 },
        { year: 2023, month: 12, return: -0.02 },
      ],
      [
        { year: 2023, return: -0.02 },
        { year: 2024, return: 0.01 },
      ],
    );
    expect(rows.map((row) => row.year)).toEqual([2023, 2024]);
    expect(rows[0]!.months[11]).toBe(-0.02);
    expect(rows[1]!.months.filter((value) => value !== null)).toEqual([0.01]);
    expect(rows[1]!.total).toBe(0.01);
  });

  it('shades gains green and losses red, stronger for larger moves', () => {
    expect(heatColor(0.05, 0.05)).toBe('rgba(38, 166, 154, 0.70)');
    expect(heatColor(-0.025, 0.05)).toBe('rgba(239, 83, 80, 0.41)');
    expect(heatColor(null, 0.05)).toBeUndefined();
  });
});

describe('tear sheet comparison', () => {
  it('lines runs up by metric, a dash where a run has no sheet, dates left out', () => {
    const metric = (id: string, value: number | null, unit: 'ratio' | 'time' = 'ratio') => ({
      id,
      group: 'ratios' as const,
      label: id,
      value,
      unit,
      formula: `${id} formula`,
      conventions: 'P = 252',
    });
    const rows = tearSheetComparison(
      ['a', 'b', 'c'],
      [
        { metrics: [metric('sharpe', 1.5), metric('maxDrawdownStart', 0, 'time')] },
        { metrics: [metric('sharpe', null)] },
        undefined,
      ],
    );
    expect(rows).toEqual([
      { key: 'sharpe', label: 'sharpe', hover: 'sharpe formula\nP = 252', values: { a: '1.50', b: '—', c: '—' } },
    ]);
  });
});
