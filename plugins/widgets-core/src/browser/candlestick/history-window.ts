// lightweight-charts copies every point into several objects of its own: handed 100,000 bars it spends
// ~0.8 s (much of it in garbage collection) before the first paint in headless Chromium. The chart
// therefore gets the most recent bars first and older ones when the user scrolls towards them.
// The indicators are still computed over the whole history, so their first drawn values are right.

/** Bars handed to the chart at first: many screens of history, yet drawn within a frame or two. */
export const FIRST_WINDOW_BARS = 3_000;

/** Index of the first bar drawn when `count` bars arrive. */
export function firstWindowStart(count: number): number {
  return Math.max(0, count - FIRST_WINDOW_BARS);
}

/**
 * Whether the user has come within one screen of the oldest loaded bar while older bars exist.
 * `from` and `to` are the visible logical range: bar indices within what the chart holds.
 */
export function needsOlderBars(range: { from: number; to: number } | null, start: number): boolean {
  if (!range || start <= 0) return false;
  return range.from < Math.max(50, range.to - range.from);
}

/**
 * The next window start: as many bars again as are loaded, so each extension costs about as much as
 * all the ones before it together, and 100,000 bars take six of them.
 */
export function extendedWindowStart(start: number, count: number): number {
  return Math.max(0, start - Math.max(count - start, FIRST_WINDOW_BARS));
}

/**
 * The window start for a refresh of the same instrument: it keeps as many bars loaded as before, so
 * a user who scrolled back is not cut off by the next refresh.
 */
export function refreshedWindowStart(count: number, previousCount: number, previousStart: number): number {
  return Math.max(0, count - Math.max(previousCount - previousStart, FIRST_WINDOW_BARS));
}
