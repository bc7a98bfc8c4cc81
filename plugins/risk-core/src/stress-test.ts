import type { FieldIssue, PriceSeries, StressRequest, StressResult, StressScenario, StressTest } from '@nautilus/sdk';
import { NautilusError } from '@nautilus/sdk';
import { checkPriceSeries } from './align-prices.ts';
import { checkPositions } from './check-positions.ts';
import { fieldError, shown } from './field-error.ts';

/**
 * Revalues the positions under one scenario. Historical: each position moves by its instrument's
 * return from the close at or before `from` to the close at or before `to`. Hypothetical: by the
 * shock of its symbol, else of its asset class, else 0 (with a note). P&L = value × shock.
 */
export function runStressTest(request: StressRequest): StressResult {
  checkStressRequest(request);
  const { positions, prices, scenario } = request;
  const notes: string[] = [];
  const rows = positions.map((position, i) => {
    const series = Object.hasOwn(prices, position.symbol)
      ? checkPriceSeries(position.symbol, prices[position.symbol])
      : undefined;
    const shock =
      scenario.kind === 'historical'
        ? historicalShock(position.symbol, series, scenario, i, notes)
        : hypotheticalShock(position.symbol, position.assetClass, scenario, notes);
    const value = positionValue(position.quantity, position.price ?? series?.close[series.close.length - 1], i);
    return { symbol: position.symbol, value, shock, pnl: value * shock + 0 };
  });
  const grossValue = rows.reduce((sum, row) => sum + Math.abs(row.value), 0);
  const totalPnl = rows.reduce((sum, row) => sum + row.pnl, 0) + 0;
  return { scenario: scenario.name, positions: rows, totalPnl, totalPct: grossValue > 0 ? totalPnl / grossValue : 0, notes };
}

/** The `scenarios` stress test: runs one historical or hypothetical scenario. */
export const scenarioStressTest: StressTest = {
  async run(request, signal) {
    signal.throwIfAborted();
    return runStressTest(request);
  },
};

function positionValue(quantity: number, price: number | undefined, i: number): number {
  if (price === undefined) {
    throw fieldError(
      `positions[${i}].price`,
      'is needed when prices holds no series for the symbol (nothing to value the position at)',
    );
  }
  return quantity === 0 ? 0 : quantity * price;
}

function historicalShock(
  symbol: string,
  series: PriceSeries | undefined,
  scenario: Extract<StressScenario, { kind: 'historical' }>,
  i: number,
  notes: string[],
): number {
  if (!series) throw fieldError(`positions[${i}].symbol`, `${symbol} has no price series in prices to replay the scenario on`);
  const start = lastIndexAtOrBefore(series.time, scenario.from);
  const end = lastIndexAtOrBefore(series.time, scenario.to);
  if (start < 0) {
    throw fieldError(
      `prices.${symbol}`,
      `has no close at or before scenario.from (${new Date(scenario.from).toISOString()}); its history starts ${new Date(series.time[0]!).toISOString()}`,
    );
  }
  if (end === start) notes.push(`${symbol} has no close between the scenario's from and to: shock 0.`);
  return series.close[end]! / series.close[start]! - 1;
}

function hypotheticalShock(
  symbol: string,
  assetClass: string | undefined,
  scenario: Extract<StressScenario, { kind: 'hypothetical' }>,
  notes: string[],
): number {
  const bySymbol = scenario.bySymbol?.[symbol];
  if (bySymbol !== undefined) return bySymbol;
  const byClass = assetClass === undefined ? undefined : scenario.byAssetClass?.[assetClass];
  if (byClass !== undefined) return byClass;
  notes.push(`No shock matches ${symbol}${assetClass === undefined ? '' : ` (${assetClass})`}: shock 0.`);
  return 0;
}

/** Index of the last time ≤ at in an increasing array, -1 when every time is later. */
function lastIndexAtOrBefore(time: readonly number[], at: number): number {
  let low = 0;
  let high = time.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (time[middle]! <= at) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}

function checkStressRequest(request: StressRequest): void {
  const issues: FieldIssue[] = [];
  if (request === null || typeof request !== 'object')
    throw NautilusError.validation('stress request', [{ path: '', message: 'must be an object' }]);
  checkPositions(request.positions, request.prices, issues);
  const scenario = request.scenario as StressScenario | undefined;
  if (scenario === null || typeof scenario !== 'object') {
    issues.push({ path: 'scenario', message: `must be a historical or hypothetical scenario, got ${shown(scenario)}` });
  } else {
    if (typeof scenario.name !== 'string' || scenario.name === '')
      issues.push({ path: 'scenario.name', message: `must be a non-empty string, got ${shown(scenario.name)}` });
    if (scenario.kind === 'historical') {
      if (!Number.isFinite(scenario.from))
        issues.push({ path: 'scenario.from', message: `must be an epoch ms, got ${shown(scenario.from)}` });
      if (!Number.isFinite(scenario.to))
        issues.push({ path: 'scenario.to', message: `must be an epoch ms, got ${shown(scenario.to)}` });
      else if (scenario.to <= scenario.from)
        issues.push({ path: 'scenario.to', message: `must be after scenario.from (${scenario.from}), got ${scenario.to}` });
    } else if (scenario.kind === 'hypothetical') {
      checkShocks(scenario.bySymbol, 'scenario.bySymbol', issues);
      checkShocks(scenario.byAssetClass, 'scenario.byAssetClass', issues);
    } else {
      issues.push({
        path: 'scenario.kind',
        message: `must be 'historical' or 'hypothetical', got ${shown((scenario as { kind?: unknown }).kind)}`,
      });
    }
  }
  if (issues.length > 0) throw NautilusError.validation('stress request', issues);
}

function checkShocks(shocks: Record<string, number> | undefined, path: string, issues: FieldIssue[]): void {
  if (shocks === undefined) return;
  if (shocks === null || typeof shocks !== 'object' || Array.isArray(shocks)) {
    issues.push({ path, message: `must be an object of fractional moves, got ${shown(shocks)}` });
    return;
  }
  for (const [key, shock] of Object.entries(shocks)) {
    if (typeof shock !== 'number' || !Number.isFinite(shock) || shock < -1) {
      issues.push({
        path: `${path}.${key}`,
        message: `must be a fractional move >= -1 (e.g. -0.2 for -20 %), got ${shown(shock)}`,
      });
    }
  }
}
