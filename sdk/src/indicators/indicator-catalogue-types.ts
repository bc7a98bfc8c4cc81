/** Where a chart draws an indicator: on the price scale over the candles, or in a pane of its own below. */
export type IndicatorPlacement = 'overlay' | 'pane';

/** What an indicator reads from each bar: the close, the volume, or the whole bar (open, high, low, close, volume). */
export type IndicatorInput = 'close' | 'volume' | 'bar';

/** One numeric parameter, described like a JSON Schema property (`type`, `minimum`, `maximum`, `default`). */
export interface IndicatorParam {
  name: string;
  type: 'integer' | 'number';
  default: number;
  minimum: number;
  maximum: number;
  description: string;
}

/** One entry of the indicator catalogue: metadata only, the numbers come from `@nautilus/indicators`. */
export interface IndicatorDefinition {
  /** Stable id used in dashboard documents and strategies, e.g. `rsi`. */
  id: string;
  name: string;
  group: 'trend' | 'momentum' | 'volatility' | 'volume';
  placement: IndicatorPlacement;
  input: IndicatorInput;
  params: readonly IndicatorParam[];
  /** Output names; the first is the main value (`value` in a strategy). */
  outputs: readonly string[];
}

/** Parameters of an indicator as stored: every declared param, filled with its default where absent. */
export type IndicatorParams = Record<string, number>;
