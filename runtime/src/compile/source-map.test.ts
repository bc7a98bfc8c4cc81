import { describe, expect, it } from 'vitest';
import { createSourceMapLookup, decodeVlq } from './source-map.ts';

describe('decodeVlq', () => {
  it('decodes base64 VLQ digits with continuation and sign bits', () => {
    expect(decodeVlq('A')).toEqual([0]);
    expect(decodeVlq('C')).toEqual([1]);
    expect(decodeVlq('D')).toEqual([-1]);
    // 'g' = 32: continuation with no value bits; 'B' = 1 at shift 5 gives 32, i.e. +16.
    expect(decodeVlq('AAgBC')).toEqual([0, 0, 16, 1]);
  });
});

describe('createSourceMapLookup', () => {
  it('maps a generated position to the closest mapping at or before it on its line', () => {
    // Line 1: column 0 → a.ts 1:0. Line 2: column 4 → a.ts 2:0 (source line +1). Line 3: column 2 → b.ts 2:3.
    const lookup = createSourceMapLookup(JSON.stringify({ version: 3, sources: ['a.ts', 'b.ts'], mappings: 'AAAA;IACA;ECAG' }));
    expect(lookup(1, 5)).toEqual({ source: 'a.ts', line: 1, column: 0 });
    expect(lookup(2, 10)).toEqual({ source: 'a.ts', line: 2, column: 0 });
    expect(lookup(2, 3)).toBeUndefined();
    expect(lookup(3, 2)).toEqual({ source: 'b.ts', line: 2, column: 3 });
    expect(lookup(9, 0)).toBeUndefined();
  });
});
