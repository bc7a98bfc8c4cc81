/** Asset classes, in the order the instrument table lists them. */
export const assetClasses = ['stock', 'etf', 'index', 'fx', 'crypto', 'future'] as const;
export type AssetClass = (typeof assetClasses)[number];

/** Trading-hours families; see sessions.ts for the hours of each. */
export type SessionKind = 'us-equity' | 'fx' | 'crypto' | 'cme';

/** Common drivers shared by several instruments' daily returns, so SPY, SPX and ES move together. */
export type MarketFactor = 'us-equity' | 'crypto';

/** One simulated instrument and the parameters of its price process. */
export interface SimInstrument {
  symbol: string;
  name: string;
  assetClass: AssetClass;
  /** Currency prices are quoted in. */
  currency: string;
  session: SessionKind;
  /** Close on the anchor date 2025-01-02: the daily path is pinned there, so levels look current. */
  anchorPrice: number;
  /** Annualised volatility of daily log returns (daily σ times √252, √365 for crypto). */
  volatility: number;
  /** Annual drift of the log price's trend line. */
  drift: number;
  /** Prices are multiples of this. */
  tickSize: number;
  /** Decimals needed to show a price. */
  priceDecimals: number;
  /** Typical volume per trading day: shares, contracts, coins, or ticks for FX; 0 for an index. */
  dailyVolume: number;
  /** Standard deviation of the opening gap, as a fraction of the day's volatility. */
  gap: number;
  /** Optional common factor and the correlation of this instrument's daily shocks with it. */
  factor?: { name: MarketFactor; correlation: number };
}
