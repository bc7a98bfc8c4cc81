import type { StreamingIndicator } from './streaming-indicator.ts';

/** Feeds closes (open = high = low = close) and returns the value after each. */
export function feedCloses(indicator: StreamingIndicator, closes: number[]): (number | undefined)[] {
  return closes.map((close) => {
    indicator.update(close, close, close, close, 0);
    return indicator.value;
  });
}
