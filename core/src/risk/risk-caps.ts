import type { FieldIssue } from '@nautilus/sdk';
import type { Role } from '../db/tables.ts';

/**
 * The largest risk computation one request may ask for. Each figure bounds one knob (or product of
 * knobs) whose cost the request chooses; the portfolio's instruments are set by editors.
 */
export interface RiskCaps {
  /** Monte Carlo paths of one estimate: `options.paths`, `options.backtestPaths`, the risk source's `paths`. */
  paths: number;
  /** Monte Carlo paths a backtest simulates in all: paths a day × window days. */
  backtestPaths: number;
  /** Daily returns one estimate reads: `lookback`. */
  lookback: number;
  /** Daily returns a backtest reads in all: lookback × window (every day is estimated afresh). */
  backtestReturns: number;
  /** Calendar days a historical stress scenario replays: to − from. */
  stressDays: number;
}

/** Caps for viewers and for editors; admins have the editors'. */
export interface RiskCapsByRole {
  viewer: RiskCaps;
  editor: RiskCaps;
}

/**
 * What the product's own screens ask for fits a viewer's caps (the portfolio page: 100,000 paths,
 * backtests of 250 days with 10,000 paths a day and lookbacks up to 2,000; the risk dashboard: 200,000
 * paths, 5,000 a backtest day over up to 1,000 days). On one core with four instruments, 1,000,000
 * paths take about 0.2 s and a 5,000,000-path backtest about 0.8 s; editors may ask for ten times that.
 */
export const DEFAULT_RISK_CAPS: RiskCapsByRole = {
  viewer: { paths: 1_000_000, backtestPaths: 5_000_000, lookback: 2_000, backtestReturns: 1_000_000, stressDays: 3_660 },
  editor: { paths: 10_000_000, backtestPaths: 50_000_000, lookback: 5_000, backtestReturns: 10_000_000, stressDays: 36_600 },
};

/** The variable of each cap, after NAUTILUS_RISK_VIEWER_ / NAUTILUS_RISK_EDITOR_, and its allowed range. */
const VARIABLES: Record<keyof RiskCaps, { name: string; min: number; max: number }> = {
  paths: { name: 'MAX_PATHS', min: 1_000, max: 50_000_000 },
  backtestPaths: { name: 'MAX_BACKTEST_PATHS', min: 1_000, max: 1e12 },
  lookback: { name: 'MAX_LOOKBACK', min: 2, max: 100_000 },
  backtestReturns: { name: 'MAX_BACKTEST_RETURNS', min: 2, max: 1e12 },
  stressDays: { name: 'MAX_STRESS_DAYS', min: 1, max: 100_000 },
};

const CAP_NAMES = Object.keys(VARIABLES) as (keyof RiskCaps)[];

/** The environment variable of one cap, e.g. NAUTILUS_RISK_VIEWER_MAX_PATHS. */
export function riskCapVariable(level: keyof RiskCapsByRole, cap: keyof RiskCaps): string {
  return `NAUTILUS_RISK_${level.toUpperCase()}_${VARIABLES[cap].name}`;
}

/**
 * Reads NAUTILUS_RISK_{VIEWER,EDITOR}_MAX_{PATHS,BACKTEST_PATHS,LOOKBACK,BACKTEST_RETURNS,STRESS_DAYS},
 * pushing an issue naming each bad variable (not a whole number in range, or a viewer cap above the
 * editors' one).
 */
export function readRiskCaps(env: Record<string, string | undefined>, issues: FieldIssue[]): RiskCapsByRole {
  const read = (level: keyof RiskCapsByRole): RiskCaps => {
    const caps = { ...DEFAULT_RISK_CAPS[level] };
    for (const cap of CAP_NAMES) {
      const name = riskCapVariable(level, cap);
      const raw = env[name];
      if (raw === undefined || raw === '') continue;
      const { min, max } = VARIABLES[cap];
      const value = Number(raw);
      if (Number.isSafeInteger(value) && value >= min && value <= max) caps[cap] = value;
      else issues.push({ path: name, message: `expected a whole number from ${min} to ${max}, got '${raw}'` });
    }
    return caps;
  };
  const caps = { viewer: read('viewer'), editor: read('editor') };
  for (const cap of CAP_NAMES) {
    if (caps.viewer[cap] > caps.editor[cap]) {
      issues.push({
        path: riskCapVariable('viewer', cap),
        message: `must not exceed ${riskCapVariable('editor', cap)} (${caps.editor[cap]}), got ${caps.viewer[cap]}`,
      });
    }
  }
  return caps;
}

/** The caps of `role`, and the level they come from. */
export function riskCapsFor(caps: RiskCapsByRole, role: Role): { level: keyof RiskCapsByRole; caps: RiskCaps } {
  const level = role === 'viewer' ? 'viewer' : 'editor';
  return { level, caps: caps[level] };
}
