import type { AlignmentReport, PriceSeries, RiskPosition } from '@nautilus/sdk';
import { NautilusError } from '@nautilus/sdk';
import { alignPrices } from './align-prices.ts';
import { fieldError } from './field-error.ts';
import { type ReturnHistory, returnHistory } from './returns.ts';

/** A position valued at its price (or its symbol's last close), pointing at its asset column. */
export interface ValuedPosition {
  symbol: string;
  quantity: number;
  price: number;
  /** Signed market value, quantity × price. */
  value: number;
  /** Index of the position's symbol in `RiskInputs.assets`. */
  asset: number;
}

/** A portfolio reduced to one exposure per distinct symbol, with the symbols' aligned daily returns. */
export interface RiskInputs {
  /** Distinct symbols, in the order they first appear among the positions. */
  assets: string[];
  /** Money exposed to each asset: the sum of its positions' values. */
  exposures: number[];
  positions: ValuedPosition[];
  grossValue: number;
  netValue: number;
  /** Daily simple returns on the common calendar of the assets. */
  history: ReturnHistory;
  /** The common calendar's dates (one more than the returns). */
  priceTime: number[];
  droppedDates: number;
  droppedPerSymbol: Record<string, number>;
}

/**
 * Values the positions and lines up their symbols' histories. Several positions in one symbol share
 * its asset column (their exposures add up), so the covariance stays as small as the set of symbols.
 */
export function prepareRiskInputs(positions: readonly RiskPosition[], prices: Record<string, PriceSeries>): RiskInputs {
  positions.forEach((position, i) => {
    if (!Object.hasOwn(prices, position.symbol)) {
      throw fieldError(
        `positions[${i}].symbol`,
        `${position.symbol} has no price series in prices; add its closes or remove the position`,
      );
    }
  });
  const assets = [...new Set(positions.map((position) => position.symbol))];
  const aligned = alignPrices(prices, assets);
  const exposures = assets.map(() => 0);
  const valued = positions.map((position) => {
    const asset = assets.indexOf(position.symbol);
    const closes = prices[position.symbol]!.close;
    const price = position.price ?? closes[closes.length - 1]!;
    // 0 × price is +0 even for a negative zero quantity: no -0 in results.
    const value = position.quantity === 0 ? 0 : position.quantity * price;
    exposures[asset]! += value;
    return { symbol: position.symbol, quantity: position.quantity, price, value, asset };
  });
  return {
    assets,
    exposures,
    positions: valued,
    grossValue: valued.reduce((sum, position) => sum + Math.abs(position.value), 0),
    netValue: valued.reduce((sum, position) => sum + position.value, 0),
    history: returnHistory(aligned),
    priceTime: aligned.time,
    droppedDates: aligned.droppedDates,
    droppedPerSymbol: aligned.droppedPerSymbol,
  };
}

/** Throws INSUFFICIENT_DATA unless the aligned history holds at least `needed` daily returns. */
export function requireReturns(inputs: RiskInputs, needed: number, why: string): void {
  const available = inputs.history.rows.length;
  if (available >= needed) return;
  throw new NautilusError(
    'INSUFFICIENT_DATA',
    `${why} needs ${needed} daily returns (${needed + 1} closes on dates common to ${inputs.assets.join(', ')}), ` +
      `but the aligned histories give only ${available}; supply longer histories or lower the lookback.`,
    { details: { needed, available } },
  );
}

/** The alignment report of a window made of the last `returnsRead` daily returns, counted as `observations`. */
export function alignmentReport(inputs: RiskInputs, returnsRead: number, observations: number): AlignmentReport {
  const { priceTime } = inputs;
  return {
    observations,
    from: priceTime[priceTime.length - 1 - returnsRead]!,
    to: priceTime[priceTime.length - 1]!,
    droppedDates: inputs.droppedDates,
    droppedPerSymbol: inputs.droppedPerSymbol,
  };
}

/** A note saying which dates the alignment left out, or nothing when the calendars matched. */
export function alignmentNote(inputs: RiskInputs): string[] {
  if (inputs.droppedDates === 0) return [];
  const perSymbol = Object.entries(inputs.droppedPerSymbol)
    .filter(([, count]) => count > 0)
    .map(([symbol, count]) => `${symbol} ${count}`)
    .join(', ');
  return [`Aligned on the dates all symbols share: ${inputs.droppedDates} dates left out (own dates dropped: ${perSymbol}).`];
}
