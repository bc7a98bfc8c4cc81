/** What a run label needs of a `backtests.list` entry. */
export interface LabelledRun {
  number?: number | undefined;
  strategyName?: string | null | undefined;
  version: number;
  symbol: string;
  timeframe: string;
  params: Record<string, unknown>;
  createdAt: string;
}

/** `fast=10, slow=30`, or `defaults` for a strategy without params. */
export function paramsText(params: Record<string, unknown>): string {
  return (
    Object.entries(params)
      .map(([name, value]) => `${name}=${String(value)}`)
      .join(', ') || 'defaults'
  );
}

/** `2026-12-05 16:54` in the reader's time zone (or the one given). */
export function runTime(iso: string, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...(timeZone ? { timeZone } : {}),
  }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((item) => item.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

/** `Run #3`, or `Run` for a run listed without a number. */
export const runName = (run: Pick<LabelledRun, 'number'>): string => (run.number ? `Run #${run.number}` : 'Run');

/**
 * A run named distinctly within its strategy: number, params and when it ran.
 * @example runLabel(run) // 'Run #3 · v2 · SIM:AAPL 1d · fast=10, slow=30 · 2026-12-05 16:54'
 */
export function runLabel(run: LabelledRun, timeZone?: string): string {
  return `${runName(run)} · v${run.version} · ${run.symbol} ${run.timeframe} · ${paramsText(run.params)} · ${runTime(run.createdAt, timeZone)}`;
}

/** A run named among every strategy's runs (the dashboards' run picker): the strategy first. */
export function runLabelWithStrategy(run: LabelledRun, timeZone?: string): string {
  return `${run.strategyName ?? 'Deleted strategy'} ${runLabel(run, timeZone)}`;
}
