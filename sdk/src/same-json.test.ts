import { describe, expect, it } from 'vitest';
import { sameJson } from './same-json.ts';

describe('sameJson', () => {
  it('ignores key order and undefined properties', () => {
    expect(sameJson({ a: 1, b: { c: [1, 2] }, d: undefined }, { b: { c: [1, 2] }, a: 1 })).toBe(true);
  });

  it('tells apart values, array order and lengths, null and objects', () => {
    expect(sameJson({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
    expect(sameJson([1], [1, 1])).toBe(false);
    expect(sameJson(null, {})).toBe(false);
    expect(sameJson({ a: [] }, { a: {} })).toBe(false);
  });

  it('does not take an inherited property for an own one', () => {
    expect(sameJson({ toString: 'x' }, { other: 'y' })).toBe(false);
  });
});
