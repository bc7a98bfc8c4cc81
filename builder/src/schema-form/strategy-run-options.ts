import { runLabelWithStrategy } from '../strategy-lab/report/run-label.ts';

/** What a `strategy-run` field needs of a `backtests.list` entry. */
export interface RunLike {
  id: string;
  /** The run's number among its strategy's runs. */
  number: number;
  params: Record<string, unknown>;
  strategyName: string | null;
  version: number;
  symbol: string;
  timeframe: string;
  status: string;
  createdAt: string;
}

/** What a `strategy-run` field needs of a `deployments.list` entry. */
export interface DeploymentLike {
  id: string;
  strategyName: string | null;
  version: number;
  symbol: string;
  timeframe: string;
  status: string;
  startedAt: string;
}

export interface RunOption {
  value: string;
  label: string;
}

const day = (iso: string) => iso.slice(0, 10);

/**
 * Backtest runs as Select options, newest first as listed, each named distinctly by number, params and
 * time: `SMA crossover Run #3 · v2 · SIM:AAPL 1d · fast=10, slow=30 · 2026-11-24 09:00` (local time,
 * or `timeZone`). Runs without a result (queued, running, failed) are left out: they have nothing to draw.
 */
export function backtestRunOptions(runs: readonly RunLike[], timeZone?: string): RunOption[] {
  return runs
    .filter((run) => run.status === 'done')
    .map((run) => ({ value: run.id, label: runLabelWithStrategy(run, timeZone) }));
}

/** Deployments as Select options, with their status: `SMA crossover v2 · SIM:AAPL 1m · 2026-11-24 (running)`. */
export function deploymentOptions(deployments: readonly DeploymentLike[]): RunOption[] {
  return deployments.map((deployment) => ({
    value: deployment.id,
    label: `${deployment.strategyName ?? 'Deleted strategy'} v${deployment.version} · ${deployment.symbol} ${deployment.timeframe} · ${day(deployment.startedAt)} (${deployment.status})`,
  }));
}

/** The options for the sibling `kind` value: deployments for 'deployment', backtest runs otherwise. */
export function strategyRunOptions(
  kind: unknown,
  lists: { runs?: readonly RunLike[] | undefined; deployments?: readonly DeploymentLike[] | undefined },
  timeZone?: string,
): RunOption[] {
  return kind === 'deployment' ? deploymentOptions(lists.deployments ?? []) : backtestRunOptions(lists.runs ?? [], timeZone);
}
