import binomialCdf from '@stdlib/stats-base-dists-binomial-cdf';
import { fieldError } from './field-error.ts';

export type TrafficLightZone = 'green' | 'yellow' | 'red';

/**
 * Basel traffic light for x exceptions in T days at confidence c, by the cumulative binomial
 * probability P(X ≤ x) with X ~ Bin(T, 1 - c): green below 95 %, yellow below 99.99 %, red from there.
 * For 250 days at 99 % that is Basel's table: green 0–4, yellow 5–9, red 10 or more.
 * @example trafficLight(5) // 'yellow'
 */
export function trafficLight(exceptions: number, days = 250, confidence = 0.99): TrafficLightZone {
  if (!Number.isInteger(days) || days < 1) throw fieldError('days', `must be a whole number >= 1, got ${days}`);
  if (!Number.isInteger(exceptions) || exceptions < 0 || exceptions > days) {
    throw fieldError('exceptions', `must be a whole number from 0 to ${days}, got ${exceptions}`);
  }
  if (!(confidence > 0 && confidence < 1)) throw fieldError('confidence', `must be strictly between 0 and 1, got ${confidence}`);
  const cumulative = binomialCdf(exceptions, days, 1 - confidence);
  if (cumulative < 0.95) return 'green';
  if (cumulative < 0.9999) return 'yellow';
  return 'red';
}
