// For the benchmark and tests only (sim-market is a devDependency): the plugin itself never reads another plugin.
import simMarket from '@nautilus/plugin-sim-market';
import type { DataSource, OhlcvFrame } from '@nautilus/sdk';
import { pluginTestContext } from '@nautilus/sdk/testing';

/** Daily bars of one simulated instrument from `fromYear` through 2025, through the sim-market plugin's own data source. */
export async function simulatedDailyBars(symbol: string, fromYear: number): Promise<OhlcvFrame> {
  const { dataSources } = await simMarket.setup(pluginTestContext({ pluginId: 'nautilus.sim-market' }));
  const bars = dataSources!.bars as DataSource;
  const range = { from: Date.UTC(fromYear, 0, 1), to: Date.UTC(2026, 0, 1) };
  const query = { params: { symbol, timeframe: '1d' }, range, maxPoints: 100_000 };
  const [frame] = await bars.query(query, new AbortController().signal);
  if (frame?.kind !== 'ohlcv') throw new Error(`expected ohlcv bars, got ${frame?.kind}`);
  return frame;
}
