/** What a `strategy-run` field needs of a `backtests.list` entry. */
export interface RunLike {
  id: string;
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
 * Backtest runs as Select options, newest first as listed: `SMA crossover v2 · SIM:AAPL 1d · 2026-11-24`.
 * Runs without a result (queued, running, failed) are left out: they have nothing to draw.
 */
export function backtestRunOptions(runs: readonly RunLike[]): RunOption[] {
  return runs
    .filter((run) => run.status === 'done')
    .map((run) => ({
      value: run.id,
      label: `${run.strategyName ?? 'Deleted strategy'} v${run.version} · ${run.symbol} ${run.timeframe} · ${day(run.createdAt)}`,
    }));
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
): RunOption[] {
  return kind === 'deployment' ? deploymentOptions(lists.deployments ?? []) : backtestRunOptions(lists.runs ?? []);
}
