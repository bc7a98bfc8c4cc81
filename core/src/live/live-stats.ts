/**
 * Counters of one hub, plain numbers so the hot path pays an increment, not a metric lookup; the
 * metrics module reads them at scrape time and benchmarks read them directly (`hub.stats`).
 */
export interface LiveStats {
  /** Open WebSocket connections. */
  connections: number;
  /** Subscriptions held by those connections. */
  subscriptions: number;
  /** Channels this instance listens to on the bus (one bus subscription each). */
  channels: number;
  /** Messages handed to sockets (each element of a frame counts). */
  messagesSent: number;
  /** Frames written (one per connection per event-loop turn at most). */
  framesSent: number;
  /** Latest-value messages replaced or merged in a slow connection's queue instead of sent. */
  conflated: number;
  /** Connections closed for staying over their outgoing bound (LIVE_CLOSE.slowConsumer). */
  slowConsumerCloses: number;
  /** Resyncs sent (epoch changed, too far behind, requested). */
  resyncs: number;
  /** Connections refused: over capacity or unauthenticated. */
  refused: number;
  /** Closed connections by close code (either side's), as the gateway saw them. */
  closes: Map<number, number>;
}

export function emptyStats(): LiveStats {
  return {
    connections: 0,
    subscriptions: 0,
    channels: 0,
    messagesSent: 0,
    framesSent: 0,
    conflated: 0,
    slowConsumerCloses: 0,
    resyncs: 0,
    refused: 0,
    closes: new Map(),
  };
}
