import { boxMuller, counterKey, seedOf } from './counter-random.ts';
import type { SimInstrument } from './instrument.ts';
import type { TradingSession } from './sessions.ts';

/** 2000-01-03 (a Monday), days since 1970-01-01: the simulated history starts here. */
export const EPOCH_DAY = 10_959;
/** 2025-01-02: each instrument closes at its anchorPrice on this date. */
export const ANCHOR_DAY = 20_090;

// Log price reverts to its trend line with a one-year half-life, so 25 years of history stay in a
// plausible band instead of drifting to 0.01 or 10 million.
const REVERSION_PER_YEAR = Math.LN2;
// Volatility clustering: log-volatility is AR(1) with a ~14-day half-life and a 32 % stationary spread.
const VOL_PERSISTENCE = 0.05;
const VOL_OF_VOL = 0.1;
const VOL_VARIANCE = VOL_OF_VOL ** 2 / (1 - (1 - VOL_PERSISTENCE) ** 2);

/** Per trading date, indexed by day - EPOCH_DAY; log prices are before pinning to the anchor price. */
export interface DayColumns {
  open: Float64Array<ArrayBuffer>;
  close: Float64Array<ArrayBuffer>;
  sigma: Float64Array<ArrayBuffer>;
  volume: Float64Array<ArrayBuffer>;
}

/** The daily process of one instrument: GBM-like log returns around a trend, mean-reverting, with clustered volatility. */
export interface DailyProcess {
  /** Fills the columns for the day at `index`; days must be stepped in order from EPOCH_DAY. */
  step(columns: DayColumns, index: number): void;
}

/** Starts the daily process of `instrument` at EPOCH_DAY; `seed` keys all its draws. */
export function startDailyProcess(instrument: SimInstrument, session: TradingSession, seed: number): DailyProcess {
  const periods = session.periodsPerYear;
  const dailySigma = instrument.volatility / Math.sqrt(periods);
  const reversion = REVERSION_PER_YEAR / periods;
  const factorSeed = instrument.factor ? seedOf(`factor:${instrument.factor.name}`) : 0;
  const rho = instrument.factor?.correlation ?? 0;
  const normal = (key: number, day: number, stream: number) =>
    boxMuller(counterKey(key, day, stream), counterKey(key, day, stream + 1));
  // The factor's draws depend on the date only, so every instrument on the factor shares them; the
  // volatility shocks are shared too, else calm and stormy weeks would decorrelate SPY from ES.
  const idiosyncratic = Math.sqrt(1 - rho * rho);
  const correlated = (own: number, day: number, stream: number) =>
    (rho ? rho * normal(factorSeed, day, stream) : 0) + idiosyncratic * own;
  let deviation = 0;
  let logVol = 0;
  let lastClose = (instrument.drift * (EPOCH_DAY - 1 - ANCHOR_DAY)) / 365.25;
  let lastTraded = true;

  return {
    step(columns, index) {
      const day = EPOCH_DAY + index;
      if (!session.trades(day)) {
        columns.open[index] = columns.close[index] = lastClose;
        lastTraded = false;
        return;
      }
      const shock = correlated(normal(seed, day, 0), day, 0);
      const sigma = dailySigma * Math.exp(logVol - VOL_VARIANCE);
      const gapped = session.gapEveryDay || !lastTraded;
      columns.open[index] = lastClose + (gapped ? instrument.gap * sigma * normal(seed, day, 2) : 0);
      deviation = deviation * (1 - reversion) + sigma * shock;
      lastClose = (instrument.drift * (day - ANCHOR_DAY)) / 365.25 + deviation;
      columns.close[index] = lastClose;
      columns.sigma[index] = sigma;
      // Mean 1, and busier on big moves (E|shock| = 0.8), as real volume is.
      columns.volume[index] = Math.exp(0.3 * normal(seed, day, 4) - 0.045) * (0.75 + 0.3125 * Math.abs(shock));
      logVol = logVol * (1 - VOL_PERSISTENCE) + VOL_OF_VOL * correlated(normal(seed, day, 6), day, 6);
      lastTraded = true;
    },
  };
}
