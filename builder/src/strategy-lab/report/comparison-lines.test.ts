import { describe, expect, it } from 'vitest';
import { buyAndHoldSources, type CurveRun, comparisonLines } from './comparison-lines.ts';

const run = (overrides: Partial<CurveRun>): CurveRun => ({
  id: 'a',
  number: 1,
  dataSource: 'sim/bars',
  symbol: 'SIM:AAPL',
  timeframe: '1d',
  from: 0,
  to: 10,
  params: { fast: 5 },
  initialCash: 100_000,
  curve: { time: [1, 2], equity: [100_000, 120_000] },
  ...overrides,
});

describe('comparisonLines', () => {
  it('puts runs of different cash on one percent scale, then buy & hold dashed', () => {
    const runs = [
      run({}),
      run({ id: 'b', number: 2, params: { fast: 9 }, initialCash: 10_000, curve: { time: [1, 2], equity: [10_000, 9_000] } }),
    ];
    const bars = new Map([['a', { time: [1, 2], open: [50, 51], close: [55, 60] }]]);
    const lines = comparisonLines(runs, bars);
    expect(lines.map((line) => [line.name, line.dashed ?? false])).toEqual([
      ['Run #1 (fast=5)', false],
      ['Run #2 (fast=9)', false],
      ['Buy & hold', true],
    ]);
    expect(lines[0]!.values.map(Math.round)).toEqual([0, 20]);
    expect(lines[1]!.values.map(Math.round)).toEqual([0, -10]);
    // Holding from the first open 50: closes 55 and 60 are +10 % and +20 %.
    expect(lines[2]!.values.map((value) => Math.round(value * 1e9) / 1e9)).toEqual([10, 20]);
  });

  it('leaves out a run without a curve and buy & hold whose bars have not come', () => {
    expect(comparisonLines([run({ curve: null }), run({ id: 'b', number: 2 })], new Map()).map((line) => line.name)).toEqual([
      'Run #2 (fast=5)',
    ]);
  });
});

describe('buyAndHoldSources', () => {
  it('takes one run per instrument, the one that starts first, and names each instrument when there are several', () => {
    const runs = [run({ id: 'late', from: 5 }), run({ id: 'early', from: 1 }), run({ id: 'msft', symbol: 'SIM:MSFT', from: 3 })];
    expect(buyAndHoldSources(runs).map((item) => item.id)).toEqual(['early', 'msft']);
    const bars = { time: [1], open: [1], close: [1] };
    const names = comparisonLines(
      runs,
      new Map([
        ['early', bars],
        ['msft', bars],
      ]),
    )
      .filter((line) => line.dashed)
      .map((line) => line.name);
    expect(names).toEqual(['Buy & hold SIM:AAPL 1d', 'Buy & hold SIM:MSFT 1d']);
  });
});
