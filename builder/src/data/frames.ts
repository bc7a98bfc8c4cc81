import type { Frame } from '@nautilus/sdk';

/** True when a query answered with nothing to draw: no frames, or frames without a single point or row. */
export function hasNoData(frames: readonly Frame[]): boolean {
  return frames.every((frame) => {
    switch (frame.kind) {
      case 'ohlcv':
        return frame.time.length === 0;
      case 'timeseries':
        return frame.series.every((series) => series.values.length === 0);
      case 'table':
        return frame.rows.length === 0;
      case 'scalar':
        return !Number.isFinite(frame.value);
    }
    return false;
  });
}
