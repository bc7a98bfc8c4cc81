/**
 * The highest (or lowest) of the last `period` inputs in O(1) amortised per input: a monotonic deque
 * (each input enters once and leaves once), where trading-signals 8.3.0 scans the window with
 * `Math.max(...)` every bar. A maximum involves no arithmetic, so the result is the library's exactly.
 * Inputs are assumed finite (bars are validated before they reach an indicator).
 */
export class WindowExtreme {
  private readonly values: Float64Array;
  private readonly positions: Float64Array;
  private head = 0;
  private size = 0;
  private seen = 0;
  readonly period: number;
  private readonly highest: boolean;

  constructor(period: number, kind: 'highest' | 'lowest') {
    this.period = period;
    this.highest = kind === 'highest';
    // At most `period` entries are kept: one per input still in the window.
    this.values = new Float64Array(period);
    this.positions = new Float64Array(period);
  }

  /** Adds `input`; returns the extreme of the last `period` inputs, NaN until there are `period`. */
  update(input: number): number {
    const { period, values, positions } = this;
    const position = this.seen++;
    // Drop the front once it has left the window.
    if (this.size > 0 && positions[this.head]! <= position - period) {
      this.head = this.head + 1 === period ? 0 : this.head + 1;
      this.size--;
    }
    // Drop from the back every kept value the new one beats (ties: the newer is kept, as it lasts longer).
    while (this.size > 0) {
      const back = (this.head + this.size - 1) % period;
      const kept = values[back]!;
      if (this.highest ? kept > input : kept < input) break;
      this.size--;
    }
    const slot = (this.head + this.size) % period;
    values[slot] = input;
    positions[slot] = position;
    this.size++;
    return this.seen >= period ? values[this.head]! : Number.NaN;
  }
}
