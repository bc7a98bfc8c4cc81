import { GRID_COLUMNS, type Panel } from '@nautilus/sdk';
import type { LayoutCell } from '../editor/editor-state.ts';

/** Width classes of the canvas, widest first; each applies from its minimum width up. */
export const BREAKPOINTS = [
  { name: 'lg', minWidth: 1200, columns: GRID_COLUMNS },
  { name: 'md', minWidth: 996, columns: GRID_COLUMNS },
  { name: 'sm', minWidth: 600, columns: 12 },
  { name: 'xs', minWidth: 0, columns: 1 },
] as const;

export type Breakpoint = (typeof BREAKPOINTS)[number];

export function breakpointFor(width: number): Breakpoint {
  return BREAKPOINTS.find((breakpoint) => width >= breakpoint.minWidth) ?? (BREAKPOINTS.at(-1) as Breakpoint);
}

/** Panels in reading order: top to bottom, then left to right. */
export function readingOrder<T extends Pick<Panel, 'gridPos'>>(panels: readonly T[]): T[] {
  return [...panels].sort((a, b) => a.gridPos.y - b.gridPos.y || a.gridPos.x - b.gridPos.x);
}

/**
 * The grid layout for a canvas of `columns` columns. At 24 columns it is the saved layout; narrower
 * layouts are derived (never saved): at 12, panels half the width or wider take the full width and the
 * others half, side by side; at 1, panels stack in reading order. Derived layouts are packed top-down
 * in reading order so nothing overlaps and nothing is left with a gap above it.
 */
export function layoutFor(panels: readonly Panel[], columns: number): LayoutCell[] {
  if (columns >= GRID_COLUMNS) return panels.map(({ id, gridPos }) => ({ i: id, ...gridPos }));
  const skyline = new Array<number>(columns).fill(0);
  return readingOrder(panels).map(({ id, gridPos }) => {
    const w = columns === 1 ? 1 : gridPos.w * 2 >= GRID_COLUMNS ? columns : Math.ceil(columns / 2);
    const top = (from: number) => Math.max(...skyline.slice(from, from + w));
    // A half-width panel goes to whichever half is free higher up, the left one on a tie.
    const x = w === columns || top(0) <= top(columns - w) ? 0 : columns - w;
    const y = top(x);
    skyline.fill(y + gridPos.h, x, x + w);
    return { i: id, x, y, w, h: gridPos.h };
  });
}
