/** One bar as the indicators read it. */
export interface BarInput {
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/**
 * A running indicator: `update` takes the next bar and writes each output's value after it into
 * `out` (NaN while warming up), in the order of the catalogue's `outputs`.
 */
export interface IndicatorStep {
  update(bar: BarInput, out: Float64Array): void;
}
