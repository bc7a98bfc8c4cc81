import type { SessionKind } from './instrument.ts';
import { buildProfile, type IntradayProfile } from './intraday-profile.ts';
import { DAY_MS, newYorkInstant, weekday } from './new-york-time.ts';

/**
 * The trading hours of one market family. A session belongs to a trading date (`day`, days since
 * 1970-01-01); evening-start markets (FX, CME) open on the calendar day before their trading date.
 * Holidays and early closes are not modelled: every weekday trades.
 */
export interface TradingSession {
  kind: SessionKind;
  /** Human description for the instrument table. */
  label: string;
  /** Trading days per year, to turn annual volatility and drift into daily ones. */
  periodsPerYear: number;
  /** Minutes in one session; constant because DST switches (Sunday 02:00) never fall inside one. */
  minutes: number;
  /** True when every session opens with a gap (cash equities); otherwise only after a closed day. */
  gapEveryDay: boolean;
  profile: IntradayProfile;
  /** True when trading date `day` has a session. */
  trades(day: number): boolean;
  /** UTC epoch ms of the open of trading date `day`'s session. */
  opensAt(day: number): number;
}

const isWeekday = (day: number) => {
  const dow = weekday(day);
  return dow >= 1 && dow <= 5;
};

function session(kind: SessionKind, fields: Omit<TradingSession, 'kind' | 'profile'>): TradingSession {
  return { kind, ...fields, profile: buildProfile(kind, fields.minutes) };
}

/** The sessions by kind. */
export const sessions: Record<SessionKind, TradingSession> = {
  'us-equity': session('us-equity', {
    label: 'Mon–Fri 09:30–16:00 America/New_York',
    periodsPerYear: 252,
    minutes: 390,
    gapEveryDay: true,
    trades: isWeekday,
    opensAt: (day) => newYorkInstant(day, 9 * 60 + 30),
  }),
  fx: session('fx', {
    label: 'Sun 17:00 – Fri 17:00 America/New_York, around the clock',
    periodsPerYear: 252,
    minutes: 24 * 60,
    gapEveryDay: false,
    trades: isWeekday,
    opensAt: (day) => newYorkInstant(day - 1, 17 * 60),
  }),
  cme: session('cme', {
    label: 'Sun–Fri 18:00–17:00 America/New_York, 1 h daily break',
    periodsPerYear: 252,
    minutes: 23 * 60,
    gapEveryDay: false,
    trades: isWeekday,
    opensAt: (day) => newYorkInstant(day - 1, 18 * 60),
  }),
  crypto: session('crypto', {
    label: '24/7, trading date = UTC day',
    periodsPerYear: 365,
    minutes: 24 * 60,
    gapEveryDay: false,
    trades: () => true,
    opensAt: (day) => day * DAY_MS,
  }),
};
