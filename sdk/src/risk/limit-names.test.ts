import { describe, expect, it } from 'vitest';
import { LIMIT_KINDS, limitKindName } from '../index.ts';

describe('limitKindName', () => {
  it('names every limit kind in words, with no code left over', () => {
    for (const kind of LIMIT_KINDS) expect(limitKindName(kind)).toMatch(/^[A-Z][a-z]*( [a-zA-Z]+)*$/);
    expect(limitKindName('maxOrderNotional')).toBe('Max order notional');
    expect(limitKindName('maxVar')).toBe('Max VaR');
  });

  it('keeps the code of a kind it does not know', () => {
    expect(limitKindName('maxSomethingNew')).toBe('maxSomethingNew');
  });
});
