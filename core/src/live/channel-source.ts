import type { LiveChannel } from '@nautilus/sdk';
import type { User } from '../db/tables.ts';

/**
 * What the live hub needs from whatever produces one kind of channel (market bars, books, alerts,
 * deployments). Producers publish through the hub (`LiveHub.publish(channel, data)`), never to
 * connections: the hub owns delivery (fan-out across instances, logs, queues, conflation).
 */
export interface ChannelSource<C extends LiveChannel = LiveChannel> {
  kind: C['kind'];
  /** Refuses (throws a NautilusError: FORBIDDEN, NOT_FOUND, INVALID_INPUT naming the field) what `user` may not see. */
  authorize(channel: C, user: User): Promise<void>;
  /**
   * Called when the first subscriber of `channel` on this instance arrives (start or lease the producer,
   * e.g. acquire the market feed); answers the function the hub calls when the last one leaves.
   */
  open?(channel: C): Promise<() => Promise<void>>;
  /** Latest-value channels: the value a new subscriber (or a `resync` request) gets first, if any. */
  snapshot?(channel: C): Promise<unknown | undefined>;
  /**
   * Latest-value channels: merges a value still waiting in a slow connection's queue with a newer one
   * (book deltas merge per level); by default the newer replaces the pending one.
   */
  conflate?(pending: unknown, next: unknown): unknown;
}
