import type { Indicator } from '@nautilus/sdk';

/**
 * Base of every streaming indicator: subclasses call `emit` once per bar after their warm-up. Values
 * live in number fields (NaN while warming up) and the public `value` getter maps NaN-state to
 * undefined, so the per-bar update never boxes a number or allocates.
 */
export abstract class StreamingIndicator implements Indicator {
  protected current = Number.NaN;
  protected prior = Number.NaN;
  /** Bars on which a value was emitted. */
  protected emitted = 0;

  abstract update(open: number, high: number, low: number, close: number, volume: number): void;

  protected emit(value: number): void {
    this.prior = this.current;
    this.current = value;
    this.emitted++;
  }

  get value(): number | undefined {
    return this.emitted > 0 ? this.current : undefined;
  }

  get previous(): number | undefined {
    return this.emitted > 1 ? this.prior : undefined;
  }

  get ready(): boolean {
    return this.emitted > 0;
  }
}
