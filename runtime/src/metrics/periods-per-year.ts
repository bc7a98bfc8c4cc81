import { TIMEFRAME_MS, type Timeframe } from '@nautilus/sdk';

const TRADING_DAYS = 252;
const SESSION_MS = 6.5 * 3_600_000;

/**
 * Bars per year on an equity calendar: 252 sessions, 6.5 trading hours each. Daily bars give 252;
 * an intraday timeframe gives 252 × 6.5 h / its length (1h: 1638, 5m: 19,656). Pass
 * `periodsPerYear` in the config for markets that trade around the clock.
 */
export function defaultPeriodsPerYear(timeframe: Timeframe): number {
  const length = TIMEFRAME_MS[timeframe];
  return length >= 86_400_000 ? TRADING_DAYS : (TRADING_DAYS * SESSION_MS) / length;
}
