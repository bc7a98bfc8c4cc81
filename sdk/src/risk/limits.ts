/**
 * Pre-trade limits: what a strategy run (or an account) may do, checked synchronously before an order
 * reaches the market. Types only (the check itself is `checkOrder` in @nautilus/runtime), so the
 * strategy editor can declare them too.
 *
 * Thresholds: a value strictly above `warn` gives a warning (the order is accepted), strictly above
 * `hard` a hard finding (the order is denied). A value equal to a threshold is within it. A value
 * that cannot be computed (no price yet for a value-based limit, no volatility for VaR, equity <= 0
 * for leverage and concentration) counts as a hard breach: the check fails closed.
 *
 * Order limits (maxOrderQuantity, maxOrderNotional, maxOrderRate, allowedInstruments, tradingHours)
 * apply to every order, closing ones included.
 *
 * Exposure limits (maxPosition, maxGrossExposure, maxNetExposure, maxLeverage, maxConcentration,
 * maxVar) measure the positions that would result if the order filled, with the order's instrument
 * projected as held + every open order on the order's side + this order (all filling at the mark).
 * They never deny (nor warn about) an order that
 * - reduces its instrument's projected position without flipping it (closer to flat), or
 * - leaves the measured value no higher than it was without the order (e.g. a buy that makes a short
 *   net exposure smaller), unless it flips its instrument's position: a flip closes one position and
 *   opens another, and is judged on the result alone.
 *
 * Loss limits (maxDailyLoss, maxDrawdown) read the account as it is: while one is above a threshold,
 * every order that does not reduce a position gets the warning or is denied.
 *
 * Market moves: daily loss, drawdown, VaR and leverage are also evaluated at every bar's close; a hard
 * breach seen there is recorded and, with `onHardBreach` 'reduce-only' or 'halt', switches the run's
 * trading mode for the rest of the run (see {@link LimitSet}).
 */

/** The kinds of limit a {@link LimitSet} can hold. */
export type LimitKind =
  | 'maxOrderQuantity'
  | 'maxOrderNotional'
  | 'maxPosition'
  | 'maxGrossExposure'
  | 'maxNetExposure'
  | 'maxLeverage'
  | 'maxConcentration'
  | 'maxDailyLoss'
  | 'maxDrawdown'
  | 'maxVar'
  | 'maxOrderRate'
  | 'allowedInstruments'
  | 'tradingHours';

/** A warning and a hard threshold; `warn` < `hard` when both are given. */
interface Thresholds {
  /** Above this the order is accepted with a warning finding. */
  warn?: number;
  /** Above this the order is denied. */
  hard: number;
}

/** Per-instrument limits may target one instrument; such a limit replaces the untargeted one of its kind for it. */
interface InstrumentThresholds extends Thresholds {
  /** The instrument this limit is for, e.g. 'SIM:AAPL'; all instruments when absent. */
  symbol?: string;
}

/** Units in one order. */
export interface MaxOrderQuantityLimit extends InstrumentThresholds {
  kind: 'maxOrderQuantity';
}

/** Money in one order: quantity × its limit price (limit, stop-limit), stop price (stop) or the mark (market). */
export interface MaxOrderNotionalLimit extends InstrumentThresholds {
  kind: 'maxOrderNotional';
}

/** Absolute quantity of one instrument after the order (see the projection above). */
export interface MaxPositionLimit extends InstrumentThresholds {
  kind: 'maxPosition';
}

/** Money: Σ |quantity × price| over all positions. */
export interface MaxGrossExposureLimit extends Thresholds {
  kind: 'maxGrossExposure';
}

/** Money: |Σ quantity × price| over all positions. */
export interface MaxNetExposureLimit extends Thresholds {
  kind: 'maxNetExposure';
}

/** Gross exposure / equity, e.g. 2 for 2:1. */
export interface MaxLeverageLimit extends Thresholds {
  kind: 'maxLeverage';
}

/** |value of one instrument's position| / equity, a fraction (0.25 = 25 % of equity). */
export interface MaxConcentrationLimit extends InstrumentThresholds {
  kind: 'maxConcentration';
}

/** Money lost since the start of the day: start-of-day equity − equity. */
export interface MaxDailyLossLimit extends Thresholds {
  kind: 'maxDailyLoss';
  /** IANA time zone whose midnight starts a day, e.g. 'America/New_York'. Default 'UTC'. */
  timeZone?: string;
}

/** Fall of equity below its running peak, a fraction (0.1 = 10 %); the initial cash counts as a peak. */
export interface MaxDrawdownLimit extends Thresholds {
  kind: 'maxDrawdown';
}

/**
 * Money: one-day parametric (normal) VaR of the positions, z(confidence) × √(vᵀ Σ v), v = position
 * values, Σ = covariance of daily simple returns. The covariance comes from the check's context (a
 * risk model's volatilities and correlations); failing that from `volatility` here, taken as
 * perfectly correlated: VaR = z × Σ |vᵢ| σᵢ, an upper bound whatever the true correlations.
 */
export interface MaxVarLimit extends Thresholds {
  kind: 'maxVar';
  /** One-sided confidence, 0.5 < c < 1. Default 0.99. */
  confidence?: number;
  /** Daily return standard deviation per instrument, a fraction (0.02 = 2 % a day). */
  volatility?: Record<string, number>;
}

/** Orders accepted within the last `windowMs` (this one included): `hard` is a count. */
export interface MaxOrderRateLimit extends Thresholds {
  kind: 'maxOrderRate';
  /** The sliding window, ms: orders submitted in (now − windowMs, now] count. */
  windowMs: number;
}

/** Only these instruments may be traded. Always hard. */
export interface AllowedInstrumentsLimit {
  kind: 'allowedInstruments';
  symbols: string[];
}

/** A weekday name, as `tradingHours.weekdays` takes them. */
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/**
 * Orders only between `start` (inclusive) and `end` (exclusive), local time in `timeZone`, DST
 * included, on the given weekdays (of the local date at the order). `end` before `start` is a
 * session across midnight (e.g. 18:00–17:00). Holidays are not known. Always hard. A backtest checks
 * the simulation clock: the open time of the bar being processed.
 */
export interface TradingHoursLimit {
  kind: 'tradingHours';
  /** IANA time zone, e.g. 'America/New_York'. */
  timeZone: string;
  /** 'HH:MM', 24-hour. */
  start: string;
  /** 'HH:MM', 24-hour; '24:00' for the end of the day. */
  end: string;
  /** Default Monday to Friday. */
  weekdays?: Weekday[];
}

export type Limit =
  | MaxOrderQuantityLimit
  | MaxOrderNotionalLimit
  | MaxPositionLimit
  | MaxGrossExposureLimit
  | MaxNetExposureLimit
  | MaxLeverageLimit
  | MaxConcentrationLimit
  | MaxDailyLossLimit
  | MaxDrawdownLimit
  | MaxVarLimit
  | MaxOrderRateLimit
  | AllowedInstrumentsLimit
  | TradingHoursLimit;

/**
 * A run's (or an account's) limits. Each kind appears once, except maxOrderRate (one per window)
 * and the per-instrument kinds (one untargeted plus one per `symbol`).
 *
 * `onHardBreach` says what a hard breach of a market-move limit (daily loss, drawdown, VaR, leverage)
 * seen at a bar's close does beyond recording it:
 * - 'deny': nothing more; orders are checked one by one (so while the day's loss is beyond its limit,
 *   orders that add risk are denied, and the next day trading resumes).
 * - 'reduce-only': from then on, for the rest of the run, only orders that reduce their instrument's
 *   projected position without flipping it are accepted.
 * - 'halt': open orders are cancelled and every later order is denied; the strategy's onBar is no
 *   longer called (onStop still is), positions are kept and marked to market to the end.
 */
export interface LimitSet {
  limits: Limit[];
  onHardBreach: 'deny' | 'reduce-only' | 'halt';
}

/** 'normal' until a hard breach switches a run with onHardBreach 'reduce-only' or 'halt'. */
export type TradingMode = 'normal' | 'reduce-only' | 'halted';

/** One limit's verdict on an order or on the account. */
export interface LimitFinding {
  limit: LimitKind;
  level: 'warn' | 'hard';
  /** The threshold crossed; a list or a window in words for allowedInstruments and tradingHours. */
  threshold: number | string;
  /** The measured value (after the order, for order checks); NaN when it could not be computed. */
  value: number | string;
  /** In words, naming the limit, the threshold and the value, e.g. "maxPosition SIM:AAPL: resulting position 1,200 exceeds hard limit 1,000". */
  message: string;
  /** The instrument, for per-instrument limits. */
  symbol?: string;
}

/** What the pre-trade check says about one order: every limit is checked, so a denial lists all it breaks. */
export interface PreTradeDecision {
  accepted: boolean;
  /** The first hard finding that denied the order (in check order). */
  denial?: LimitFinding;
  /** Every hard finding, `denial` first; set whenever the order is denied. */
  denials?: LimitFinding[];
  warnings: LimitFinding[];
}

/**
 * A finding a run recorded: `warning` (an order accepted with a warn-level finding), `denial` (an
 * order denied) or `breach` (a market-move limit crossed a threshold at a bar's close; recorded when
 * its level rises, not on every bar it stays there).
 */
export interface RiskEvent extends LimitFinding {
  type: 'warning' | 'denial' | 'breach';
  /** Simulation time and bar index (-1 in onStart) of the event. */
  time: number;
  barIndex: number;
  /** The order checked; null for breaches. */
  orderId: number | null;
  /** The trading mode after the event: a breach that switched it says so here. */
  mode: TradingMode;
}
