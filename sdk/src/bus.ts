/** A message on the bus: any JSON value. */
export type BusMessage = unknown;

export type BusHandler = (message: BusMessage, topic: string) => void;

/**
 * Publish/subscribe by topic between the parts of one server and, with Redis, between instances.
 * Topics are dot-separated (`market.bars.SIM:AAPL.1m`); delivery is at most once, in order per topic.
 */
export interface Bus {
  publish(topic: string, message: BusMessage): Promise<void>;
  /** Calls `handler` for each message on `topic`; resolves once the subscription is live. */
  subscribe(topic: string, handler: BusHandler): Promise<() => Promise<void>>;
}
