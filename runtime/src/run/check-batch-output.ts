import type { BatchOutput, StrategyDescription, StrategyFailure } from '../engine/index.ts';
import { engineError } from './strategy-errors.ts';

const TRADING_MODES: readonly string[] = ['normal', 'reduce-only', 'halted'];

// The fields each record must have, by type. Fields not listed pass as they are (the engine may grow
// new ones); what the isolate can send at all is bounded by the engine's encoder and its caps.
type Kind = 'number' | 'string' | 'boolean' | 'number?' | 'string?' | 'number|string' | 'string|undefined';
type Shape = Readonly<Record<string, Kind>>;

const ORDER: Shape = {
  id: 'number',
  side: 'string',
  type: 'string',
  quantity: 'number',
  limitPrice: 'number?',
  stopPrice: 'number?',
  timeInForce: 'string',
  status: 'string',
  triggered: 'boolean',
  tag: 'string?',
  submittedTime: 'number',
  submittedBarIndex: 'number',
  filledQuantity: 'number',
  averageFillPrice: 'number?',
  closedTime: 'number?',
  reason: 'string?',
};
const FILL: Shape = {
  orderId: 'number',
  side: 'string',
  quantity: 'number',
  price: 'number',
  commission: 'number',
  time: 'number',
  barIndex: 'number',
  tag: 'string?',
};
const TRADE: Shape = {
  side: 'string',
  quantity: 'number',
  entryTime: 'number',
  entryBarIndex: 'number',
  entryPrice: 'number',
  exitTime: 'number',
  exitBarIndex: 'number',
  exitPrice: 'number',
  pnl: 'number',
  return: 'number',
  commission: 'number',
};
const LOG_LINE: Shape = { time: 'number', barIndex: 'number', message: 'string' };
const RISK_EVENT: Shape = {
  type: 'string',
  limit: 'string',
  level: 'string',
  threshold: 'number|string',
  value: 'number|string',
  message: 'string',
  symbol: 'string|undefined',
  time: 'number',
  barIndex: 'number',
  orderId: 'number?',
  mode: 'string',
};
// The same checks written out, for the records of a run (a property read by name is far faster than by
// a computed key): shapeProblem runs only to name the problem when one of these says there is one.
type Fast = (record: any) => boolean;
const number = (value: unknown) => typeof value === 'number';
const string = (value: unknown) => typeof value === 'string';
const numberOrNull = (value: unknown) => value === null || typeof value === 'number';
const stringOrNull = (value: unknown) => value === null || typeof value === 'string';
const isOrder: Fast = (o) =>
  number(o.id) &&
  string(o.side) &&
  string(o.type) &&
  number(o.quantity) &&
  numberOrNull(o.limitPrice) &&
  numberOrNull(o.stopPrice) &&
  string(o.timeInForce) &&
  string(o.status) &&
  typeof o.triggered === 'boolean' &&
  stringOrNull(o.tag) &&
  number(o.submittedTime) &&
  number(o.submittedBarIndex) &&
  number(o.filledQuantity) &&
  numberOrNull(o.averageFillPrice) &&
  numberOrNull(o.closedTime) &&
  stringOrNull(o.reason);
const isFill: Fast = (f) =>
  number(f.orderId) &&
  string(f.side) &&
  number(f.quantity) &&
  number(f.price) &&
  number(f.commission) &&
  number(f.time) &&
  number(f.barIndex) &&
  stringOrNull(f.tag);
const isTrade: Fast = (t) =>
  string(t.side) &&
  number(t.quantity) &&
  number(t.entryTime) &&
  number(t.entryBarIndex) &&
  number(t.entryPrice) &&
  number(t.exitTime) &&
  number(t.exitBarIndex) &&
  number(t.exitPrice) &&
  number(t.pnl) &&
  number(t.return) &&
  number(t.commission);
const isLogLine: Fast = (l) => number(l.time) && number(l.barIndex) && string(l.message);
const isRiskEvent: Fast = (e) =>
  string(e.type) &&
  string(e.limit) &&
  string(e.level) &&
  (number(e.threshold) || string(e.threshold)) &&
  (number(e.value) || string(e.value)) &&
  string(e.message) &&
  (e.symbol === undefined || string(e.symbol)) &&
  number(e.time) &&
  number(e.barIndex) &&
  numberOrNull(e.orderId) &&
  string(e.mode);

const ACCOUNT: Shape = {
  barIndex: 'number',
  time: 'number',
  cash: 'number',
  equity: 'number',
  realisedPnl: 'number',
  unrealisedPnl: 'number',
  fees: 'number',
};
const POSITION: Shape = { quantity: 'number', avgPrice: 'number' };
const FAILURE: Shape = { phase: 'string', barIndex: 'number', time: 'number', kind: 'string' };
const THROWN: Shape = { name: 'string', message: 'string', stack: 'string', isError: 'boolean' };
const DESCRIPTION: Shape = { name: 'string?', description: 'string?' };

/** Records a run has reported so far: the host keeps them, so their totals are capped for the whole run. */
export interface RecordTally {
  orders: number;
  fills: number;
  trades: number;
  riskEvents: number;
  logs: number;
}

export const emptyTally = (): RecordTally => ({ orders: 0, fills: 0, trades: 0, riskEvents: 0, logs: 0 });

export interface OutputLimits {
  maxRecords: number;
  maxLogLines: number;
  maxOpenOrders: number;
}

/**
 * What comes back from the isolate is data the strategy could have tampered with (it shares the realm
 * with the engine), so the host checks its shape and size before trusting it: a broken engine fails
 * the run with INTERNAL instead of corrupting results or holding more than the run's caps.
 */
export function checkBatchOutput(value: unknown, bars: number, limits: OutputLimits, tally: RecordTally): BatchOutput {
  const output = value as Partial<BatchOutput> | null;
  const problem =
    typeof output !== 'object' || output === null
      ? 'no output'
      : !(output.equity instanceof Float64Array) || output.equity.length !== bars
        ? `equity is not ${bars} numbers`
        : (recordsProblem(output, limits, tally) ??
          accountProblem(output.account, limits.maxOpenOrders) ??
          countersProblem(output.counters) ??
          (!TRADING_MODES.includes(output.tradingMode as string) ? 'no trading mode' : failureProblem(output.failure)));
  if (problem !== undefined) throw malformed(problem);
  return output as BatchOutput;
}

/** Checks what `account()` answered. */
export function checkAccount(value: unknown, maxOpenOrders: number): BatchOutput['account'] {
  const problem = accountProblem(value, maxOpenOrders);
  if (problem !== undefined) throw malformed(problem);
  return value as BatchOutput['account'];
}

/** Checks what `describe()` answered: the file's declaration, or why it failed to load. */
export function checkDescription(value: unknown): StrategyDescription | StrategyFailure {
  const described = value as Record<string, unknown> | null;
  const problem =
    typeof described !== 'object' || described === null
      ? 'no description'
      : 'phase' in described
        ? failureProblem(described)
        : (shapeProblem(described, DESCRIPTION, 'description') ??
          (typeof described.params !== 'object' || described.params === null || Array.isArray(described.params)
            ? 'params is not an object'
            : undefined));
  if (problem !== undefined) throw malformed(problem);
  return described as unknown as StrategyDescription | StrategyFailure;
}

function malformed(problem: string) {
  return engineError(`the engine returned malformed output (${problem})`);
}

function recordsProblem(output: Partial<BatchOutput>, limits: OutputLimits, tally: RecordTally): string | undefined {
  const lists = [
    ['orders', output.orders, ORDER, isOrder, limits.maxRecords],
    ['fills', output.fills, FILL, isFill, limits.maxRecords],
    ['trades', output.trades, TRADE, isTrade, limits.maxRecords],
    ['riskEvents', output.riskEvents, RISK_EVENT, isRiskEvent, limits.maxRecords],
    ['logs', output.logs, LOG_LINE, isLogLine, limits.maxLogLines],
  ] as const;
  for (const [name, list, shape, fits, max] of lists) {
    if (!Array.isArray(list)) return `no ${name}`;
    tally[name] += list.length;
    if (tally[name] > max) return name === 'logs' ? 'more log lines than the cap' : 'more records than the cap';
    for (let index = 0; index < list.length; index++) {
      const record = list[index];
      if (typeof record === 'object' && record !== null && fits(record)) continue;
      return shapeProblem(record, shape, `${name}[${index}]`) ?? `${name}[${index}] is not a record`;
    }
  }
  return undefined;
}

function accountProblem(value: unknown, maxOpenOrders: number): string | undefined {
  const account = value as Record<string, unknown> | null;
  if (typeof account !== 'object' || account === null) return 'no account or counters';
  const problem = shapeProblem(account, ACCOUNT, 'account') ?? shapeProblem(account.position, POSITION, 'account.position');
  if (problem !== undefined) return problem;
  const open = account.openOrders;
  if (!Array.isArray(open) || open.length > maxOpenOrders) return 'account.openOrders is not a list within the cap';
  for (let index = 0; index < open.length; index++) {
    const orderProblem = shapeProblem(open[index], ORDER, `account.openOrders[${index}]`);
    if (orderProblem !== undefined) return orderProblem;
  }
  return undefined;
}

function countersProblem(value: unknown): string | undefined {
  const counters = value as Record<string, unknown> | null;
  if (typeof counters !== 'object' || counters === null) return 'no account or counters';
  if (typeof counters.bars !== 'number' || typeof counters.barsInMarket !== 'number') return 'counters are not numbers';
  for (const name of ['dropped', 'tradeStats']) {
    const numbers = counters[name];
    if (typeof numbers !== 'object' || numbers === null || !Object.values(numbers).every((item) => typeof item === 'number')) {
      return `counters.${name} are not numbers`;
    }
  }
  return undefined;
}

function failureProblem(value: unknown): string | undefined {
  if (value === null) return undefined;
  return (
    shapeProblem(value, FAILURE, 'failure') ?? shapeProblem((value as { thrown?: unknown }).thrown, THROWN, 'failure.thrown')
  );
}

function shapeProblem(record: unknown, shape: Shape, where: string): string | undefined {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return `${where} is not an object`;
  for (const field in shape) {
    if (!fits((record as Record<string, unknown>)[field], shape[field]!)) return `${where}.${field} is not ${shape[field]}`;
  }
  return undefined;
}

function fits(value: unknown, kind: Kind): boolean {
  switch (kind) {
    case 'number?':
      return value === null || typeof value === 'number';
    case 'string?':
      return value === null || typeof value === 'string';
    case 'number|string':
      return typeof value === 'number' || typeof value === 'string';
    case 'string|undefined':
      return value === undefined || typeof value === 'string';
    default:
      return typeof value === kind;
  }
}
