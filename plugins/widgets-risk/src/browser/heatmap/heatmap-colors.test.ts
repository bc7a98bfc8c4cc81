import { describe, expect, it } from 'vitest';
import { colorDomain, colorOf, legendGradient, textColorOn } from './heatmap-colors.ts';

describe('colorDomain', () => {
  it('keeps correlations on the fixed -1..1 scale', () => {
    expect(colorDomain('diverging', [1, 0.43, -0.2, Number.NaN])).toEqual({ min: -1, max: 1 });
    expect(colorDomain('diverging', [0.1, 0.2])).toEqual({ min: -1, max: 1 });
  });

  it('widens a diverging scale symmetrically to the largest magnitude beyond 1', () => {
    expect(colorDomain('diverging', [1200, -3400, 5])).toEqual({ min: -3400, max: 3400 });
  });

  it('runs a sequential scale from 0 to the largest value', () => {
    expect(colorDomain('sequential', [0.1, 0.45, -0.05])).toEqual({ min: 0, max: 0.45 });
    expect(colorDomain('sequential', [-1, Number.NaN])).toEqual({ min: 0, max: 1 });
  });
});

describe('colorOf', () => {
  const unit = { min: -1, max: 1 };

  it('gives blue for -1, near-white for 0 and red for +1', () => {
    expect(colorOf('diverging', unit, -1)).toBe('#2166ac');
    expect(colorOf('diverging', unit, 0)).toBe('#f7f7f7');
    expect(colorOf('diverging', unit, 1)).toBe('#b2182b');
  });

  it('interpolates between stops: 0.25 lies halfway from #f7f7f7 to #ef8a62', () => {
    // (247+239)/2 = 243 = f3, (247+138)/2 = 192.5 → 193 = c1, (247+98)/2 = 172.5 → 173 = ad
    expect(colorOf('diverging', unit, 0.25)).toBe('#f3c1ad');
  });

  it('clamps values outside the domain and has no colour for a missing value', () => {
    expect(colorOf('sequential', { min: 0, max: 10 }, -3)).toBe('#fff5f0');
    expect(colorOf('sequential', { min: 0, max: 10 }, 12)).toBe('#67000d');
    expect(colorOf('sequential', { min: 0, max: 10 }, Number.NaN)).toBeNull();
  });
});

describe('legend and text colours', () => {
  it('lays the stops out evenly in the legend gradient', () => {
    expect(legendGradient('diverging')).toBe(
      'linear-gradient(to right, #2166ac 0%, #67a9cf 25%, #f7f7f7 50%, #ef8a62 75%, #b2182b 100%)',
    );
  });

  it('writes dark text on light cells and white text on dark ones', () => {
    expect(textColorOn('#f7f7f7')).toBe('#1f1f1f');
    expect(textColorOn('#2166ac')).toBe('#ffffff');
    expect(textColorOn('#67000d')).toBe('#ffffff');
  });
});
