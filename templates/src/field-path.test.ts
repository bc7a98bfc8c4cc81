import { describe, expect, it } from 'vitest';
import { joinFieldPath, pointerToFieldPath } from './field-path.ts';

describe('pointerToFieldPath', () => {
  it('writes array indexes in brackets and keys with dots', () => {
    expect(pointerToFieldPath('/panels/0/gridPos/w', 'dashboard')).toBe('dashboard.panels[0].gridPos.w');
    expect(pointerToFieldPath('/panels/12/id')).toBe('panels[12].id');
  });

  it('keeps the parent for the root pointer', () => {
    expect(pointerToFieldPath('', 'dashboard')).toBe('dashboard');
    expect(pointerToFieldPath('')).toBe('');
  });

  it('unescapes JSON Pointer segments and quotes keys that are not identifiers', () => {
    expect(pointerToFieldPath('/params/a~1b/c~0d/my-key', 'query')).toBe('query.params["a/b"]["c~d"]["my-key"]');
  });

  it('does not read a leading zero as an index', () => {
    expect(joinFieldPath('params', '01')).toBe('params["01"]');
  });
});
