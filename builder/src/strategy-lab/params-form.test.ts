import type { ParamSpecs } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { defaultParams, mergeParams, paramFields, paramsForRun } from './params-form.ts';

const specs: ParamSpecs = {
  fast: { type: 'integer', default: 10, min: 1, label: 'Fast SMA' },
  k: { type: 'number', default: 2.5, max: 5, description: 'Band width' },
  short: { type: 'boolean', default: false },
  mode: { type: 'string', default: 'a', options: ['a', 'b'] },
  tag: { type: 'string', default: '' },
};

describe('paramFields', () => {
  it('maps each spec type to a control', () => {
    expect(paramFields(specs)).toEqual([
      { name: 'fast', label: 'Fast SMA', control: 'number', integer: true, step: 1, min: 1 },
      { name: 'k', label: 'k', help: 'Band width', control: 'number', integer: false, step: 0.1, max: 5 },
      { name: 'short', label: 'short', control: 'switch' },
      { name: 'mode', label: 'mode', control: 'select', options: ['a', 'b'] },
      { name: 'tag', label: 'tag', control: 'text' },
    ]);
  });
});

describe('params values', () => {
  it('starts from the defaults', () => {
    expect(defaultParams(specs)).toEqual({ fast: 10, k: 2.5, short: false, mode: 'a', tag: '' });
  });

  it('sends only valid values that differ from the default', () => {
    expect(paramsForRun(specs, { fast: 12, k: 2.5, short: 'yes', mode: 'c', tag: 'x', gone: 1 })).toEqual({ fast: 12, tag: 'x' });
    expect(paramsForRun(specs, { fast: 1.5 })).toEqual({});
  });

  it('keeps fitting values across a spec change', () => {
    expect(mergeParams({ fast: specs.fast! }, { fast: 5, k: 3 })).toEqual({ fast: 5 });
  });
});
