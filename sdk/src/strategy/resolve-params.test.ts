import { describe, expect, it } from 'vitest';
import { checkParamSpecs, isNautilusError, type ParamSpecs, resolveParams } from '../index.ts';

const specs: ParamSpecs = {
  fast: { type: 'integer', default: 10, min: 1, max: 200, label: 'Fast SMA' },
  k: { type: 'number', default: 2, min: 0.5 },
  shortSelling: { type: 'boolean', default: false },
  mode: { type: 'string', default: 'trend', options: ['trend', 'revert'] },
};

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('resolveParams', () => {
  it('fills defaults and keeps given values', () => {
    expect(resolveParams(specs, { fast: 5, mode: 'revert' })).toEqual({ fast: 5, k: 2, shortSelling: false, mode: 'revert' });
    expect(resolveParams(specs)).toEqual({ fast: 10, k: 2, shortSelling: false, mode: 'trend' });
  });

  it('names every bad field and every undeclared name', () => {
    const error = thrown(() => resolveParams(specs, { fast: 2.5, k: 0.1, shortSelling: 'yes', mode: 'chaos', slow: 30 }));
    if (!isNautilusError(error)) throw error;
    expect(error.code).toBe('VALIDATION');
    expect(error.fields).toEqual([
      { path: 'params.slow', message: 'is not declared by the strategy' },
      { path: 'params.fast', message: 'must be a whole number, got 2.5' },
      { path: 'params.k', message: 'must be >= 0.5, got 0.1' },
      { path: 'params.shortSelling', message: "must be true or false, got 'yes'" },
      { path: 'params.mode', message: "must be one of 'trend', 'revert', got 'chaos'" },
    ]);
    expect(error.message).toContain('params.fast: must be a whole number, got 2.5');
  });

  it('refuses values above max and non-finite numbers', () => {
    const error = thrown(() => resolveParams(specs, { fast: 201, k: Number.NaN }));
    if (!isNautilusError(error)) throw error;
    expect(error.fields.map((field) => field.message)).toEqual(['must be <= 200, got 201', 'must be a finite number, got null']);
  });
});

describe('checkParamSpecs', () => {
  it('accepts a sound declaration and no declaration', () => {
    expect(checkParamSpecs(specs)).toEqual([]);
    expect(checkParamSpecs(undefined)).toEqual([]);
  });

  it('reports unknown types, defaults outside their range, inverted ranges and empty options', () => {
    expect(
      checkParamSpecs({
        a: { type: 'float', default: 1 },
        b: { type: 'integer', default: 0, min: 1 },
        c: { type: 'number', default: 5, min: 10, max: 1 },
        d: { type: 'string', default: 'x', options: [] },
        'not valid': { type: 'boolean', default: true },
        e: 3,
      }),
    ).toEqual([
      { path: 'params.a.type', message: "must be 'number', 'integer', 'boolean' or 'string', got 'float'" },
      { path: 'params.b.default', message: 'must be >= 1, got 0' },
      { path: 'params.c.min', message: 'must be <= max (1), got 10' },
      { path: 'params.c.default', message: 'must be >= 10, got 5' },
      { path: 'params.d.options', message: 'must be a non-empty list of strings' },
      { path: 'params.not valid', message: 'must be a valid identifier' },
      { path: 'params.e', message: 'must be an object with a type and a default' },
    ]);
    expect(checkParamSpecs([])).toEqual([{ path: 'params', message: 'must be an object of parameter specs' }]);
  });
});
