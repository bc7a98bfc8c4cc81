import { describe, expect, it } from 'vitest';
import { paramsText, runLabel, runLabelWithStrategy, runTime } from './run-label.ts';

const run = {
  number: 3,
  strategyName: 'SMA crossover',
  version: 2,
  symbol: 'SIM:AAPL',
  timeframe: '1d',
  params: { fast: 10, slow: 30 },
  createdAt: '2026-12-05T16:54:31.000Z',
};

describe('run labels', () => {
  it('names a run by number, version, market, params and time', () => {
    expect(runLabel(run, 'UTC')).toBe('Run #3 · v2 · SIM:AAPL 1d · fast=10, slow=30 · 2026-12-05 16:54');
  });

  it('tells apart two runs of the same version and day by number, params and minute', () => {
    const other = { ...run, number: 4, params: { fast: 5, slow: 30 }, createdAt: '2026-12-05T17:02:00.000Z' };
    expect(runLabel(other, 'UTC')).toBe('Run #4 · v2 · SIM:AAPL 1d · fast=5, slow=30 · 2026-12-05 17:02');
    expect(runLabel(other, 'UTC')).not.toBe(runLabel(run, 'UTC'));
  });

  it("puts the strategy first among every strategy's runs", () => {
    expect(runLabelWithStrategy({ ...run, strategyName: null }, 'UTC')).toBe(
      'Deleted strategy Run #3 · v2 · SIM:AAPL 1d · fast=10, slow=30 · 2026-12-05 16:54',
    );
  });

  it('shows the time in the given zone, midnight as 00', () => {
    expect(runTime('2026-12-05T23:30:00.000Z', 'Asia/Tokyo')).toBe('2026-12-06 08:30');
    expect(runTime('2026-12-05T00:05:00.000Z', 'UTC')).toBe('2026-12-05 00:05');
  });

  it('says defaults for a strategy without params', () => {
    expect(paramsText({})).toBe('defaults');
    expect(paramsText({ on: true, mode: 'fast' })).toBe('on=true, mode=fast');
  });
});
