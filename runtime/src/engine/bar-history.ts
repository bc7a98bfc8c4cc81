/**
 * The last `capacity` bars in ring buffers, for `ctx.close(n)` and for back-filling indicators created
 * mid-run. Fixed memory whatever the run's length: a million-bar run in a 64 MB isolate cannot keep all.
 */
export class BarHistory {
  readonly capacity: number;
  /** Bars pushed so far. */
  count = 0;
  readonly time: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
  private head = -1;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.time = new Float64Array(capacity);
    this.open = new Float64Array(capacity);
    this.high = new Float64Array(capacity);
    this.low = new Float64Array(capacity);
    this.close = new Float64Array(capacity);
    this.volume = new Float64Array(capacity);
  }

  push(time: number, open: number, high: number, low: number, close: number, volume: number): void {
    const head = this.head + 1 === this.capacity ? 0 : this.head + 1;
    this.head = head;
    this.time[head] = time;
    this.open[head] = open;
    this.high[head] = high;
    this.low[head] = low;
    this.close[head] = close;
    this.volume[head] = volume;
    this.count++;
  }

  /** Bars that `read` can still reach. */
  get available(): number {
    return Math.min(this.count, this.capacity);
  }

  /** Ring index of the bar `barsAgo` before the latest; the caller checks `barsAgo < available`. */
  slot(barsAgo: number): number {
    const slot = this.head - barsAgo;
    return slot < 0 ? slot + this.capacity : slot;
  }

  /** `column`'s value `barsAgo` bars back; undefined before the first bar; throws past the kept window. */
  read(column: Float64Array, barsAgo = 0): number | undefined {
    if (!Number.isInteger(barsAgo) || barsAgo < 0) {
      throw new RangeError(`barsAgo must be a whole number >= 0, got ${String(barsAgo)}`);
    }
    if (barsAgo >= this.capacity) {
      throw new RangeError(
        `Only the last ${this.capacity} bars are kept (config.historyLength); asked for ${barsAgo} bars ago. Raise historyLength or keep what you need in ctx.state.`,
      );
    }
    return barsAgo < this.count ? column[this.slot(barsAgo)] : undefined;
  }
}
