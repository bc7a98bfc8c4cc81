import type { OrderRequest, OrderSide, OrderType, TimeInForce } from '@nautilus/sdk';
import type { WorkingOrder } from './working-order.ts';

const SIDES: readonly string[] = ['buy', 'sell'];
const TYPES: readonly string[] = ['market', 'limit', 'stop', 'stop-limit'];
const TIMES_IN_FORCE: readonly string[] = ['gtc', 'day', 'ioc'];
const MAX_TAG = 64;

type OrderFields = Pick<WorkingOrder, 'side' | 'type' | 'quantity' | 'limitPrice' | 'stopPrice' | 'timeInForce' | 'tag'>;

/**
 * Reads a strategy's order request into plain fields, or says in words why it cannot be an order.
 * Strict on purpose: a limit price on a market order is far more likely a forgotten `type: 'limit'`
 * than a wish to ignore it.
 */
export function readOrderRequest(request: OrderRequest): OrderFields | string {
  if (typeof request !== 'object' || request === null) return 'the order must be an object { side, quantity, … }';
  const { side, quantity, type = 'market', limitPrice, stopPrice, timeInForce = 'gtc', tag } = request;
  if (!SIDES.includes(side)) return `side must be 'buy' or 'sell', got ${show(side)}`;
  if (typeof quantity !== 'number' || !(quantity > 0) || !Number.isFinite(quantity)) {
    return `quantity must be a positive finite number, got ${show(quantity)}`;
  }
  if (!TYPES.includes(type)) return `type must be 'market', 'limit', 'stop' or 'stop-limit', got ${show(type)}`;
  if (!TIMES_IN_FORCE.includes(timeInForce)) return `timeInForce must be 'gtc', 'day' or 'ioc', got ${show(timeInForce)}`;
  const needsLimit = type === 'limit' || type === 'stop-limit';
  const needsStop = type === 'stop' || type === 'stop-limit';
  const limitProblem = priceProblem('limitPrice', limitPrice, needsLimit, type);
  if (limitProblem) return limitProblem;
  const stopProblem = priceProblem('stopPrice', stopPrice, needsStop, type);
  if (stopProblem) return stopProblem;
  if (tag !== undefined && typeof tag !== 'string') return `tag must be a string, got ${show(tag)}`;
  return {
    side: side as OrderSide,
    type: type as OrderType,
    quantity,
    limitPrice: needsLimit ? (limitPrice as number) : Number.NaN,
    stopPrice: needsStop ? (stopPrice as number) : Number.NaN,
    timeInForce: timeInForce as TimeInForce,
    tag: tag === undefined ? null : tag.slice(0, MAX_TAG),
  };
}

function priceProblem(name: string, value: unknown, needed: boolean, type: string): string | undefined {
  if (!needed) return value === undefined ? undefined : `${name} was given for a ${type} order; set the type that uses it`;
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) {
    return `a ${type} order needs ${name} as a positive finite number, got ${show(value)}`;
  }
  return undefined;
}

function show(value: unknown): string {
  if (typeof value === 'string') return `'${value.slice(0, 40)}'`;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  return typeof value;
}

/** Record fields for a request too broken to read, so that its rejection can still be reported. */
export function rejectedRequestFields(request: unknown): OrderFields {
  const raw = (typeof request === 'object' && request !== null ? request : {}) as Record<string, unknown>;
  return {
    side: raw.side === 'sell' ? 'sell' : 'buy',
    type: TYPES.includes(raw.type as string) ? (raw.type as OrderType) : 'market',
    quantity: typeof raw.quantity === 'number' && Number.isFinite(raw.quantity) ? raw.quantity : 0,
    limitPrice: Number.NaN,
    stopPrice: Number.NaN,
    timeInForce: raw.timeInForce === 'day' || raw.timeInForce === 'ioc' ? raw.timeInForce : 'gtc',
    tag: null,
  };
}
