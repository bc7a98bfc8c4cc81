import { type FieldIssue, NautilusError } from '@nautilus/sdk';
import type { Role } from '../db/tables.ts';
import { type RiskCaps, type RiskCapsByRole, riskCapsFor, riskCapVariable } from './risk-caps.ts';

/** The size knobs of one VaR request or backtest. */
export interface RiskSize {
  /** Whether the method simulates paths (Monte Carlo): only then do paths cost anything. */
  simulates: boolean;
  lookback: number;
  /** Paths of one VaR, when given. */
  paths?: number | undefined;
  /** Paths per backtest day, when given. */
  backtestPaths?: number | undefined;
  /** Backtest days, with the paths per day the backtest will really run (given or the default). */
  backtest?: { window: number; pathsPerDay: number } | undefined;
}

/** The request fields the knobs came from, for the error (`options.paths` in the API, `params.paths` in a panel). */
export interface RiskSizeFields {
  lookback: string;
  paths: string;
  /** Absent where paths a day cannot be chosen (the risk source). */
  backtestPaths?: string;
  window: string;
}

const count = (value: number) => value.toLocaleString('en-US');

/**
 * Throws VALIDATION when a request is larger than `role` may run: each issue names the field, the cap
 * and what to do instead (fewer paths, a shorter lookback or window, or ask an editor; an editor is
 * told which variable an admin can raise).
 */
export function checkRiskSize(all: RiskCapsByRole, role: Role, size: RiskSize, fields: RiskSizeFields): void {
  const { level, caps } = riskCapsFor(all, role);
  const issues: FieldIssue[] = [];
  const advice = (cap: keyof RiskCaps) =>
    level === 'viewer'
      ? `, or ask an editor to run it (editors may use up to ${count(all.editor[cap])})`
      : role === 'admin'
        ? `, or raise ${riskCapVariable('editor', cap)} (the cap of editors and admins)`
        : `, or ask an admin to raise ${riskCapVariable('editor', cap)}`;
  const who = level === 'viewer' ? 'a viewer' : `an ${role}`;

  for (const [value, path] of [
    [size.paths, fields.paths],
    [size.backtestPaths, fields.backtestPaths ?? fields.paths],
  ] as const) {
    if (value !== undefined && value > caps.paths) {
      issues.push({
        path,
        message: `at most ${count(caps.paths)} Monte Carlo paths for ${who}, got ${count(value)}: use fewer paths${advice('paths')}`,
      });
    }
  }
  if (size.lookback > caps.lookback) {
    issues.push({
      path: fields.lookback,
      message: `at most ${count(caps.lookback)} returns for ${who}, got ${count(size.lookback)}: use a shorter lookback${advice('lookback')}`,
    });
  }
  const backtest = size.backtest;
  if (backtest !== undefined && backtest.window > 0) {
    const { window, pathsPerDay } = backtest;
    const returns = size.lookback * window;
    if (returns > caps.backtestReturns) {
      const remedies = [
        fitting(caps.backtestReturns, size.lookback, 1, (days) => `a window of at most ${count(days)} days`),
        fitting(caps.backtestReturns, window, 2, (lookback) => `a lookback of at most ${count(lookback)}`),
      ];
      issues.push({
        path: fields.window,
        message:
          `lookback ${count(size.lookback)} × ${count(window)} days = ${count(returns)} returns read, more than the ` +
          `${count(caps.backtestReturns)} ${who} may have a backtest read: use ${either(remedies)}${advice('backtestReturns')}`,
      });
    }
    const paths = pathsPerDay * window;
    if (size.simulates && paths > caps.backtestPaths) {
      const remedies = [
        fitting(caps.backtestPaths, pathsPerDay, 1, (days) => `a window of at most ${count(days)} days`),
        fields.backtestPaths === undefined
          ? null
          : fitting(caps.backtestPaths, window, 1, (perDay) => `at most ${count(perDay)} paths a day (${fields.backtestPaths})`),
      ];
      issues.push({
        path: fields.window,
        message:
          `${count(pathsPerDay)} paths a day × ${count(window)} days = ${count(paths)} Monte Carlo paths, more than the ` +
          `${count(caps.backtestPaths)} ${who} may simulate in one backtest: use ${either(remedies)}${advice('backtestPaths')}`,
      });
    }
  }
  if (issues.length > 0) throw tooLarge(role, caps, issues);
}

/** The remedy keeping `cap / other` whole units of a knob, when at least `least` fit. */
function fitting(cap: number, other: number, least: number, say: (value: number) => string): string | null {
  const value = Math.floor(cap / other);
  return value >= least ? say(value) : null;
}

function either(remedies: (string | null)[]): string {
  const usable = remedies.filter((remedy): remedy is string => remedy !== null);
  return usable.length > 0 ? usable.join(' or ') : 'fewer paths a day and a shorter window';
}

/** Throws VALIDATION when a historical stress scenario replays more calendar days than `role` may. */
export function checkStressSize(all: RiskCapsByRole, role: Role, from: number, to: number, field: string): void {
  const { level, caps } = riskCapsFor(all, role);
  const days = Math.ceil((to - from) / 86_400_000);
  if (days <= caps.stressDays) return;
  const variable = riskCapVariable('editor', 'stressDays');
  const advice =
    level === 'viewer'
      ? `, or ask an editor to run it (editors may replay up to ${count(all.editor.stressDays)} days)`
      : role === 'admin'
        ? `, or raise ${variable} (the cap of editors and admins)`
        : `, or ask an admin to raise ${variable}`;
  throw tooLarge(role, caps, [
    {
      path: field,
      message: `a historical scenario of ${count(days)} days is longer than the ${count(caps.stressDays)} ${level === 'viewer' ? 'a viewer' : `an ${role}`} may replay: pick a later start or an earlier end${advice}`,
    },
  ]);
}

function tooLarge(role: Role, caps: RiskCaps, issues: FieldIssue[]): NautilusError {
  const list = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  return new NautilusError('VALIDATION', `This risk request is larger than your role (${role}) may run. ${list}`, {
    fields: issues,
    details: { role, caps },
  });
}
