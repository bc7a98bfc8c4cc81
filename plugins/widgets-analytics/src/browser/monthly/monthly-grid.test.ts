import type { TableFrame } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { divergingColor, textColorOn } from '../shared/diverging-color.ts';
import { MONTHS, monthlyGrid } from './monthly-grid.ts';

const table = (rows: (string | number | null)[][]): TableFrame => ({
  kind: 'table',
  columns: [
    { name: 'Year', type: 'string' },
    ...MONTHS.map((name) => ({ name, type: 'number' as const, unit: '%' })),
    { name: 'Year total', type: 'number', unit: '%' },
  ],
  rows,
});

describe('monthly grid', () => {
  it('reads years × months with gaps, one bound for every month and another for the yearly totals', () => {
    const grid = monthlyGrid(
      table([
        ['2022', null, null, 1.5, -4, 2, 0, 0, 0, 0, 0, 0, 0, -0.6],
        ['2023', 3, -2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7.25, 8.3],
      ]),
    );
    expect(grid.years.map((year) => year.year)).toEqual(['2022', '2023']);
    expect(grid.years[0]!.months.slice(0, 4)).toEqual([null, null, 1.5, -4]);
    expect(grid.monthBound).toBe(7.25);
    expect(grid.yearBound).toBe(8.3);
  });

  it('names the missing columns when the table is not monthly returns', () => {
    const wrong: TableFrame = { kind: 'table', columns: [{ name: 'Year', type: 'string' }], rows: [['2022']] };
    expect(() => monthlyGrid(wrong)).toThrow(/missing Jan, Feb, .*Dec, Year total/);
  });
});

describe('diverging colour', () => {
  it('is near-white at 0, full red at −bound, full green at +bound and half-way in between, clamped beyond', () => {
    expect(divergingColor(0, 5)).toBe('#f7f7f7');
    expect(divergingColor(-5, 5)).toBe('#d73027');
    expect(divergingColor(9, 5)).toBe('#1a9850');
    // Half-way from (247,247,247) to (215,48,39): (231,147.5,143) → e7 94 8f.
    expect(divergingColor(-2.5, 5)).toBe('#e7948f');
    expect(divergingColor(3, 0)).toBe('#f7f7f7');
  });

  it('picks the text of higher WCAG contrast: white on full red, dark on full green and near 0', () => {
    // By hand: L(#d73027) ≈ 0.167 → white 4.8:1 vs dark 3.4:1; L(#1a9850) ≈ 0.233 → white 3.7:1 vs dark 4.4:1.
    expect(textColorOn('#d73027')).toBe('#ffffff');
    expect(textColorOn('#1a9850')).toBe('#1f1f1f');
    expect(textColorOn('#f7f7f7')).toBe('#1f1f1f');
  });
});
