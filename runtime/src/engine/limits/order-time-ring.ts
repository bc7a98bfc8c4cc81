/**
 * The times of the last `capacity` accepted orders, oldest first, for maxOrderRate: a fixed
 * Float64Array, so recording an order allocates nothing. Times must not decrease.
 */
export class OrderTimeRing {
  private readonly times: Float64Array;
  private next = 0;
  private size = 0;

  constructor(capacity: number) {
    this.times = new Float64Array(Math.max(1, capacity));
  }

  get capacity(): number {
    return this.times.length;
  }

  push(time: number): void {
    this.times[this.next] = time;
    this.next = (this.next + 1) % this.times.length;
    if (this.size < this.times.length) this.size++;
  }

  /** How many kept times are > `cutoff` (at most `capacity`); a binary search, as times are ordered. */
  countAfter(cutoff: number): number {
    const capacity = this.times.length;
    const oldest = (this.next - this.size + capacity) % capacity;
    let low = 0;
    let high = this.size;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.times[(oldest + middle) % capacity]! > cutoff) high = middle;
      else low = middle + 1;
    }
    return this.size - low;
  }
}
