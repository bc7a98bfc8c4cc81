import { LIMIT_KIND_NAMES, LIMIT_KINDS, type LimitKind, limitKindName } from '@nautilus/sdk';

/** A field a limit row can show; which ones depends on the kind. */
export type LimitField =
  | 'warn'
  | 'hard'
  | 'symbol'
  | 'windowMs'
  | 'timeZone'
  | 'start'
  | 'end'
  | 'weekdays'
  | 'symbols'
  | 'confidence';

/** How a kind's thresholds read: money, units, a count of orders, a ratio, or a fraction (0.25 = 25 %). */
export type ThresholdUnit = 'money' | 'units' | 'orders' | 'ratio' | 'fraction';

export interface LimitKindInfo {
  label: string;
  /** One line: what the limit measures. */
  explanation: string;
  /** The fields the kind takes besides `kind`, in the order the row shows them (as sdk's checkLimitSet lists them). */
  fields: readonly LimitField[];
  unit?: ThresholdUnit;
}

const thresholds = ['warn', 'hard'] as const;

/** Every limit kind with its label, explanation and fields, in the order the kind select lists them. */
export const LIMIT_KIND_INFO: Record<LimitKind, LimitKindInfo> = {
  maxPosition: {
    label: LIMIT_KIND_NAMES.maxPosition,
    explanation: 'Units held of one instrument once the order fills (long or short).',
    fields: [...thresholds, 'symbol'],
    unit: 'units',
  },
  maxOrderQuantity: {
    label: LIMIT_KIND_NAMES.maxOrderQuantity,
    explanation: 'Units in one order.',
    fields: [...thresholds, 'symbol'],
    unit: 'units',
  },
  maxOrderNotional: {
    label: LIMIT_KIND_NAMES.maxOrderNotional,
    explanation: 'Money in one order: quantity × its limit, stop or market price.',
    fields: [...thresholds, 'symbol'],
    unit: 'money',
  },
  maxOrderRate: {
    label: LIMIT_KIND_NAMES.maxOrderRate,
    explanation: 'Orders accepted within a sliding window, this one included.',
    fields: ['windowMs', ...thresholds],
    unit: 'orders',
  },
  maxGrossExposure: {
    label: LIMIT_KIND_NAMES.maxGrossExposure,
    explanation: 'Money: Σ |quantity × price| over all positions.',
    fields: thresholds,
    unit: 'money',
  },
  maxNetExposure: {
    label: LIMIT_KIND_NAMES.maxNetExposure,
    explanation: 'Money: |Σ quantity × price| over all positions, longs and shorts netted.',
    fields: thresholds,
    unit: 'money',
  },
  maxLeverage: {
    label: LIMIT_KIND_NAMES.maxLeverage,
    explanation: 'Gross exposure / equity (2 = 2:1).',
    fields: thresholds,
    unit: 'ratio',
  },
  maxConcentration: {
    label: LIMIT_KIND_NAMES.maxConcentration,
    explanation: "One instrument's position as a fraction of equity (0.25 = 25 %).",
    fields: [...thresholds, 'symbol'],
    unit: 'fraction',
  },
  maxVar: {
    label: LIMIT_KIND_NAMES.maxVar,
    explanation: 'Money: one-day parametric VaR of the positions at the chosen confidence.',
    fields: [...thresholds, 'confidence'],
    unit: 'money',
  },
  maxDailyLoss: {
    label: LIMIT_KIND_NAMES.maxDailyLoss,
    explanation: 'Money lost since the start of the day (midnight in the time zone, UTC by default).',
    fields: [...thresholds, 'timeZone'],
    unit: 'money',
  },
  maxDrawdown: {
    label: LIMIT_KIND_NAMES.maxDrawdown,
    explanation: 'Fall of equity below its running peak, a fraction (0.1 = 10 %).',
    fields: thresholds,
    unit: 'fraction',
  },
  allowedInstruments: {
    label: LIMIT_KIND_NAMES.allowedInstruments,
    explanation: 'Only these instruments may be traded; any other order is denied.',
    fields: ['symbols'],
  },
  tradingHours: {
    label: LIMIT_KIND_NAMES.tradingHours,
    explanation: 'Orders only from start to end, local time in the time zone, on the chosen weekdays.',
    fields: ['timeZone', 'start', 'end', 'weekdays'],
  },
};

/** The sliding windows offered by name for maxOrderRate; any other window is entered in ms. */
export const RATE_WINDOWS = [
  { value: 1_000, label: 'per second' },
  { value: 60_000, label: 'per minute' },
  { value: 3_600_000, label: 'per hour' },
] as const;

/** Confidence levels offered for maxVar. */
export const VAR_CONFIDENCES = [0.9, 0.95, 0.975, 0.99] as const;

export const BREACH_ACTIONS = [
  { value: 'deny', label: 'Deny the order', explanation: 'Orders are checked one by one; nothing else changes.' },
  {
    value: 'reduce-only',
    label: 'Reduce only',
    explanation: 'After a hard breach at a bar close, only orders that reduce a position are accepted.',
  },
  {
    value: 'halt',
    label: 'Halt',
    explanation: 'After a hard breach at a bar close, open orders are cancelled and trading stops.',
  },
] as const;

/**
 * A limit's human name as findings and alerts carry its kind; a kind this build does not know keeps its code.
 * @example limitName('maxPosition') // 'Max position'
 */
export function limitName(limit: string): string {
  return limit === 'summary' ? 'Findings not stored one by one' : limitKindName(limit);
}

const KIND_CODE = new RegExp(`\\b(${LIMIT_KINDS.join('|')})\\b`, 'g');

/**
 * A finding's message for people: without the leading `<kind>: ` (the limit is named beside it) and
 * with any other limit kind it mentions by name.
 * @example limitMessage('maxGrossExposure', 'maxGrossExposure: resulting gross exposure 2,000,000 exceeds hard limit 1,000,000')
 * // 'resulting gross exposure 2,000,000 exceeds hard limit 1,000,000'
 */
export function limitMessage(limit: string, message: string): string {
  const own = `${limit}: `;
  const rest = message.startsWith(own) ? message.slice(own.length) : message;
  return rest.replace(KIND_CODE, (code) => limitKindName(code));
}
