/** Column-wise OHLCV, oldest first: the body of an sdk OhlcvFrame. */
export interface BarColumns {
  time: number[];
  open: number[];
  high: number[];
  low: number[];
  close: number[];
  volume: number[];
}

/**
 * Aggregates bars fed oldest first into buckets, writing into columns allocated at their final
 * length: callers count the buckets first (from session times, without simulating), because
 * growing six arrays by push costs several times more than the simulation itself.
 */
export class BarWriter {
  readonly #columns: BarColumns;
  #index = -1;
  #bucket = Number.NaN;

  /** `count`: the number of distinct buckets that will be added. */
  constructor(count: number) {
    const column = () => new Array<number>(count);
    this.#columns = { time: column(), open: column(), high: column(), low: column(), close: column(), volume: column() };
  }

  /** Adds one bar no older than the previous one; a new `bucket` value starts a new output bar. */
  add(bucket: number, open: number, high: number, low: number, close: number, volume: number): void {
    const columns = this.#columns;
    if (bucket !== this.#bucket) {
      const index = ++this.#index;
      this.#bucket = bucket;
      columns.time[index] = bucket;
      columns.open[index] = open;
      columns.high[index] = high;
      columns.low[index] = low;
      columns.close[index] = close;
      columns.volume[index] = volume;
      return;
    }
    const index = this.#index;
    if (high > (columns.high[index] as number)) columns.high[index] = high;
    if (low < (columns.low[index] as number)) columns.low[index] = low;
    columns.close[index] = close;
    columns.volume[index] = (columns.volume[index] as number) + volume;
  }

  /** The bars written; never longer than the count announced, never with holes. */
  finish(): BarColumns {
    const written = this.#index + 1;
    for (const column of Object.values(this.#columns)) column.length = Math.min(column.length, written);
    return this.#columns;
  }
}
