import { type Attribution, attribution } from '@nautilus/analytics';
import { NautilusError } from '@nautilus/sdk';
import { getPortfolio } from '../risk/portfolio-store.ts';
import { loadAssetClasses, loadDailyCloses } from '../risk/price-history.ts';
import { type Actor, requirePermission } from '../sharing/permissions.ts';
import { attributionPeriods } from './attribution-periods.ts';
import type { Parts } from './equity-tear-sheet.ts';

/** Attribution with the span it covers. */
export type AttributionView = Attribution & { from: number | null; to: number | null };

/**
 * A portfolio's Brinson–Fachler attribution against a benchmark weight set over its last `days`
 * daily closes (its current holdings, weights drifting with prices; the benchmark rebalanced daily),
 * by instrument and by asset class (the instruments source's classes, a position's own class first).
 */
export async function portfolioAttribution(
  services: Parts,
  user: Actor,
  id: string,
  options: { weights: Record<string, number>; days?: number | undefined },
): Promise<AttributionView> {
  await requirePermission(services.db, user, 'portfolio', id, 'view');
  const portfolio = await getPortfolio(services.db, id);
  const sum = Object.values(options.weights).reduce((total, weight) => total + weight, 0);
  if (Math.abs(sum - 1) > 1e-6) {
    throw NautilusError.validation('attribution', [{ path: 'weights', message: `must sum to 1, got ${sum}` }]);
  }
  if (portfolio.positions.length === 0) {
    throw NautilusError.validation('attribution', [{ path: 'id', message: `portfolio ${portfolio.name} holds no positions` }]);
  }
  const days = options.days ?? 252;
  const symbols = [...new Set([...portfolio.positions.map((position) => position.symbol), ...Object.keys(options.weights)])];
  const [prices, classes] = await Promise.all([
    loadDailyCloses(services.plugins, portfolio.dataSource, symbols, days, Date.now()),
    loadAssetClasses(services.plugins, portfolio.dataSource),
  ]);
  for (const position of portfolio.positions) if (position.assetClass) classes[position.symbol] = position.assetClass;
  const periods = attributionPeriods(portfolio.positions, options.weights, prices).slice(-days);
  return { ...attribution(periods, classes), from: periods[0]?.time ?? null, to: periods[periods.length - 1]?.time ?? null };
}
