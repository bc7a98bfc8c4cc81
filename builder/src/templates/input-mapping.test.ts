import { describe, expect, it } from 'vitest';
import type { DataSourceInfo } from '../api/types.ts';
import { changedMapping, inputDefaults, mappingIssue, sourcesFor, type TemplateInput } from './input-mapping.ts';

const sources = [
  { ref: 'nautilus.sim-market/bars', name: 'Simulated bars', frames: ['ohlcv'] },
  { ref: 'nautilus.sim-market/instruments', name: 'Simulated instruments', frames: ['table'] },
  { ref: 'nautilus.core/bars', name: 'Bars', frames: ['ohlcv'] },
] as unknown as DataSourceInfo[];
const bars: TemplateInput & { type: 'dataSource' } = {
  type: 'dataSource',
  name: 'bars',
  label: 'Bars',
  frames: ['ohlcv'],
  default: 'nautilus.sim-market/bars',
};
const symbol: TemplateInput = { type: 'variable', name: 'symbol', label: 'Stock', default: 'SIM:AAPL' };

describe('input mapping', () => {
  it('offers the sources that return a frame the input needs', () => {
    expect(sourcesFor(bars, sources).map((option) => option.value)).toEqual(['nautilus.sim-market/bars', 'nautilus.core/bars']);
    expect(sourcesFor({ ...bars, frames: [] }, sources)).toHaveLength(3);
  });

  it("keeps the template's own source pickable when it is not installed", () => {
    const foreign = { ...bars, default: 'acme.feeds/bars', label: 'Acme bars' };
    expect(sourcesFor(foreign, sources)[0]).toEqual({
      value: 'acme.feeds/bars',
      label: 'Acme bars (acme.feeds/bars, not installed)',
    });
  });

  it('sends only what differs from the defaults', () => {
    const inputs = [bars, symbol];
    expect(changedMapping(inputs, inputDefaults(inputs))).toEqual({});
    expect(changedMapping(inputs, { bars: 'nautilus.core/bars', symbol: 'SIM:AAPL' })).toEqual({ bars: 'nautilus.core/bars' });
  });

  it('finds the error of one mapped input', () => {
    expect(mappingIssue([{ path: 'mapping.bars', message: 'no' }], 'bars')).toBe('no');
    expect(mappingIssue([{ path: 'template.id', message: 'no' }], 'bars')).toBeUndefined();
  });
});
