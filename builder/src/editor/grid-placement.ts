import { GRID_COLUMNS, type GridPos } from '@nautilus/sdk';

/** True when two grid rectangles share at least one cell. */
export function overlaps(a: GridPos, b: GridPos): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/**
 * The first place, reading row by row from `fromY`, where a `w`×`h` panel touches no other panel.
 * @example firstFreeSpot([{ x: 0, y: 0, w: 12, h: 4 }], 6, 2) // { x: 12, y: 0, w: 6, h: 2 }
 */
export function firstFreeSpot(taken: readonly GridPos[], w: number, h: number, fromY = 0): GridPos {
  const width = Math.min(Math.max(1, w), GRID_COLUMNS);
  const bottom = taken.reduce((max, pos) => Math.max(max, pos.y + pos.h), 0);
  for (let y = Math.max(0, fromY); y <= bottom; y++) {
    for (let x = 0; x + width <= GRID_COLUMNS; x++) {
      const candidate = { x, y, w: width, h };
      if (!taken.some((pos) => overlaps(pos, candidate))) return candidate;
    }
  }
  return { x: 0, y: Math.max(bottom, fromY), w: width, h };
}
