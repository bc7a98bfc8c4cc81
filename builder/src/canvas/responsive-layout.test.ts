import type { Panel } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { breakpointFor, layoutFor } from './responsive-layout.ts';

const panel = (id: string, x: number, y: number, w: number, h: number): Panel => ({
  id,
  type: 'a.b/c',
  pluginVersion: '1.0.0',
  title: id,
  gridPos: { x, y, w, h },
  options: {},
});

// A desk: a wide chart with two stats beside it, then a full-width table.
const desk = [
  panel('table', 0, 10, 24, 6),
  panel('stat2', 16, 0, 8, 4),
  panel('chart', 0, 0, 16, 10),
  panel('stat1', 16, 4, 8, 4),
];

describe('breakpointFor', () => {
  it('keeps 24 columns down to 996 px, then 12, then one column under 600 px', () => {
    expect([1600, 1200, 1000, 996, 995, 600, 599, 360].map((width) => breakpointFor(width).columns)).toEqual([
      24, 24, 24, 24, 12, 12, 1, 1,
    ]);
  });
});

describe('layoutFor', () => {
  it('is the saved layout at 24 columns', () => {
    expect(layoutFor(desk, 24)).toEqual(desk.map((p) => ({ i: p.id, ...p.gridPos })));
  });

  it('stacks panels in reading order on one column', () => {
    expect(layoutFor(desk, 1)).toEqual([
      { i: 'chart', x: 0, y: 0, w: 1, h: 10 },
      { i: 'stat2', x: 0, y: 10, w: 1, h: 4 },
      { i: 'stat1', x: 0, y: 14, w: 1, h: 4 },
      { i: 'table', x: 0, y: 18, w: 1, h: 6 },
    ]);
  });

  it('widens big panels to the full 12 columns and keeps small ones half wide, without overlaps', () => {
    expect(layoutFor(desk, 12)).toEqual([
      { i: 'chart', x: 0, y: 0, w: 12, h: 10 },
      { i: 'stat2', x: 0, y: 10, w: 6, h: 4 },
      { i: 'stat1', x: 6, y: 10, w: 6, h: 4 },
      { i: 'table', x: 0, y: 14, w: 12, h: 6 },
    ]);
  });
});
