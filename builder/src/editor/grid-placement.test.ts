import { describe, expect, it } from 'vitest';
import { firstFreeSpot, overlaps } from './grid-placement.ts';

describe('firstFreeSpot', () => {
  it('takes the top-left corner of an empty grid', () => {
    expect(firstFreeSpot([], 12, 8)).toEqual({ x: 0, y: 0, w: 12, h: 8 });
  });

  it('fills the rest of a row before starting a new one', () => {
    expect(firstFreeSpot([{ x: 0, y: 0, w: 12, h: 4 }], 6, 2)).toEqual({ x: 12, y: 0, w: 6, h: 2 });
  });

  it('goes below when the row has no gap wide enough', () => {
    const taken = [
      { x: 0, y: 0, w: 12, h: 4 },
      { x: 16, y: 0, w: 8, h: 2 },
    ];
    // Columns 12-15 are free on rows 0-3 but only 4 wide; on rows 2-3 columns 12-23 are free.
    expect(firstFreeSpot(taken, 8, 2)).toEqual({ x: 12, y: 2, w: 8, h: 2 });
  });

  it('appends below everything when the grid is full, and clamps a too-wide panel to 24 columns', () => {
    expect(firstFreeSpot([{ x: 0, y: 0, w: 24, h: 5 }], 30, 3)).toEqual({ x: 0, y: 5, w: 24, h: 3 });
  });
});

describe('overlaps', () => {
  it('treats touching edges as not overlapping', () => {
    expect(overlaps({ x: 0, y: 0, w: 6, h: 4 }, { x: 6, y: 0, w: 6, h: 4 })).toBe(false);
    expect(overlaps({ x: 0, y: 0, w: 6, h: 4 }, { x: 5, y: 3, w: 6, h: 4 })).toBe(true);
  });
});
