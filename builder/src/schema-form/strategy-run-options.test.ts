import { describe, expect, it } from 'vitest';
import { backtestRunOptions, deploymentOptions, strategyRunOptions } from './strategy-run-options.ts';

const run = (id: string, status: string, strategyName: string | null = 'SMA crossover', number = 1) => ({
  id,
  number,
  params: { fast: 10, slow: 30 },
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
  it('labels finished runs by strategy, number, version, market, params and time, in list order, leaving out those without a result', () => {
    expect(
      backtestRunOptions(
        [run('a', 'done', 'SMA crossover', 4), run('b', 'running'), run('c', 'failed'), run('d', 'done', null, 2)],
        'UTC',
      ),
    ).toEqual([
      { value: 'a', label: 'SMA crossover Run #4 · v2 · SIM:AAPL 1d · fast=10, slow=30 · 2026-11-24 08:00' },
      { value: 'd', label: 'Deleted strategy Run #2 · v2 · SIM:AAPL 1d · fast=10, slow=30 · 2026-11-24 08:00' },
    ]);
  });

  it('tells apart two runs of one version on one day', () => {
    const [first, second] = backtestRunOptions(
      [run('a', 'done', 'SMA', 1), { ...run('b', 'done', 'SMA', 2), params: { fast: 5, slow: 30 } }],
      'UTC',
    );
    expect(first?.label).not.toBe(second?.label);
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
