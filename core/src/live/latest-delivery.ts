import type { ResyncReason } from '@nautilus/sdk';
import type { Logger } from 'pino';
import { dataTail } from './live-connection.ts';
import type { LiveStats } from './live-stats.ts';
import type { Subscription } from './subscription.ts';

/**
 * Delivery of latest-value channels: `subscribed`, then the source's snapshot, then live values
 * through the connection's one slot per subscription (see LiveConnection.sendLatest).
 */
export class LatestDelivery {
  readonly #stats: LiveStats;
  readonly #logger: Logger;

  constructor(stats: LiveStats, logger: Logger) {
    this.#stats = stats;
    this.#logger = logger;
  }

  start(subscription: Subscription): void {
    const { connection, id } = subscription;
    connection.send({ type: 'subscribed', id, policy: 'latest' });
    void this.#sendSnapshot(subscription, undefined);
  }

  /** A client's resync request (a book that saw a sequence gap): a fresh snapshot inside the resync. */
  resync(subscription: Subscription): Promise<void> {
    subscription.pending = undefined;
    return this.#sendSnapshot(subscription, 'requested');
  }

  /** The source's snapshot first (as data, or inside a resync), then whatever came meanwhile. */
  async #sendSnapshot(subscription: Subscription, reason: ResyncReason | undefined): Promise<void> {
    const { connection, id, state } = subscription;
    subscription.buffer = [];
    try {
      const snapshot = await state.source.snapshot?.(state.channel as never);
      if (subscription.closed) return;
      if (reason) {
        this.#stats.resyncs++;
        connection.send({ type: 'resync', id, reason, ...(snapshot === undefined ? {} : { snapshot }) });
      } else if (snapshot !== undefined) connection.sendData(id, dataTail(snapshot, undefined));
    } catch (error) {
      this.#logger.warn({ err: error, channel: state.key }, 'live snapshot failed');
    }
    subscription.buffer = undefined;
    connection.releasePending(subscription);
  }
}
