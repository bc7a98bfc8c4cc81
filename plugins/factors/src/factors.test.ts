import { alignAsOf, combineFactors } from '@nautilus/indicators';
import type { DataQuery, Frame, OhlcvFrame, TimeSeriesFrame } from '@nautilus/sdk';
import { pluginTestContext } from '@nautilus/sdk/testing';
import { describe, expect, it } from 'vitest';
import plugin from './index.ts';

const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);

// The host's data sources as ctx.data stands in for them: daily bars of a deterministic walk, and a
// monthly series by first release, each value published 15 days after its month. Like the real
// sources, each answers only what exists inside the range asked (nothing published after `to`).
function closeOn(day: number): number {
  return 100 + 10 * Math.sin(day / 9) + day * 0.05 + (day % 5);
}
function stand(asked: [string, DataQuery][]) {
  return {
    async query(dataSource: string, query: DataQuery): Promise<Frame[]> {
      asked.push([dataSource, query]);
      const { from, to } = query.range;
      if (dataSource === 'nautilus.sim-market/bars') {
        const frame: OhlcvFrame = {
          kind: 'ohlcv',
          symbol: 'SIM:AAPL',
          timeframe: '1d',
          time: [],
          open: [],
          high: [],
          low: [],
          close: [],
          volume: [],
        };
        for (let day = Math.ceil((from - START) / DAY); START + day * DAY < to; day++) {
          const close = closeOn(day);
          frame.time.push(START + day * DAY);
          frame.open.push(close);
          frame.high.push(close + 1);
          frame.low.push(close - 1);
          frame.close.push(close);
          frame.volume.push(1000);
        }
        return [frame];
      }
      const series = { name: 'CPI', time: [] as number[], values: [] as number[] };
      for (let month = -30; month < 40; month++) {
        const published = START + (month * 30 + 15) * DAY;
        if (published < from || published >= to) continue;
        series.time.push(published);
        series.values.push(300 + month + 3 * Math.sin(month));
      }
      return [{ kind: 'timeseries', series: [series] }];
    },
  };
}

async function factor(params: Record<string, unknown>, range: { from: number; to: number }, asked: [string, DataQuery][] = []) {
  const contributions = await plugin.setup(pluginTestContext({ pluginId: 'nautilus.factors', data: stand(asked) }));
  const frames = await contributions.dataSources!.factor!.query(
    { params, range, maxPoints: 10_000 },
    new AbortController().signal,
  );
  return (frames[0] as TimeSeriesFrame).series;
}

describe('factors plugin', () => {
  const range = { from: START + 200 * DAY, to: START + 400 * DAY };

  it('reads bars and the series through ctx.data and answers combineFactors over them, inside the range', async () => {
    const asked: [string, DataQuery][] = [];
    const [correlation] = await factor({ symbol: 'SIM:AAPL', seriesId: 'CPIAUCSL', window: 60 }, range, asked);
    expect(asked.map(([source, query]) => [source, query.params])).toEqual([
      ['nautilus.sim-market/bars', { symbol: 'SIM:AAPL', timeframe: '1d' }],
      ['nautilus.fred/first-release', { seriesId: 'CPIAUCSL' }],
    ]);
    // Recomputed here from the same inputs: the bars from 120 days before the range (2 windows).
    const barsAnswer = (await stand([]).query('nautilus.sim-market/bars', asked[0]![1]))[0] as OhlcvFrame;
    const seriesAnswer = ((await stand([]).query('x', asked[1]![1]))[0] as TimeSeriesFrame).series[0]!;
    const expected = combineFactors(
      { time: barsAnswer.time, values: barsAnswer.close },
      { availableFrom: seriesAnswer.time, values: seriesAnswer.values },
      60,
    ).correlation;
    const first = barsAnswer.time.indexOf(range.from);
    expect(correlation!.time[0]).toBe(range.from);
    expect(correlation!.values.slice(0, 50)).toEqual(Array.from(expected.subarray(first, first + 50)));
    expect(correlation!.name).toBe('correlation SIM:AAPL ~ CPIAUCSL');
  });

  it('shows a value only from the day it was published (the aligned view)', async () => {
    const [aligned] = await factor({ symbol: 'SIM:AAPL', seriesId: 'CPIAUCSL', view: 'aligned' }, range);
    // Month 7 is published on day 225: day 224 still shows month 6, day 225 shows month 7.
    const at = (day: number) => aligned!.values[aligned!.time.indexOf(START + day * DAY)];
    expect(at(224)).toBe(300 + 6 + 3 * Math.sin(6));
    expect(at(225)).toBe(300 + 7 + 3 * Math.sin(7));
    expect(alignAsOf([START + 224 * DAY], { availableFrom: [START + 225 * DAY], values: [1] })[0]).toBeNaN();
  });

  it('never changes an earlier value when the range grows (no look-ahead)', async () => {
    for (const view of ['correlation', 'beta', 'z-scores', 'aligned']) {
      const shorter = await factor(
        { symbol: 'SIM:AAPL', seriesId: 'CPIAUCSL', view },
        { from: range.from, to: range.from + 100 * DAY },
      );
      const longer = await factor({ symbol: 'SIM:AAPL', seriesId: 'CPIAUCSL', view }, range);
      shorter.forEach((series, index) => {
        expect(longer[index]!.values.slice(0, series.values.length), `${view} ${series.name}`).toEqual(series.values);
        expect(series.values.length).toBeGreaterThan(50);
      });
    }
  });
});
