import { describe, expect, it } from 'vitest';
import { positionVerdict, readPosition } from './log-position.ts';

const at = (offset: number, epoch = 'e1') => ({ epoch, offset });

describe('positionVerdict', () => {
  it('applies the first message and then each next offset', () => {
    expect(positionVerdict(undefined, at(7))).toBe('apply');
    expect(positionVerdict(at(7), at(8))).toBe('apply');
    expect(positionVerdict(at(0), at(1))).toBe('apply');
  });

  it('drops a message at or below the held offset: a resumed subscription never duplicates', () => {
    expect(positionVerdict(at(8), at(8))).toBe('duplicate');
    expect(positionVerdict(at(8), at(3))).toBe('duplicate');
  });

  it('reports a hole in the offsets as a gap', () => {
    expect(positionVerdict(at(8), at(10))).toBe('gap');
  });

  it('treats another epoch as a new log, whatever its offset', () => {
    expect(positionVerdict(at(8), at(9, 'e2'))).toBe('new-epoch');
    expect(positionVerdict(at(8), at(1, 'e2'))).toBe('new-epoch');
  });
});

describe('readPosition', () => {
  it('accepts an epoch string and a non-negative integer offset, nothing else', () => {
    expect(readPosition({ epoch: 'a', offset: 0 })).toEqual({ epoch: 'a', offset: 0 });
    expect(readPosition({ epoch: 'a', offset: -1 })).toBeUndefined();
    expect(readPosition({ epoch: 'a', offset: 1.5 })).toBeUndefined();
    expect(readPosition({ epoch: 3, offset: 1 })).toBeUndefined();
    expect(readPosition(null)).toBeUndefined();
  });
});
