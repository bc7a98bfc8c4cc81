import { describe, expect, it } from 'vitest';
import { kupiecTest } from './index.ts';

describe('kupiecTest', () => {
  it('rejects 10 exceptions in 250 days at 99 % (hand-computed LR)', () => {
    // ln L0 = 240·ln 0.99 + 10·ln 0.01 = -2.412081 - 46.051702 = -48.463783
    // ln L1 = 240·ln 0.96 + 10·ln 0.04 = -9.797280 - 32.188758 = -41.986038
    // LR = -2·(ln L0 - ln L1) = 12.955491; p = P(χ²₁ > 12.955) = 3.1898e-4 (scipy chi2.sf).
    const result = kupiecTest(10, 250, 0.99);
    expect(result.lr).toBeCloseTo(12.955491062356018, 10);
    expect(result.pValue).toBeCloseTo(0.0003189845082133835, 8);
    expect(result.reject).toBe(true);
  });

  it('handles zero exceptions (0·ln 0 = 0)', () => {
    // LR = -2·250·ln 0.99 = 5.025168; p = 0.024982 (scipy): zero exceptions in 250 days is itself suspicious.
    const result = kupiecTest(0, 250, 0.99);
    expect(result.lr).toBeCloseTo(5.025167926750726, 10);
    expect(result.pValue).toBeCloseTo(0.02498150305344973, 8);
    expect(result.reject).toBe(true);
  });

  it('handles every day an exception', () => {
    // x = T: LR = -2·T·ln p = -2·10·ln 0.01 = 92.103404.
    const result = kupiecTest(10, 10, 0.99);
    expect(result.lr).toBeCloseTo(-20 * Math.log(0.01), 10);
    expect(result.reject).toBe(true);
  });

  it('gives LR = 0 and p = 1 when the exception rate is exactly 1 - c', () => {
    const result = kupiecTest(5, 500, 0.99);
    expect(result.lr).toBeCloseTo(0, 12);
    expect(result.pValue).toBeCloseTo(1, 12);
    expect(result.reject).toBe(false);
  });

  it('accepts 4 exceptions in 250 days at 99 %', () => {
    // ln L0 = 246·ln 0.99 + 4·ln 0.01; ln L1 = 246·ln 0.984 + 4·ln 0.016; LR = 0.7691 (p = 0.3805, scipy).
    const result = kupiecTest(4, 250, 0.99);
    expect(result.lr).toBeCloseTo(
      -2 * (246 * Math.log(0.99) + 4 * Math.log(0.01) - 246 * Math.log(0.984) - 4 * Math.log(0.016)),
      10,
    );
    expect(result.reject).toBe(false);
  });

  it('rejects impossible counts, naming the field', () => {
    expect(() => kupiecTest(11, 10, 0.99)).toThrow(/exceptions/);
    expect(() => kupiecTest(1.5, 10, 0.99)).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    expect(() => kupiecTest(1, 0, 0.99)).toThrow(/days/);
  });
});
