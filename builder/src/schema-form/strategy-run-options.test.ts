import { describe, expect, it } from 'vitest';
import { backtestRunOptions, deploymentOptions, strategyRunOptions } from './strategy-run-options.ts';

const run = (id: string, status: string, strategyName: string | null = 'SMA crossover') => ({
  id,
  strategyName,
  version: 2,
  symbol: 'SIM:AAPL',
  timeframe: '1d',
  status,
  createdAt: '2026-11-24T08:00:00.000Z',
});
const deployment = {
  id: 'd1',
  strategyName: 'Breakout',
  version: 3,
  symbol: 'SIM:BTC',
  timeframe: '1m',
  status: 'running',
  startedAt: '2026-11-20T10:00:00.000Z',
};

describe('strategy run options', () => {
  it('labels finished runs as "name vN · SYMBOL TF · date", in list order, leaving out those without a result', () => {
    expect(backtestRunOptions([run('a', 'done'), run('b', 'running'), run('c', 'failed'), run('d', 'done', null)])).toEqual([
      { value: 'a', label: 'SMA crossover v2 · SIM:AAPL 1d · 2026-11-24' },
      { value: 'd', label: 'Deleted strategy v2 · SIM:AAPL 1d · 2026-11-24' },
    ]);
  });

  it('labels deployments with their status', () => {
    expect(deploymentOptions([deployment])).toEqual([{ value: 'd1', label: 'Breakout v3 · SIM:BTC 1m · 2026-11-20 (running)' }]);
  });

  it('follows the sibling kind, backtests by default', () => {
    const lists = { runs: [run('a', 'done')], deployments: [deployment] };
    expect(strategyRunOptions('deployment', lists).map((option) => option.value)).toEqual(['d1']);
    expect(strategyRunOptions('backtest', lists).map((option) => option.value)).toEqual(['a']);
    expect(strategyRunOptions(undefined, lists).map((option) => option.value)).toEqual(['a']);
    expect(strategyRunOptions('deployment', {})).toEqual([]);
  });
});
