import { type Bar, type Bus, type LiveChannel, NautilusError, type OhlcvFrame, TIMEFRAME_MS } from '@nautilus/sdk';
import type { Logger } from 'pino';
import { type FeedKey, type FeedMessage, feedTopic } from '../../market/feed-topic.ts';
import type { MarketFeed } from '../../market/market-feed.ts';
import type { PluginHost } from '../../plugins/plugin-host.ts';
import type { ChannelSource } from '../channel-source.ts';
import type { LiveHub } from '../live-hub.ts';
import { acquireShared } from '../shared-opening.ts';

type BarsChannel = Extract<LiveChannel, { kind: 'bars' }>;
type FormingChannel = Extract<LiveChannel, { kind: 'forming' }>;
type MarketChannel = BarsChannel | FormingChannel;

export interface MarketSourcesOptions {
  plugins: PluginHost;
  feeds: MarketFeed;
  bus: Bus;
  hub: Pick<LiveHub, 'publish' | 'publishLocal' | 'lastLogged'>;
  logger: Logger;
}

/** Most bars one gap fill publishes (a feed down for longer leaves the rest to the client's history query). */
const MAX_FILL_BARS = 1_000;

interface Bridge {
  demand: number;
  /** Open time of the newest closed bar logged or seen; a bar further on than one period means bars were missed. */
  lastBarTime: number | undefined;
  /** Closed bars are logged one after another, gap fills first, so the log stays in bar order. */
  logging: Promise<void>;
  /** The last forming bar seen here: a new `forming` subscriber's snapshot. */
  forming: OhlcvFrame | undefined;
  ready: Promise<() => Promise<void>>;
}

/** One bar as an OhlcvFrame of length 1 (the live protocol's bars and forming data). */
export function barFrame(key: FeedKey, bar: Bar, forming: boolean): OhlcvFrame {
  const frame: OhlcvFrame = {
    kind: 'ohlcv',
    symbol: key.symbol,
    timeframe: key.timeframe,
    time: [bar.time],
    open: [bar.open],
    high: [bar.high],
    low: [bar.low],
    close: [bar.close],
    volume: [bar.volume],
  };
  if (forming) frame.forming = true;
  return frame;
}

/**
 * The `bars` (lossless) and `forming` (latest-value) sources over the market feeds. While either
 * channel of an instrument has a subscriber on this instance, the feed is acquired (it runs here or
 * on whichever instance holds its lease) and its bus topic is followed: a closed bar is published on
 * the bars channel with `dedupeKey` = the bar's open time, so when several instances follow the same
 * feed (or one takes it over after a crash and repeats a bar) the log keeps each bar once; a forming
 * bar is delivered to this instance's subscribers only (every following instance gets the feed itself).
 * A closed bar more than one period after the last one logged (the feed was down: its instance died
 * and the lease had not lapsed yet, or nobody followed it) is preceded by the missing bars, queried
 * from the data source's history, so the bars log has no hole where the feed had one.
 */
export function marketSources(options: MarketSourcesOptions): [ChannelSource<BarsChannel>, ChannelSource<FormingChannel>] {
  const bridges = new Map<string, Bridge>();

  const authorize = async (channel: MarketChannel) => {
    const { descriptor } = options.plugins.checkQuery(channel.dataSource, {
      symbol: channel.symbol,
      timeframe: channel.timeframe,
    });
    if (!descriptor.streaming || !descriptor.frames.includes('ohlcv')) {
      throw NautilusError.validation('live channel', [
        { path: 'channel.dataSource', message: `${channel.dataSource} does not stream live bars; pick a source with streaming` },
      ]);
    }
  };

  /** Closed bars opening in [from, to), from the source's history. */
  const history = async (key: FeedKey, from: number, to: number): Promise<Bar[]> => {
    const frames = await options.plugins.query(key.dataSource, {
      params: { symbol: key.symbol, timeframe: key.timeframe },
      range: { from, to },
      maxPoints: MAX_FILL_BARS,
    });
    const frame = frames.find((item): item is OhlcvFrame => item.kind === 'ohlcv' && !item.forming);
    if (!frame) return [];
    const bars: Bar[] = [];
    for (const [index, time] of frame.time.entries()) {
      // Everything before `to` (a bar the feed just closed) has closed.
      if (time < from || time >= to) continue;
      bars.push({
        time,
        open: frame.open[index] as number,
        high: frame.high[index] as number,
        low: frame.low[index] as number,
        close: frame.close[index] as number,
        volume: frame.volume[index] as number,
      });
    }
    return bars;
  };

  const logBar = async (key: FeedKey, bridge: Bridge, bar: Bar): Promise<void> => {
    const bars: BarsChannel = { kind: 'bars', ...key };
    const periodMs = TIMEFRAME_MS[key.timeframe];
    const last = bridge.lastBarTime;
    if (last !== undefined && bar.time <= last) return;
    if (last !== undefined && bar.time > last + periodMs) {
      try {
        for (const missed of await history(key, last + periodMs, bar.time)) {
          await options.hub.publish(bars, barFrame(key, missed, false), { dedupeKey: missed.time });
        }
      } catch (error) {
        options.logger.warn({ err: error, topic: feedTopic(key) }, 'could not fill the bars the feed missed');
      }
    }
    await options.hub.publish(bars, barFrame(key, bar, false), { dedupeKey: bar.time });
    bridge.lastBarTime = bar.time;
  };

  const follow = async (key: FeedKey, bridge: Bridge): Promise<() => Promise<void>> => {
    const bars: BarsChannel = { kind: 'bars', ...key };
    const forming: FormingChannel = { kind: 'forming', ...key };
    const last = (await options.hub.lastLogged(bars).catch(() => undefined)) as OhlcvFrame | undefined;
    bridge.lastBarTime = last?.time?.[0];
    const unsubscribe = await options.bus.subscribe(feedTopic(key), (message) => {
      const feed = message as FeedMessage;
      if (feed.kind === 'bar') {
        bridge.logging = bridge.logging
          .then(() => logBar(key, bridge, feed.bar))
          .catch((error: unknown) => options.logger.warn({ err: error, topic: feedTopic(key) }, 'live bar not logged'));
      } else if (feed.kind === 'tick') {
        bridge.forming = barFrame(key, feed.bar, true);
        options.hub.publishLocal(forming, bridge.forming);
      }
    });
    try {
      const release = await options.feeds.acquire(key);
      return async () => {
        await unsubscribe();
        await release();
      };
    } catch (error) {
      await unsubscribe();
      throw error;
    }
  };

  const open = async (channel: MarketChannel): Promise<() => Promise<void>> => {
    const key: FeedKey = { dataSource: channel.dataSource, symbol: channel.symbol, timeframe: channel.timeframe };
    const topic = feedTopic(key);
    return acquireShared(bridges, topic, () => {
      const created: Bridge = {
        demand: 0,
        lastBarTime: undefined,
        logging: Promise.resolve(),
        forming: undefined,
        ready: Promise.resolve(async () => {}),
      };
      created.ready = follow(key, created);
      return created;
    });
  };

  return [
    { kind: 'bars', authorize, open },
    {
      kind: 'forming',
      authorize,
      open,
      async snapshot(channel) {
        return bridges.get(feedTopic({ dataSource: channel.dataSource, symbol: channel.symbol, timeframe: channel.timeframe }))
          ?.forming;
      },
    },
  ];
}
