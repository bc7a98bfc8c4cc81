import {
  type AccountConfig,
  type BacktestConfig,
  type CommissionModel,
  checkLimitSet,
  type FieldIssue,
  NautilusError,
  type ResolvedBacktestConfig,
  type SlippageModel,
  type Timeframe,
} from '@nautilus/sdk';
import { defaultPeriodsPerYear } from '../metrics/periods-per-year.ts';

const MAX_HISTORY = 100_000;
const MAX_LEVERAGE = 100;

/**
 * Fills in a backtest config's defaults and checks every field, throwing a VALIDATION NautilusError
 * that names each bad one (`config.commission.perShare: must be a number >= 0, got -1`).
 */
export function resolveBacktestConfig(config: BacktestConfig = {}, timeframe?: Timeframe): ResolvedBacktestConfig {
  const issues: FieldIssue[] = [];
  const check = (path: string, ok: boolean, expected: string, value: unknown) => {
    if (!ok)
      issues.push({ path: `config.${path}`, message: `must be ${expected}, got ${JSON.stringify(value) ?? String(value)}` });
  };
  const nonNegative = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;

  const resolved: ResolvedBacktestConfig = {
    initialCash: config.initialCash ?? 100_000,
    account: config.account ?? { type: 'cash' },
    commission: config.commission ?? { type: 'none' },
    slippage: config.slippage ?? { type: 'none' },
    fillAt: config.fillAt ?? 'next-open',
    riskFreeRate: config.riskFreeRate ?? 0,
    periodsPerYear: config.periodsPerYear ?? (timeframe ? defaultPeriodsPerYear(timeframe) : 252),
    seed: config.seed ?? 1,
    sessionUtcOffsetMinutes: config.sessionUtcOffsetMinutes ?? 0,
    historyLength: config.historyLength ?? 1_000,
  };
  // Only when given, so results and stored configs of runs without limits stay as they were.
  if (config.limits != null) resolved.limits = config.limits;
  check('initialCash', nonNegative(resolved.initialCash) && resolved.initialCash > 0, 'a positive number', resolved.initialCash);
  checkAccount(resolved.account, check);
  checkCommission(resolved.commission, check, nonNegative);
  checkSlippage(resolved.slippage, check, nonNegative);
  check('fillAt', resolved.fillAt === 'next-open' || resolved.fillAt === 'close', "'next-open' or 'close'", resolved.fillAt);
  check(
    'riskFreeRate',
    typeof resolved.riskFreeRate === 'number' && Number.isFinite(resolved.riskFreeRate),
    'a finite number',
    resolved.riskFreeRate,
  );
  check(
    'periodsPerYear',
    nonNegative(resolved.periodsPerYear) && resolved.periodsPerYear > 0,
    'a positive number',
    resolved.periodsPerYear,
  );
  check(
    'seed',
    Number.isInteger(resolved.seed) && resolved.seed >= 0 && resolved.seed <= 0xffffffff,
    'a whole number from 0 to 4294967295',
    resolved.seed,
  );
  const offset = resolved.sessionUtcOffsetMinutes;
  check(
    'sessionUtcOffsetMinutes',
    Number.isInteger(offset) && offset >= -720 && offset <= 840,
    'whole minutes from -720 to 840',
    offset,
  );
  const history = resolved.historyLength;
  check(
    'historyLength',
    Number.isInteger(history) && history >= 1 && history <= MAX_HISTORY,
    `a whole number from 1 to ${MAX_HISTORY}`,
    history,
  );
  if (config.limits != null) issues.push(...checkLimitSet(config.limits, 'config.limits'));
  if (issues.length > 0) throw NautilusError.validation('backtest config', issues);
  return resolved;
}

type Check = (path: string, ok: boolean, expected: string, value: unknown) => void;

function checkAccount(account: AccountConfig, check: Check): void {
  const extra = (allowed: readonly string[]) => Object.keys(account).filter((key) => !allowed.includes(key));
  if (typeof account !== 'object' || account === null || Array.isArray(account)) {
    check('account', false, "{ type: 'cash' } or { type: 'margin', leverage }", account);
    return;
  }
  switch (account.type) {
    case 'cash':
      for (const key of extra(['type'])) {
        check(
          `account.${key.slice(0, 40)}`,
          false,
          `absent: a cash account has no ${key.slice(0, 40)} (for leverage use { type: 'margin', leverage })`,
          (account as never)[key],
        );
      }
      return;
    case 'margin':
      check(
        'account.leverage',
        typeof account.leverage === 'number' && account.leverage >= 1 && account.leverage <= MAX_LEVERAGE,
        `a number from 1 to ${MAX_LEVERAGE} (gross position value allowed per unit of equity, e.g. 2)`,
        account.leverage,
      );
      for (const key of extra(['type', 'leverage']))
        check(`account.${key.slice(0, 40)}`, false, 'absent (a margin account has type and leverage)', (account as never)[key]);
      return;
    default:
      check(
        'account.type',
        false,
        "'cash' or 'margin' (e.g. { type: 'margin', leverage: 2 })",
        (account as { type?: unknown }).type,
      );
  }
}

function checkCommission(model: CommissionModel, check: Check, nonNegative: (value: unknown) => boolean): void {
  switch (model?.type) {
    case 'none':
      return;
    case 'per-share':
      check('commission.perShare', nonNegative(model.perShare), 'a number >= 0', model.perShare);
      check('commission.minimum', model.minimum === undefined || nonNegative(model.minimum), 'a number >= 0', model.minimum);
      return;
    case 'percent':
      check(
        'commission.rate',
        nonNegative(model.rate) && model.rate < 1,
        'a fraction from 0 to below 1 (0.001 = 0.1 %)',
        model.rate,
      );
      check('commission.minimum', model.minimum === undefined || nonNegative(model.minimum), 'a number >= 0', model.minimum);
      return;
    default:
      check('commission.type', false, "'none', 'per-share' or 'percent'", (model as { type?: unknown })?.type);
  }
}

function checkSlippage(model: SlippageModel, check: Check, nonNegative: (value: unknown) => boolean): void {
  switch (model?.type) {
    case 'none':
      return;
    case 'fixed':
      check('slippage.amount', nonNegative(model.amount), 'a number >= 0', model.amount);
      return;
    case 'percent':
      check(
        'slippage.rate',
        nonNegative(model.rate) && model.rate < 1,
        'a fraction from 0 to below 1 (0.0005 = 5 bp)',
        model.rate,
      );
      return;
    default:
      check('slippage.type', false, "'none', 'fixed' or 'percent'", (model as { type?: unknown })?.type);
  }
}
