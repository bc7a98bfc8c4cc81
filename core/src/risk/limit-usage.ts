import { ACCOUNT_LIMITS, compileLimitSet, measureAccount } from '@nautilus/runtime';
import { LIMIT_TABLE_COLUMNS, type Limit, type LimitSet, type TableFrame } from '@nautilus/sdk';
import type { PluginHost } from '../plugins/plugin-host.ts';
import { portfolioLimitState } from './portfolio-limit-state.ts';
import type { Portfolio } from './portfolio-store.ts';
import type { RiskService } from './risk-service.ts';

/** Limits that measure orders, not holdings: a portfolio at rest has no value for them. */
const ORDER_LIMITS = new Set<Limit['kind']>(['maxOrderQuantity', 'maxOrderNotional', 'maxOrderRate', 'tradingHours']);

interface Row {
  limit: string;
  scope: string;
  value: number;
  warn: number | null;
  hard: number;
}

/**
 * How much of each limit a stored portfolio uses at its last closes: one row per limit with the
 * value, the thresholds, value / hard and a status, measured on the state the pre-trade checks read
 * (`portfolioLimitState`).
 * Order limits (quantity, notional, rate, trading hours) measure orders, so they have no row here;
 * pre-trade checks apply them.
 */
export async function limitUsage(host: PluginHost, risk: RiskService, portfolio: Portfolio, asOf: number): Promise<TableFrame> {
  const limits = (portfolio.limits?.limits ?? []).filter((limit) => !ORDER_LIMITS.has(limit.kind));
  const rows: Row[] = [];
  if (limits.length > 0 && portfolio.positions.length > 0) {
    const { marked, state, varInputs } = await portfolioLimitState(host, risk, portfolio, asOf);
    const { values } = marked;
    const gross = values.reduce((sum, item) => sum + Math.abs(item.value), 0);
    const net = values.reduce((sum, item) => sum + item.value, 0);
    const { equity } = state;
    // Daily loss, drawdown, leverage and VaR exactly as the runtime's checks measure them.
    const account = new Float64Array(ACCOUNT_LIMITS.length);
    measureAccount(state, compileLimitSet(portfolio.limits as LimitSet), varInputs, account);
    const accountValue = (kind: (typeof ACCOUNT_LIMITS)[number]) => account[ACCOUNT_LIMITS.indexOf(kind)] as number;
    for (const limit of limits) {
      const base = { limit: limit.kind, warn: 'warn' in limit ? (limit.warn ?? null) : null };
      switch (limit.kind) {
        case 'maxPosition':
        case 'maxConcentration': {
          const measure = (item: (typeof values)[number]) =>
            limit.kind === 'maxPosition' ? Math.abs(item.quantity) : Math.abs(item.value) / equity;
          const candidates = limit.symbol ? values.filter((item) => item.symbol === limit.symbol) : values;
          const worst = candidates.reduce<(typeof values)[number] | undefined>(
            (best, item) => (!best || measure(item) > measure(best) ? item : best),
            undefined,
          );
          rows.push({
            ...base,
            scope: worst?.symbol ?? limit.symbol ?? 'portfolio',
            value: worst ? measure(worst) : 0,
            hard: limit.hard,
          });
          break;
        }
        case 'maxGrossExposure':
          rows.push({ ...base, scope: 'portfolio', value: gross, hard: limit.hard });
          break;
        case 'maxNetExposure':
          rows.push({ ...base, scope: 'portfolio', value: Math.abs(net), hard: limit.hard });
          break;
        case 'maxLeverage':
        case 'maxDrawdown':
        case 'maxVar':
          rows.push({ ...base, scope: 'portfolio', value: accountValue(limit.kind), hard: limit.hard });
          break;
        case 'maxDailyLoss':
          // A gain is no loss: shown as 0.
          rows.push({ ...base, scope: 'portfolio', value: Math.max(0, accountValue(limit.kind)), hard: limit.hard });
          break;
        case 'allowedInstruments': {
          const outside = values.filter((item) => item.quantity !== 0 && !limit.symbols.includes(item.symbol));
          // A count against a limit of none: any held instrument outside the list is a breach.
          rows.push({
            limit: limit.kind,
            warn: null,
            scope: outside.map((item) => item.symbol).join(', ') || 'portfolio',
            value: outside.length,
            hard: 0,
          });
          break;
        }
      }
    }
  }
  return {
    kind: 'table',
    columns: [...LIMIT_TABLE_COLUMNS],
    rows: rows.map((row) => [
      row.limit,
      row.scope,
      row.value,
      row.warn,
      row.hard,
      // A limit of none (allowed instruments) is fully used by any breach.
      row.hard > 0 ? row.value / row.hard : row.value > 0 ? 1 : 0,
      // A value that cannot be computed (NaN, e.g. VaR from inputs that give none) counts as a breach, as in the checks.
      !(row.value <= row.hard) ? 'breach' : row.warn !== null && row.value > row.warn ? 'warn' : 'ok',
    ]),
  };
}
