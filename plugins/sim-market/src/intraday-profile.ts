import type { SessionKind } from './instrument.ts';

/** How activity is spread over a session's minutes. */
export interface IntradayProfile {
  /** Relative volume of each minute, mean 1. */
  volumeWeight: Float64Array;
  /** Volatility multiplier of each minute, √weight: busy minutes move more, and the day's variance is kept. */
  volatilityScale: Float64Array;
  /** Share of the day's variance accumulated before each minute boundary (length minutes + 1, 0 … 1). */
  varianceShare: Float64Array;
}

// A bump on the 24-hour clock, centred on `center` hours with `width` hours of spread.
function bump(hour: number, center: number, width: number): number {
  const distance = Math.min(Math.abs(hour - center), 24 - Math.abs(hour - center));
  return Math.exp(-0.5 * (distance / width) ** 2);
}

// Activity by hour of the session's own clock (New York, or UTC for crypto). Shapes follow the
// well-known patterns: U-shaped US cash session, FX busiest in the London/New York overlap, futures
// quiet overnight with a spike at the 09:30 cash open, crypto nearly flat with a US-hours hump.
const activity: Record<SessionKind, { startHour: number; at(hour: number, fraction: number): number }> = {
  'us-equity': {
    startHour: 9.5,
    at: (_hour, fraction) => 0.55 + 2.2 * Math.exp(-fraction / 0.035) + 1.1 * Math.exp(-(1 - fraction) / 0.04),
  },
  fx: {
    startHour: 17,
    at: (hour) => 0.25 + 0.35 * bump(hour, 23.5, 3) + 0.9 * bump(hour, 6, 2.5) + 0.9 * bump(hour, 10.5, 2.5),
  },
  cme: {
    startHour: 18,
    at: (hour) =>
      0.2 + 0.35 * bump(hour, 3.5, 1.5) + 1.2 * bump(hour, 11.5, 2.6) + (hour >= 9.5 ? 1.5 * Math.exp(-(hour - 9.5) / 0.25) : 0),
  },
  crypto: { startHour: 0, at: (hour) => 0.8 + 0.4 * bump(hour, 16, 4) },
};

/** Builds the profile of a session of `minutes` minutes. */
export function buildProfile(kind: SessionKind, minutes: number): IntradayProfile {
  const { startHour, at } = activity[kind];
  const raw = new Float64Array(minutes);
  let total = 0;
  for (let minute = 0; minute < minutes; minute++) {
    const hour = (startHour + (minute + 0.5) / 60) % 24;
    raw[minute] = at(hour, (minute + 0.5) / minutes);
    total += raw[minute] as number;
  }
  const volumeWeight = raw.map((value) => (value * minutes) / total);
  const volatilityScale = volumeWeight.map(Math.sqrt);
  const varianceShare = new Float64Array(minutes + 1);
  let running = 0;
  for (let minute = 0; minute < minutes; minute++) {
    running += volumeWeight[minute] as number;
    varianceShare[minute + 1] = running / minutes;
  }
  varianceShare[minutes] = 1;
  return { volumeWeight, volatilityScale, varianceShare };
}
