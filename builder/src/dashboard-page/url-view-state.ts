import { type DashboardVariable, resolveTime, type TimeRange } from '@nautilus/sdk';
import { describeTimeRange } from '../data/time-ranges.ts';
import type { VariableValues } from '../data/variable-values.ts';

/**
 * A dashboard's view in its URL, as Grafana writes it: `from` and `to` (`now`, `now-7d`, an ISO date
 * or date-time, or epoch milliseconds) and `var-<name>=<value>` per variable, in the query of the
 * hash route (`#/d/<id>?from=now-7d&to=now&var-symbol=SIM:MSFT`). Only what differs from the
 * dashboard's defaults is written, so a view at its defaults keeps a plain link.
 */

/** One URL parameter that could not be used, and what it should have been. */
export interface UrlViewProblem {
  param: string;
  value: string;
  expected: string;
}

export interface UrlView {
  /** The range the URL asks for; undefined when it names none or a part of it is invalid. */
  timeRange: TimeRange | undefined;
  /** The variable values the URL sets (valid ones only). */
  values: Record<string, string>;
  problems: UrlViewProblem[];
}

const VAR_PREFIX = 'var-';
const MAX_VALUE_LENGTH = 500;
const TIME_EXPECTED = 'now, now-<n><s|m|h|d|w|M|y> (e.g. now-7d), an ISO date such as 2025-01-31, or epoch milliseconds';

/** A `from`/`to` value as the dashboard document keeps it (epoch ms become ISO), or undefined when invalid. */
function readTime(value: string, now: number): string | undefined {
  const text = value.trim();
  if (/^\d{10,16}$/.test(text)) {
    const ms = Number(text);
    const date = new Date(ms);
    return Number.isFinite(date.getTime()) ? date.toISOString() : undefined;
  }
  try {
    resolveTime(text, now);
    return text;
  } catch {
    return undefined;
  }
}

/** What a variable accepts, in words, or undefined when `value` is fine. */
function variableProblem(variable: DashboardVariable, value: string): string | undefined {
  if (value.trim() === '') return `a non-empty ${variable.type === 'instrument' ? 'instrument symbol' : 'value'}`;
  if (value.length > MAX_VALUE_LENGTH) return `at most ${MAX_VALUE_LENGTH} characters`;
  if (variable.type === 'custom' && variable.options && !variable.options.includes(value)) {
    return `one of ${variable.options.join(', ')}`;
  }
  if (variable.type === 'instrument' && /\s/.test(value)) return 'an instrument symbol such as SIM:MSFT (no spaces)';
  return undefined;
}

/**
 * Reads the view from a URL query; every value it cannot use is a problem naming the parameter and
 * what was expected, and the dashboard default stays for that part.
 * @example parseUrlView('from=now-7d&to=now&var-symbol=SIM:MSFT', variables, defaults, Date.now())
 */
export function parseUrlView(query: string, variables: readonly DashboardVariable[], defaults: TimeRange, now: number): UrlView {
  const params = new URLSearchParams(query);
  const problems: UrlViewProblem[] = [];
  let timeRange: TimeRange | undefined;
  const rawFrom = params.getAll('from');
  const rawTo = params.getAll('to');
  if (rawFrom.length > 0 || rawTo.length > 0) {
    const read = (param: 'from' | 'to', raw: string[], fallback: string) => {
      if (raw.length === 0) return fallback;
      if (raw.length > 1) {
        problems.push({ param, value: raw.join(', '), expected: 'one value' });
        return undefined;
      }
      const time = readTime(raw[0]!, now);
      if (time === undefined) problems.push({ param, value: raw[0]!, expected: TIME_EXPECTED });
      return time;
    };
    const from = read('from', rawFrom, defaults.from);
    const to = read('to', rawTo, defaults.to);
    if (from !== undefined && to !== undefined) {
      if (resolveTime(from, now) < resolveTime(to, now)) timeRange = { from, to };
      else problems.push({ param: 'from', value: `${from} (to=${to})`, expected: 'a time before to' });
    }
  }

  const values: Record<string, string> = {};
  const byName = new Map(variables.map((variable) => [variable.name, variable]));
  const names = new Set([...params.keys()].filter((key) => key.startsWith(VAR_PREFIX)));
  for (const param of names) {
    const all = params.getAll(param);
    const name = param.slice(VAR_PREFIX.length);
    const variable = byName.get(name);
    if (!variable) {
      const known = variables.map((item) => item.name);
      problems.push({
        param,
        value: all.join(', '),
        expected: known.length ? `a variable of this dashboard (${known.join(', ')})` : 'no variables: this dashboard has none',
      });
      continue;
    }
    const distinct = [...new Set(all)];
    if (distinct.length > 1) {
      problems.push({ param, value: distinct.join(', '), expected: `one value: ${name} is not a multi-value variable` });
      continue;
    }
    const value = distinct[0]!;
    const problem = variableProblem(variable, value);
    if (problem) problems.push({ param, value, expected: problem });
    else values[name] = value;
  }
  return { timeRange, values, problems };
}

/**
 * The URL query for a view: `from`/`to` when the range is not the default, `var-<name>` for each
 * variable off its default, in the variables' order; '' for a view at its defaults.
 * @example serializeUrlView({ from: 'now-7d', to: 'now' }, { symbol: 'SIM:MSFT' }, variables, defaults) // 'from=now-7d&to=now&var-symbol=SIM%3AMSFT'
 */
export function serializeUrlView(
  timeRange: TimeRange,
  values: VariableValues,
  variables: readonly DashboardVariable[],
  defaults: TimeRange,
): string {
  const params = new URLSearchParams();
  if (timeRange.from !== defaults.from || timeRange.to !== defaults.to) {
    params.set('from', timeRange.from);
    params.set('to', timeRange.to);
  }
  for (const variable of variables) {
    const value = values[variable.name];
    if (value !== undefined && value !== variable.default) params.set(`${VAR_PREFIX}${variable.name}`, value);
  }
  return params.toString();
}

/** What the notice says about one problem, with what is shown instead. */
export function describeUrlProblem(
  problem: UrlViewProblem,
  variables: readonly DashboardVariable[],
  defaults: TimeRange,
): string {
  const name = problem.param.startsWith(VAR_PREFIX) ? problem.param.slice(VAR_PREFIX.length) : undefined;
  const variable = name === undefined ? undefined : variables.find((item) => item.name === name);
  const instead =
    name === undefined
      ? `showing the dashboard's range (${describeTimeRange(defaults)})`
      : variable
        ? `showing its default (${variable.default})`
        : 'ignored';
  return `${problem.param}=${problem.value}: expected ${problem.expected}; ${instead}.`;
}

/** The query part of a hash route (`#/d/1?from=now-7d` → `from=now-7d`). */
export function hashQuery(hash: string): string {
  const at = hash.indexOf('?');
  return at < 0 ? '' : hash.slice(at + 1);
}

/** The path part of a hash route, without the query (`#/d/1/edit?x=1` → `#/d/1/edit`). */
export function hashPath(hash: string): string {
  const at = hash.indexOf('?');
  return at < 0 ? hash : hash.slice(0, at);
}

/** The same route with another query; none when `query` is ''. */
export function withHashQuery(hash: string, query: string): string {
  const path = hashPath(hash) || '#/';
  return query ? `${path}?${query}` : path;
}
