import { describe, expect, it } from 'vitest';
import { riskNextStep } from './risk-problems.ts';

describe('riskNextStep', () => {
  it('suggests a longer lookback or history when there is too little data', () => {
    expect(riskNextStep({ code: 'INSUFFICIENT_DATA', message: 'needs 100 returns', fields: [] })).toMatch(/lookback.*longer/);
  });

  it('asks for positions when the portfolio holds none', () => {
    const problem = { code: 'VALIDATION', message: 'bad', fields: [{ path: 'positions', message: 'holds no positions' }] };
    expect(riskNextStep(problem)).toBe('Add positions to the portfolio and save it.');
    expect(riskNextStep({ ...problem, fields: [{ path: 'confidence', message: 'x' }] })).toBeUndefined();
  });

  it('points at the plugin when a compute kernel is missing', () => {
    const problem = {
      code: 'NOT_FOUND',
      message: 'no kernel',
      fields: [],
      details: { kernel: 'nautilus.compute-webgpu/mc-var' },
    };
    expect(riskNextStep(problem)).toMatch(/admin/);
    expect(riskNextStep({ code: 'NOT_FOUND', message: 'gone', fields: [] })).toBeUndefined();
  });
});
