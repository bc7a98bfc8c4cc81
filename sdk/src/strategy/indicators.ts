// Streaming indicators, computed by `@nautilus/indicators` (trading-signals): `ctx.indicators.sma(20)`
// returns one object that the engine updates with every bar before calling onBar. The same call with
// the same arguments returns the same object, so calling it inside onBar is fine; keeping it in
// `ctx.state` from onStart is cheapest. This file has no imports: the editor loads it as it is.

/** One value per bar, `undefined` until enough bars have been seen (the warm-up). */
export interface Indicator {
  /** The value after the latest bar; undefined during the warm-up. */
  readonly value: number | undefined;
  /** The value one bar earlier; undefined until the indicator has been ready for two bars. */
  readonly previous: number | undefined;
  /** True once `value` is defined. */
  readonly ready: boolean;
}

/** MACD: `value` is the MACD line (fast EMA - slow EMA); `signal` is an EMA of that line. */
export interface MacdIndicator extends Indicator {
  /** EMA of the MACD line over the signal period; undefined until it has warmed up too. */
  readonly signal: number | undefined;
  /** MACD line - signal. */
  readonly histogram: number | undefined;
}

/** Bollinger Bands: `value` is the middle band (the SMA). */
export interface BollingerIndicator extends Indicator {
  readonly middle: number | undefined;
  /** middle + k × population standard deviation of the window. */
  readonly upper: number | undefined;
  /** middle − k × population standard deviation of the window. */
  readonly lower: number | undefined;
}

/** Any catalogue indicator (see `INDICATOR_CATALOGUE`): `value` is its first output, `outputs` has them all by name. */
export interface CatalogueIndicator extends Indicator {
  /** Each output after the latest bar, by the catalogue's output names; undefined while warming up. */
  readonly outputs: Readonly<Record<string, number | undefined>>;
}

/**
 * `ctx.indicators`: streaming indicators over the bars the strategy has seen. Each is created on first
 * use and back-filled from the bars still in `ctx` history (`historyLength`), so its values match
 * one created in onStart as long as fewer bars than that have passed. All read the close, except ATR.
 * @example
 * onStart(ctx) { ctx.state.trend = ctx.indicators.sma(50); }
 * onBar(ctx) { if (ctx.state.trend.ready && ctx.bar.close > ctx.state.trend.value!) ctx.buy(10); }
 */
export interface Indicators {
  /** Simple moving average of the last `period` closes; ready after `period` bars. */
  sma(period: number): Indicator;
  /**
   * Exponential moving average, alpha = 2 / (period + 1), seeded with the SMA of the first `period`
   * closes; ready after `period` bars.
   */
  ema(period: number): Indicator;
  /**
   * Wilder's RSI (0–100): average gains and losses seeded with their simple mean over the first
   * `period` changes, then smoothed with alpha = 1 / period. Ready after `period` + 1 bars. 100 when
   * there were no losses, 50 when prices did not move at all. Default period 14.
   */
  rsi(period?: number): Indicator;
  /** MACD with EMAs as in `ema` (default 12, 26, 9). The line is ready after `slow` bars, the signal `signal` - 1 bars later. */
  macd(fast?: number, slow?: number, signal?: number): MacdIndicator;
  /** Bollinger Bands over `period` closes (default 20) at `k` population standard deviations (default 2). */
  bollinger(period?: number, k?: number): BollingerIndicator;
  /**
   * Wilder's Average True Range (default 14): the first bar's true range is high − low; the first
   * value is the mean of the first `period` true ranges, then smoothed with alpha = 1 / period.
   */
  atr(period?: number): Indicator;
  /**
   * Any of the catalogue's indicators by id, with params by name (defaults filled, checked against
   * the catalogue: a bad one throws naming it). The same numbers as a dashboard's indicator transform.
   * @example
   * const adx = ctx.indicators.indicator('adx', { period: 14 });
   * const stoch = ctx.indicators.indicator('stoch'); // stoch.outputs.k, stoch.outputs.d
   */
  indicator(id: string, params?: Record<string, number>): CatalogueIndicator;
}
