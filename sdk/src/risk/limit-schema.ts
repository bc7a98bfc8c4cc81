import type { JsonSchema } from '../json-schema.ts';
import type { LimitKind, Weekday } from './limits.ts';

/** Every limit kind, in the order a check evaluates them after the trading mode. */
export const LIMIT_KINDS = [
  'allowedInstruments',
  'tradingHours',
  'maxOrderQuantity',
  'maxOrderNotional',
  'maxOrderRate',
  'maxPosition',
  'maxConcentration',
  'maxGrossExposure',
  'maxNetExposure',
  'maxLeverage',
  'maxVar',
  'maxDailyLoss',
  'maxDrawdown',
] as const satisfies readonly LimitKind[];

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const satisfies readonly Weekday[];

/** 'HH:MM' from 00:00 to 23:59. */
export const CLOCK_TIME_PATTERN = '^([01][0-9]|2[0-3]):[0-5][0-9]$';

const symbol: JsonSchema = { type: 'string', minLength: 1, maxLength: 100, 'x-widget': 'instrument' };
const amount = (description: string): JsonSchema => ({ type: 'number', minimum: 0, description });
const timeZone: JsonSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 64,
  description: "an IANA time zone such as 'America/New_York'",
};

function thresholds(
  kind: LimitKind,
  unit: string,
  options: { symbol?: boolean; max?: number; extra?: Record<string, JsonSchema> } = {},
): JsonSchema {
  const value: JsonSchema = { ...amount(unit), ...(options.max === undefined ? {} : { maximum: options.max }) };
  return {
    type: 'object',
    additionalProperties: false,
    required: ['kind', 'hard'],
    properties: {
      kind: { const: kind },
      warn: { ...value, description: `${unit}; above it an order is accepted with a warning (must be < hard)` },
      hard: { ...value, description: `${unit}; above it an order is denied` },
      ...(options.symbol
        ? { symbol: { ...symbol, description: 'only this instrument (replaces the untargeted limit for it)' } }
        : {}),
      ...options.extra,
    },
  };
}

const rate: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'windowMs', 'hard'],
  properties: {
    kind: { const: 'maxOrderRate' },
    windowMs: { type: 'integer', minimum: 1, description: 'sliding window, ms' },
    warn: { type: 'integer', minimum: 1, description: 'orders in the window; must be < hard' },
    hard: { type: 'integer', minimum: 1, description: 'orders in the window, this one included' },
  },
};

/**
 * JSON Schema of {@link LimitSet}, for limit sets from HTTP and dashboard files and for forms. It
 * states the shape; `checkLimitSet` also checks what a schema cannot (warn < hard, one limit per
 * kind, known time zones, distinct start and end) and is enough on its own.
 */
export const limitSetSchema: JsonSchema = {
  $id: 'https://nautilus.dev/schemas/limit-set.json',
  type: 'object',
  additionalProperties: false,
  required: ['limits', 'onHardBreach'],
  properties: {
    limits: {
      type: 'array',
      maxItems: 100,
      items: {
        oneOf: [
          thresholds('maxOrderQuantity', 'units in one order', { symbol: true }),
          thresholds('maxOrderNotional', 'money in one order', { symbol: true }),
          thresholds('maxPosition', 'absolute units held of one instrument', { symbol: true }),
          thresholds('maxGrossExposure', 'money, Σ |quantity × price|'),
          thresholds('maxNetExposure', 'money, |Σ quantity × price|'),
          thresholds('maxLeverage', 'gross exposure / equity'),
          thresholds('maxConcentration', "a fraction of equity in one instrument's position", { symbol: true }),
          thresholds('maxDailyLoss', 'money lost since the start of the day', { extra: { timeZone } }),
          thresholds('maxDrawdown', 'a fraction below peak equity', { max: 1 }),
          thresholds('maxVar', 'money, one-day parametric VaR', {
            extra: {
              confidence: { type: 'number', exclusiveMinimum: 0.5, exclusiveMaximum: 1, default: 0.99 },
              volatility: {
                type: 'object',
                description: 'daily return standard deviation per instrument, a fraction',
                additionalProperties: { type: 'number', minimum: 0 },
              },
            },
          }),
          rate,
          {
            type: 'object',
            additionalProperties: false,
            required: ['kind', 'symbols'],
            properties: {
              kind: { const: 'allowedInstruments' },
              symbols: { type: 'array', minItems: 1, uniqueItems: true, items: symbol },
            },
          },
          {
            type: 'object',
            additionalProperties: false,
            required: ['kind', 'timeZone', 'start', 'end'],
            properties: {
              kind: { const: 'tradingHours' },
              timeZone,
              start: { type: 'string', pattern: CLOCK_TIME_PATTERN, description: "'HH:MM', inclusive" },
              end: { type: 'string', pattern: '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$', description: "'HH:MM', exclusive" },
              weekdays: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: WEEKDAYS } },
            },
          },
        ],
      },
    },
    onHardBreach: { enum: ['deny', 'reduce-only', 'halt'] },
  },
};
