import type { FieldIssue } from '../errors.ts';
import { CLOCK_TIME_PATTERN, LIMIT_KINDS, WEEKDAYS } from './limit-schema.ts';
import type { LimitKind } from './limits.ts';

const MAX_LIMITS = 100;
const BREACH_ACTIONS = ['deny', 'reduce-only', 'halt'];
const CLOCK_TIME = new RegExp(CLOCK_TIME_PATTERN);

/** The fields each kind takes besides `kind`; thresholds are checked by the rules below. */
const FIELDS: Record<LimitKind, readonly string[]> = {
  maxOrderQuantity: ['warn', 'hard', 'symbol'],
  maxOrderNotional: ['warn', 'hard', 'symbol'],
  maxPosition: ['warn', 'hard', 'symbol'],
  maxGrossExposure: ['warn', 'hard'],
  maxNetExposure: ['warn', 'hard'],
  maxLeverage: ['warn', 'hard'],
  maxConcentration: ['warn', 'hard', 'symbol'],
  maxDailyLoss: ['warn', 'hard', 'timeZone'],
  maxDrawdown: ['warn', 'hard'],
  maxVar: ['warn', 'hard', 'confidence', 'volatility'],
  maxOrderRate: ['warn', 'hard', 'windowMs'],
  allowedInstruments: ['symbols'],
  tradingHours: ['timeZone', 'start', 'end', 'weekdays'],
};

type Raw = Record<string, unknown>;

/**
 * Everything wrong with a limit set, each issue naming its field (`limits[2].hard: must be > warn
 * (500), got 400`); [] when it is sound. Checks the shape (as `limitSetSchema` does) and the rules a
 * schema cannot state: warn < hard, one limit per kind (per window for maxOrderRate, per symbol for
 * per-instrument kinds), time zones this runtime knows, distinct start and end. `prefix` is put
 * before every path, e.g. 'config.limits'.
 */
export function checkLimitSet(value: unknown, prefix = ''): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const at = (path: string) => (prefix === '' ? path : path === '' ? prefix : `${prefix}.${path}`);
  const issue = (path: string, message: string) => issues.push({ path: at(path), message });
  if (!isRecord(value)) {
    issue('', `must be an object { limits, onHardBreach }, got ${show(value)}`);
    return issues;
  }
  for (const key of Object.keys(value)) {
    if (key !== 'limits' && key !== 'onHardBreach') issue(key, 'is not an allowed field');
  }
  if (!BREACH_ACTIONS.includes(value.onHardBreach as string)) {
    issue('onHardBreach', `must be 'deny', 'reduce-only' or 'halt', got ${show(value.onHardBreach)}`);
  }
  const limits = value.limits;
  if (!Array.isArray(limits)) {
    issue('limits', `must be a list of limits, got ${show(limits)}`);
    return issues;
  }
  if (limits.length > MAX_LIMITS) issue('limits', `must hold at most ${MAX_LIMITS} limits, got ${limits.length}`);
  const seen = new Map<string, number>();
  limits.forEach((limit, index) => {
    const path = `limits[${index}]`;
    if (!isRecord(limit)) {
      issue(path, `must be an object with a kind, got ${show(limit)}`);
      return;
    }
    const kind = limit.kind as LimitKind;
    if (!(LIMIT_KINDS as readonly string[]).includes(kind)) {
      issue(`${path}.kind`, `must be one of ${LIMIT_KINDS.join(', ')}, got ${show(limit.kind)}`);
      return;
    }
    for (const key of Object.keys(limit)) {
      if (key !== 'kind' && !FIELDS[kind].includes(key)) issue(`${path}.${key}`, `is not a field of ${kind}`);
    }
    checkLimit(kind, limit, path, issue);
    const key = `${kind} ${kind === 'maxOrderRate' ? String(limit.windowMs) : typeof limit.symbol === 'string' ? limit.symbol : ''}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, index);
    else issue(path, `duplicates limits[${first}]: one ${kind} limit${describeKey(kind, limit)} per set`);
  });
  return issues;
}

function describeKey(kind: LimitKind, limit: Raw): string {
  if (kind === 'maxOrderRate') return ' per window';
  return typeof limit.symbol === 'string' ? ` for ${limit.symbol}` : FIELDS[kind].includes('symbol') ? ' without a symbol' : '';
}

function checkLimit(kind: LimitKind, limit: Raw, path: string, issue: (path: string, message: string) => void): void {
  switch (kind) {
    case 'allowedInstruments': {
      const symbols = limit.symbols;
      if (!Array.isArray(symbols) || symbols.length === 0) issue(`${path}.symbols`, 'must be a non-empty list of symbols');
      else
        symbols.forEach((symbol, index) => {
          if (!isSymbol(symbol))
            issue(`${path}.symbols[${index}]`, `must be a symbol (1 to 100 characters), got ${show(symbol)}`);
          else if (symbols.indexOf(symbol) !== index) issue(`${path}.symbols[${index}]`, `repeats '${symbol}'`);
        });
      return;
    }
    case 'tradingHours': {
      checkTimeZone(limit.timeZone, `${path}.timeZone`, true, issue);
      const start = limit.start;
      const end = limit.end;
      if (typeof start !== 'string' || !CLOCK_TIME.test(start))
        issue(`${path}.start`, `must be 'HH:MM' from 00:00 to 23:59, got ${show(start)}`);
      if (typeof end !== 'string' || !(CLOCK_TIME.test(end) || end === '24:00'))
        issue(`${path}.end`, `must be 'HH:MM' from 00:00 to 24:00, got ${show(end)}`);
      else if (end === start) issue(`${path}.end`, `must differ from start (${start})`);
      const weekdays = limit.weekdays;
      if (weekdays === undefined) return;
      const valid =
        Array.isArray(weekdays) &&
        weekdays.length > 0 &&
        weekdays.every((day, index) => (WEEKDAYS as readonly unknown[]).includes(day) && weekdays.indexOf(day) === index);
      if (!valid) issue(`${path}.weekdays`, `must be a non-empty list of distinct ${WEEKDAYS.join(', ')}, got ${show(weekdays)}`);
      return;
    }
    case 'maxOrderRate': {
      const windowMs = limit.windowMs;
      if (!isWhole(windowMs) || windowMs < 1)
        issue(`${path}.windowMs`, `must be a whole number of ms >= 1, got ${show(windowMs)}`);
      checkThresholds(limit, path, issue, { whole: true, minimum: 1 });
      return;
    }
    default: {
      checkThresholds(limit, path, issue, { whole: false, minimum: 0, maximum: kind === 'maxDrawdown' ? 1 : undefined });
      if (limit.symbol !== undefined && !isSymbol(limit.symbol))
        issue(`${path}.symbol`, `must be a symbol (1 to 100 characters), got ${show(limit.symbol)}`);
      if (kind === 'maxDailyLoss') checkTimeZone(limit.timeZone, `${path}.timeZone`, false, issue);
      if (kind === 'maxVar') checkVarFields(limit, path, issue);
    }
  }
}

function checkThresholds(
  limit: Raw,
  path: string,
  issue: (path: string, message: string) => void,
  rule: { whole: boolean; minimum: number; maximum?: number },
): void {
  const expected = `${rule.whole ? 'a whole number' : 'a finite number'} >= ${rule.minimum}${rule.maximum === undefined ? '' : ` and <= ${rule.maximum}`}`;
  const fits = (value: unknown): value is number =>
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (!rule.whole || Number.isInteger(value)) &&
    value >= rule.minimum &&
    (rule.maximum === undefined || value <= rule.maximum);
  const { warn, hard } = limit;
  if (!fits(hard)) issue(`${path}.hard`, `must be ${expected}, got ${show(hard)}`);
  if (warn === undefined) return;
  if (!fits(warn)) issue(`${path}.warn`, `must be ${expected}, got ${show(warn)}`);
  else if (fits(hard) && !(hard > warn)) issue(`${path}.hard`, `must be > warn (${warn}), got ${hard}`);
}

function checkVarFields(limit: Raw, path: string, issue: (path: string, message: string) => void): void {
  const { confidence, volatility } = limit;
  if (confidence !== undefined && !(typeof confidence === 'number' && confidence > 0.5 && confidence < 1)) {
    issue(`${path}.confidence`, `must be a number between 0.5 and 1 (exclusive), e.g. 0.99, got ${show(confidence)}`);
  }
  if (volatility === undefined) return;
  if (!isRecord(volatility)) {
    issue(`${path}.volatility`, `must be an object of daily volatilities by symbol, got ${show(volatility)}`);
    return;
  }
  for (const [symbol, sigma] of Object.entries(volatility)) {
    if (!isSymbol(symbol)) issue(`${path}.volatility`, `has a key that is not a symbol: ${show(symbol)}`);
    if (!(typeof sigma === 'number' && Number.isFinite(sigma) && sigma >= 0))
      issue(`${path}.volatility.${symbol}`, `must be a finite number >= 0 (0.02 = 2 % a day), got ${show(sigma)}`);
  }
}

function checkTimeZone(value: unknown, path: string, required: boolean, issue: (path: string, message: string) => void): void {
  if (value === undefined && !required) return;
  if (typeof value === 'string' && value.length <= 64 && knownTimeZone(value)) return;
  issue(path, `must be an IANA time zone such as 'America/New_York', got ${show(value)}`);
}

function knownTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const isRecord = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);
const isWhole = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);
const isSymbol = (value: unknown): value is string => typeof value === 'string' && value.length >= 1 && value.length <= 100;

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  // JSON would show NaN and Infinity as null.
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' ? `'${value.slice(0, 60)}'` : (JSON.stringify(value)?.slice(0, 60) ?? String(value));
}
