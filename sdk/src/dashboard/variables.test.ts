import { describe, expect, it } from 'vitest';
import { interpolateVariables, referencedVariables } from '../index.ts';

describe('dashboard variables', () => {
  it('replaces $name and ${name} deep inside params, leaving unknown names as written', () => {
    const params = { symbol: '$symbol', label: '${symbol} on ${tf}s', nested: [{ x: '$missing' }], n: 3 };
    expect(interpolateVariables(params, { symbol: 'SIM:AAPL', tf: '1h' })).toEqual({
      symbol: 'SIM:AAPL',
      label: 'SIM:AAPL on 1hs',
      nested: [{ x: '$missing' }],
      n: 3,
    });
  });
  it('lists each referenced name once', () => {
    expect(referencedVariables({ a: '$x', b: ['${x}', '$y'] }).sort()).toEqual(['x', 'y']);
  });
});
