import { readFileSync } from 'node:fs';
import { compileStrategy, describeStrategy, runBacktest, type StrategyDiagnostic } from '@nautilus/runtime';
import {
  type BacktestConfig,
  type BacktestResult,
  isNautilusError,
  NautilusError,
  type ParamSpecs,
  resolveTimeRange,
  TIMEFRAMES,
  type Timeframe,
} from '@nautilus/sdk';
import type { PluginHost } from '../plugins/plugin-host.ts';
import { formatTable, metricRows } from './format-metrics.ts';
import { loadBars } from './load-bars.ts';

/** `nautilus backtest` options, as commander parses them. */
export interface BacktestCommandOptions {
  symbol: string;
  timeframe: string;
  from: string;
  to: string;
  /** The configured default bars source when omitted. */
  dataSource?: string;
  param: string[];
  cash?: string | undefined;
  /** A margin account with this leverage; without it the account is a cash account. */
  margin?: string | undefined;
  json?: boolean | undefined;
}

/**
 * Backtests a strategy file, sandboxed, on bars from a data source and returns what to print: the
 * metrics as an aligned table, or the whole result as JSON. Throws NautilusErrors; a compile error's
 * `details.diagnostics` are reported as `file:line:column` lines by `describeCommandError`.
 */
export async function backtestCommand(
  file: string,
  options: BacktestCommandOptions,
  plugins: PluginHost,
  maxBars: number,
): Promise<string> {
  if (!(TIMEFRAMES as readonly string[]).includes(options.timeframe)) {
    throw NautilusError.validation('options', [{ path: '--timeframe', message: `must be one of ${TIMEFRAMES.join(', ')}` }]);
  }
  const timeframe = options.timeframe as Timeframe;
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (error) {
    throw new NautilusError('NOT_FOUND', `Cannot read ${file}: ${(error as Error).message}`);
  }
  const compiled = await compileStrategy(source);
  const strategy = await describeStrategy({ compiled });
  const params = parseParams(options.param, strategy.params);
  const cash = options.cash === undefined ? undefined : Number(options.cash);
  if (cash !== undefined && !(cash > 0)) {
    throw NautilusError.validation('options', [{ path: '--cash', message: `must be a positive number, got '${options.cash}'` }]);
  }
  const account = parseAccount(options.margin);
  const range = resolveTimeRange({ from: options.from, to: options.to }, Date.now());
  const bars = await loadBars(
    plugins,
    { dataSource: options.dataSource ?? plugins.roles.defaultBars, symbol: options.symbol, timeframe, ...range },
    maxBars,
  );
  const config = { ...(cash === undefined ? {} : { initialCash: cash }), ...(account ? { account } : {}) };
  const result = await runBacktest({ compiled, bars, params, config });
  if (options.json) return JSON.stringify(result, null, 2);
  return report(strategy.name ?? file, result);
}

function report(name: string, result: BacktestResult): string {
  const day = (time: number) => new Date(time).toISOString().slice(0, 10);
  const params = Object.entries(result.params)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
  const lines = [
    `${name} on ${result.symbol} ${result.timeframe}, ${day(result.from)} to ${day(result.to)} (${result.bars} bars)`,
    `params: ${params || '(none)'}; initial cash ${result.config.initialCash.toLocaleString('en-US')}; ${describeAccount(result)}`,
    '',
    formatTable(metricRows(result)),
  ];
  return lines.join('\n');
}

/** `--margin 2`: a margin account with that leverage (the runtime checks its range); none: a cash account. */
function parseAccount(margin: string | undefined): BacktestConfig['account'] {
  if (margin === undefined) return undefined;
  const leverage = Number(margin);
  if (margin.trim() === '' || !Number.isFinite(leverage)) {
    throw NautilusError.validation('options', [{ path: '--margin', message: `must be a leverage such as 2, got '${margin}'` }]);
  }
  return { type: 'margin', leverage };
}

function describeAccount(result: BacktestResult): string {
  const account = result.config.account;
  return account?.type === 'margin' ? `margin account, leverage ${account.leverage}` : 'cash account';
}

/** `--param fast=10` values, typed by the strategy's declaration (so `--param mode=10` stays a string when mode is one). */
function parseParams(pairs: string[], specs: ParamSpecs): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const pair of pairs) {
    const equals = pair.indexOf('=');
    if (equals < 1)
      throw NautilusError.validation('options', [{ path: '--param', message: `expected name=value, got '${pair}'` }]);
    const name = pair.slice(0, equals);
    const text = pair.slice(equals + 1);
    const type = specs[name]?.type;
    if (type === 'number' || type === 'integer') params[name] = text.trim() === '' ? Number.NaN : Number(text);
    else if (type === 'boolean') params[name] = text === 'true' ? true : text === 'false' ? false : text;
    else params[name] = text;
  }
  return params;
}

/** What the CLI prints for an error: compile diagnostics as `file:line:column: message`, else `CODE: message`. */
export function describeCommandError(error: unknown, file?: string): string {
  if (!isNautilusError(error)) return error instanceof Error ? error.message : String(error);
  const diagnostics = error.details.diagnostics as StrategyDiagnostic[] | undefined;
  if (file && Array.isArray(diagnostics) && diagnostics.length > 0) {
    return [`${file} does not compile:`, ...diagnostics.map((d) => `${file}:${d.line}:${d.column}: ${d.message}`)].join('\n');
  }
  const line = error.details.line;
  const where = file && typeof line === 'number' ? ` (${file}:${line}:${String(error.details.column ?? 1)})` : '';
  return `${error.code}: ${error.message}${where}`;
}
