import type { LimitKind } from '@nautilus/sdk';

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
    label: 'Max position',
    explanation: 'Units held of one instrument once the order fills (long or short).',
    fields: [...thresholds, 'symbol'],
    unit: 'units',
  },
  maxOrderQuantity: {
    label: 'Max order quantity',
    explanation: 'Units in one order.',
    fields: [...thresholds, 'symbol'],
    unit: 'units',
  },
  maxOrderNotional: {
    label: 'Max order notional',
    explanation: 'Money in one order: quantity × its limit, stop or market price.',
    fields: [...thresholds, 'symbol'],
    unit: 'money',
  },
  maxOrderRate: {
    label: 'Max order rate',
    explanation: 'Orders accepted within a sliding window, this one included.',
    fields: ['windowMs', ...thresholds],
    unit: 'orders',
  },
  maxGrossExposure: {
    label: 'Max gross exposure',
    explanation: 'Money: Σ |quantity × price| over all positions.',
    fields: thresholds,
    unit: 'money',
  },
  maxNetExposure: {
    label: 'Max net exposure',
    explanation: 'Money: |Σ quantity × price| over all positions, longs and shorts netted.',
    fields: thresholds,
    unit: 'money',
  },
  maxLeverage: {
    label: 'Max leverage',
    explanation: 'Gross exposure / equity (2 = 2:1).',
    fields: thresholds,
    unit: 'ratio',
  },
  maxConcentration: {
    label: 'Max concentration',
    explanation: "One instrument's position as a fraction of equity (0.25 = 25 %).",
    fields: [...thresholds, 'symbol'],
    unit: 'fraction',
  },
  maxVar: {
    label: 'Max VaR',
    explanation: 'Money: one-day parametric VaR of the positions at the chosen confidence.',
    fields: [...thresholds, 'confidence'],
    unit: 'money',
  },
  maxDailyLoss: {
    label: 'Max daily loss',
    explanation: 'Money lost since the start of the day (midnight in the time zone, UTC by default).',
    fields: [...thresholds, 'timeZone'],
    unit: 'money',
  },
  maxDrawdown: {
    label: 'Max drawdown',
    explanation: 'Fall of equity below its running peak, a fraction (0.1 = 10 %).',
    fields: thresholds,
    unit: 'fraction',
  },
  allowedInstruments: {
    label: 'Allowed instruments',
    explanation: 'Only these instruments may be traded; any other order is denied.',
    fields: ['symbols'],
  },
  tradingHours: {
    label: 'Trading hours',
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
