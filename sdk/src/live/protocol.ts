import type { Timeframe } from '../frames.ts';

/**
 * The live protocol: one WebSocket per browser tab (`GET /live`, same session cookie or API key as the
 * tRPC API) multiplexing every live subscription of the page. Every WebSocket text frame, both ways,
 * is a JSON array of messages, so the server can batch what one event-loop turn produced into one frame.
 *
 * Delivery policy is the channel's, enforced by the server per connection:
 * - `latest`: only the newest value matters (a quote, the forming bar, book levels). When a client is
 *   slow the server keeps one pending value per subscription and replaces it (conflation); nothing
 *   queues up.
 * - `lossless`: every message matters (closed bars, orders, fills, alerts, deployment events). Each
 *   message carries `epoch` and `offset` (offsets increase by one per message within an epoch). A client
 *   that reconnects subscribes again with `from` = the last position it holds and gets exactly the
 *   messages after it; when the server no longer holds them, or the epoch changed (the log was lost),
 *   it sends `resync` first: the client drops its state, takes the snapshot (inline, or by re-running
 *   its history query), then applies what follows.
 */
export type DeliveryPolicy = 'latest' | 'lossless';

/** What a subscription is for. `channelKey` gives its canonical name. */
export type LiveChannel =
  /** Closed bars of an instrument, one bar per message (OhlcvFrame of length 1). Lossless. */
  | { kind: 'bars'; dataSource: string; symbol: string; timeframe: Timeframe }
  /** The forming (not yet closed) bar, one bar per message with `forming: true`. Latest-value. */
  | { kind: 'forming'; dataSource: string; symbol: string; timeframe: Timeframe }
  /** An L2 order book: a BookFrame snapshot first, then BookDeltaFrames (conflated per level when slow). Latest-value. */
  | { kind: 'book'; dataSource: string; symbol: string }
  /** Risk alerts the user may see. Lossless. */
  | { kind: 'alerts' }
  /** A deployment's orders, fills, status changes and log lines. Lossless. */
  | { kind: 'deployment'; deploymentId: string };

export type LiveChannelKind = LiveChannel['kind'];

/** The delivery policy of each channel kind. */
export const CHANNEL_POLICY: Record<LiveChannelKind, DeliveryPolicy> = {
  bars: 'lossless',
  forming: 'latest',
  book: 'latest',
  alerts: 'lossless',
  deployment: 'lossless',
};

/** A position in a lossless channel's log. */
export interface LogPosition {
  /** Identifies the log; a different epoch means the log was recreated and offsets restarted. */
  epoch: string;
  /** The offset of the last message the client holds (0 before the first message). */
  offset: number;
}

export type ClientMessage =
  /** `id` is chosen by the client, unique per connection; every reply about the subscription names it. */
  | { type: 'subscribe'; id: number; channel: LiveChannel; from?: LogPosition }
  | { type: 'unsubscribe'; id: number }
  /** Asks for a fresh snapshot (a book client that saw a sequence gap). */
  | { type: 'resync'; id: number }
  | { type: 'ping'; time: number };

export type ServerMessage =
  /** First message on a connection. `maxQueue` is the outgoing bound (messages) past which a slow consumer is closed. */
  | { type: 'hello'; instance: string; maxQueue: number; heartbeatMs: number }
  /** The subscription is live. For lossless channels, `position` is where the log stands now. */
  | { type: 'subscribed'; id: number; policy: DeliveryPolicy; position?: LogPosition }
  /** One message of a subscription; lossless ones carry their position. */
  | { type: 'data'; id: number; data: unknown; position?: LogPosition }
  /**
   * The client's state for this subscription is stale (epoch changed, fell too far behind, or asked):
   * drop it and take `snapshot` when given, else re-run the history query; what follows continues from
   * `position` (lossless channels).
   */
  | { type: 'resync'; id: number; reason: ResyncReason; snapshot?: unknown; position?: LogPosition }
  /** A refused message or a failed subscription; `id` names the subscription when there is one. */
  | {
      type: 'error';
      id?: number;
      code: string;
      message: string;
      /** The offending field of a refused message, e.g. `channel.symbol`. */
      field?: string;
    }
  | { type: 'pong'; time: number };

export type ResyncReason = 'epoch-changed' | 'too-far-behind' | 'requested' | 'source-restarted';

/** WebSocket close codes the server uses; a client reconnects (with back-off) after each except `unauthenticated`. */
export const LIVE_CLOSE = {
  /** The server is shutting down or restarting: reconnect, possibly to another instance. */
  goingAway: 1001,
  /** No valid session or API key: log in again, do not retry. */
  unauthenticated: 4001,
  /** The client sent something that is not the protocol. */
  badMessage: 4002,
  /** The client stayed over its outgoing queue bound: reconnect and resume (lossless) or take fresh values. */
  slowConsumer: 4008,
  /** The server holds too many connections. */
  overCapacity: 4013,
} as const;

/**
 * The canonical name of a channel: the same channel always gives the same string.
 * @example channelKey({ kind: 'forming', dataSource: 'nautilus.sim-market/bars', symbol: 'SIM:AAPL', timeframe: '1m' })
 * // 'forming:nautilus.sim-market/bars:SIM:AAPL:1m'
 */
export function channelKey(channel: LiveChannel): string {
  switch (channel.kind) {
    case 'bars':
    case 'forming':
      return `${channel.kind}:${channel.dataSource}:${channel.symbol}:${channel.timeframe}`;
    case 'book':
      return `book:${channel.dataSource}:${channel.symbol}`;
    case 'alerts':
      return 'alerts';
    case 'deployment':
      return `deployment:${channel.deploymentId}`;
  }
}
