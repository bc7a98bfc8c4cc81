import type { RiskAlert } from '../risk/risk-api.ts';
import type { Route } from '../routing/route.ts';

export const ALERT_SOURCE_LABELS: Record<RiskAlert['source']['kind'], string> = {
  backtest: 'Backtest',
  deployment: 'Deployment',
  portfolio: 'Portfolio',
};

/**
 * The page an alert's source lives on: the portfolio, or the strategy showing that run or deployment.
 * Undefined when the alert does not name the strategy (`details.strategyId`): ask the server then.
 * @example alertSourceRoute({ source: { kind: 'backtest', id: 'r1', name: 'SMA' }, details: { strategyId: 's1' } }) // { name: 'strategy', id: 's1', run: 'r1' }
 */
export function alertSourceRoute(alert: Pick<RiskAlert, 'source' | 'details'>): Route | undefined {
  const { source } = alert;
  if (source.kind === 'portfolio') return { name: 'portfolio', id: source.id };
  const strategyId = alert.details.strategyId;
  if (typeof strategyId !== 'string' || strategyId === '') return undefined;
  return source.kind === 'backtest'
    ? { name: 'strategy', id: strategyId, run: source.id }
    : { name: 'strategy', id: strategyId, deployment: source.id };
}

/** The strategy page for a run or deployment whose strategy was looked up. */
export function strategyRouteFor(kind: 'backtest' | 'deployment', sourceId: string, strategyId: string): Route {
  return kind === 'backtest'
    ? { name: 'strategy', id: strategyId, run: sourceId }
    : { name: 'strategy', id: strategyId, deployment: sourceId };
}
