import type { Bar, Timeframe } from '@nautilus/sdk';

/** Which bars a feed streams; with `replay`, the recent past from `from` at `speed` times real time first. */
export interface FeedKey {
  dataSource: string;
  symbol: string;
  timeframe: Timeframe;
  replay?: { from: number; speed: number } | undefined;
}

/** What a feed publishes: closed bars, updates of the forming bar, and stream failures. */
export type FeedMessage =
  | { kind: 'bar'; bar: Bar }
  | { kind: 'tick'; bar: Bar }
  | { kind: 'error'; code: string; message: string; plugin: string | null; retryInMs: number };

/**
 * The bus topic of a feed: `market.bars.<dataSource>.<symbol>.<timeframe>`, with
 * `.replay-<from>-x<speed>` appended for a replay, so live subscribers never see replayed bars.
 * @example feedTopic({ dataSource: 'nautilus.sim-market/bars', symbol: 'SIM:AAPL', timeframe: '1m' })
 * // 'market.bars.nautilus.sim-market/bars.SIM:AAPL.1m'
 */
export function feedTopic(key: FeedKey): string {
  const live = `market.bars.${key.dataSource}.${key.symbol}.${key.timeframe}`;
  return key.replay ? `${live}.replay-${key.replay.from}-x${key.replay.speed}` : live;
}
