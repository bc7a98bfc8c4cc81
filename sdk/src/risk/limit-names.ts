import { LIMIT_KINDS } from './limit-schema.ts';
import type { LimitKind } from './limits.ts';

/** Every limit kind's name as people read it: the one table the app, alerts and risk widgets all use. */
export const LIMIT_KIND_NAMES: Record<LimitKind, string> = {
  maxPosition: 'Max position',
  maxOrderQuantity: 'Max order quantity',
  maxOrderNotional: 'Max order notional',
  maxOrderRate: 'Max order rate',
  maxGrossExposure: 'Max gross exposure',
  maxNetExposure: 'Max net exposure',
  maxLeverage: 'Max leverage',
  maxConcentration: 'Max concentration',
  maxVar: 'Max VaR',
  maxDailyLoss: 'Max daily loss',
  maxDrawdown: 'Max drawdown',
  allowedInstruments: 'Allowed instruments',
  tradingHours: 'Trading hours',
};

/**
 * A limit kind's name; a kind this version does not know (a newer server) keeps its code.
 * @example limitKindName('maxOrderNotional') // 'Max order notional'
 */
export function limitKindName(kind: string): string {
  return (LIMIT_KINDS as readonly string[]).includes(kind) ? LIMIT_KIND_NAMES[kind as LimitKind] : kind;
}
