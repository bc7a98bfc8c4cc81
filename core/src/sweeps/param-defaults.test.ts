import { readFileSync } from 'node:fs';
import { describeStrategy } from '@nautilus/runtime';
import { describe, expect, it } from 'vitest';
import { withParamDefaults } from './param-defaults.ts';

const SMA = readFileSync(new URL('../../../runtime/examples/sma-crossover.ts', import.meta.url), 'utf8');

describe('withParamDefaults', () => {
  it('rewrites the declared defaults, leaving the rest of the source alone', async () => {
    const source = withParamDefaults(SMA, { fast: 12, slow: 45 });
    expect(source).toContain("fast: { type: 'integer', default: 12, min: 1, label: 'Fast SMA' }");
    expect(source).toContain("slow: { type: 'integer', default: 45, min: 2, label: 'Slow SMA' }");
    expect(source.replace(/default: (12|45)/g, '')).toBe(SMA.replace(/default: (10|30)/g, ''));
    const described = await describeStrategy({ source });
    expect(described.params.fast?.default).toBe(12);
    expect(described.params.slow?.default).toBe(45);
  });

  it('writes strings quoted and booleans and numbers bare', () => {
    const source =
      "params: { mode: { type: 'string', default: 'a', options: ['a', 'b'] }, on: { type: 'boolean', default: false }, k: { type: 'number', default: 2.5 } }";
    expect(withParamDefaults(source, { mode: 'b', on: true, k: 1.75 })).toBe(
      "params: { mode: { type: 'string', default: 'b', options: ['a', 'b'] }, on: { type: 'boolean', default: true }, k: { type: 'number', default: 1.75 } }",
    );
  });

  it('names a param whose declaration it cannot rewrite', () => {
    expect(() => withParamDefaults('params: { fast: FAST_SPEC }', { fast: 3 })).toThrow(/params\.fast/);
  });
});
