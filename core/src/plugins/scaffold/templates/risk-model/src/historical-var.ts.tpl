import {
  type AlignmentReport,
  NautilusError,
  type PositionRisk,
  type PriceSeries,
  type RiskModel,
  type VarRequest,
  type VarResult,
} from '@nautilus/sdk';

/** Closes of every symbol on the dates all of them have, oldest first, and what was dropped to get there. */
function align(symbols: string[], prices: Record<string, PriceSeries>) {
  const bySymbol = symbols.map((symbol) => {
    const series = prices[symbol];
    if (!series) throw new NautilusError('INSUFFICIENT_DATA', `There are no prices for ${symbol}; load its daily closes first.`);
    return new Map(series.time.map((time, index) => [time, series.close[index]!]));
  });
  const allDates = new Set(bySymbol.flatMap((closes) => [...closes.keys()]));
  const dates = [...allDates].filter((time) => bySymbol.every((closes) => closes.has(time))).sort((a, b) => a - b);
  const droppedPerSymbol = Object.fromEntries(symbols.map((symbol, index) => [symbol, bySymbol[index]!.size - dates.length]));
  return { dates, bySymbol, droppedDates: allDates.size - dates.length, droppedPerSymbol };
}

/** The k-th worst outcome and the mean of the k worst: historical VaR and ES of a P&L sample (losses positive). */
function tail(pnl: number[], confidence: number): { var: number; es: number; scenario: number } {
  const k = Math.max(1, Math.ceil(pnl.length * (1 - confidence) - 1e-9));
  const order = pnl.map((_, index) => index).sort((a, b) => pnl[a]! - pnl[b]!);
  const worst = order.slice(0, k).map((index) => pnl[index]!);
  return { var: -pnl[order[k - 1]!]!, es: -worst.reduce((sum, value) => sum + value, 0) / k, scenario: order[k - 1]! };
}

/**
 * Historical-simulation VaR and ES: each position's value times each past daily return is one P&L
 * scenario; VaR is the k-th worst portfolio loss (k = ceil(n × (1 − confidence))), ES the mean of the
 * k worst, scaled by √horizon. Component VaRs are the positions' losses in the VaR scenario, so they
 * add up to the VaR.
 */
export const historicalVar: RiskModel = {
  async compute(request: VarRequest, signal: AbortSignal): Promise<VarResult> {
    signal.throwIfAborted();
    if (request.positions.length === 0)
      throw new NautilusError('VALIDATION', 'Add at least one position.', {
        fields: [{ path: 'positions', message: 'is empty' }],
      });
    const symbols = request.positions.map((position) => position.symbol);
    const { dates, bySymbol, droppedDates, droppedPerSymbol } = align(symbols, request.prices);
    const first = Math.max(0, dates.length - 1 - request.lookback);
    const used = dates.slice(first);
    if (used.length < 3)
      throw new NautilusError('INSUFFICIENT_DATA', `Only ${used.length} common dates; historical VaR needs at least 2 returns.`);
    const scale = Math.sqrt(request.horizonDays);
    const values = request.positions.map((position, index) => {
      const price = position.price ?? bySymbol[index]!.get(used[used.length - 1]!)!;
      return { price, value: position.quantity * price };
    });
    // pnl[position][scenario]: the position's value moved by that day's return.
    const pnl = values.map(({ value }, index) =>
      used.slice(1).map((time, day) => value * (bySymbol[index]!.get(time)! / bySymbol[index]!.get(used[day]!)! - 1)),
    );
    const portfolio = pnl[0]!.map((_, scenario) => pnl.reduce((sum, row) => sum + row[scenario]!, 0));
    const total = tail(portfolio, request.confidence);
    const portfolioVar = total.var * scale;
    const grossValue = values.reduce((sum, { value }) => sum + Math.abs(value), 0);
    const positions: PositionRisk[] = request.positions.map((position, index) => {
      const { price, value } = values[index]!;
      const componentVar = -pnl[index]![total.scenario]! * scale;
      return {
        symbol: position.symbol,
        quantity: position.quantity,
        price,
        value,
        standaloneVar: tail(pnl[index]!, request.confidence).var * scale,
        marginalVar: value === 0 ? 0 : componentVar / value,
        componentVar,
        componentVarShare: portfolioVar === 0 ? 0 : componentVar / portfolioVar,
      };
    });
    const alignment: AlignmentReport = {
      observations: portfolio.length,
      from: used[0]!,
      to: used[used.length - 1]!,
      droppedDates,
      droppedPerSymbol,
    };
    return {
      method: 'historical',
      confidence: request.confidence,
      horizonDays: request.horizonDays,
      grossValue,
      netValue: values.reduce((sum, { value }) => sum + value, 0),
      var: portfolioVar,
      es: total.es * scale,
      varPct: grossValue === 0 ? 0 : portfolioVar / grossValue,
      esPct: grossValue === 0 ? 0 : (total.es * scale) / grossValue,
      positions,
      alignment,
      notes: request.horizonDays > 1 ? [`one-day figures scaled by the square root of ${request.horizonDays} days`] : [],
    };
  },
};
