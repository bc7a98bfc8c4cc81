import type { LogPosition, ResyncReason } from '@nautilus/sdk';
import type { ChannelLog, LogEntry } from './channel-log.ts';
import type { LiveStats } from './live-stats.ts';
import type { Envelope, Subscription } from './subscription.ts';

export interface LosslessDeliveryOptions {
  log: ChannelLog;
  stats: LiveStats;
  /** Log entries sent per replay step (the connection drains between steps). */
  replayChunk: number;
  /** Live messages a catching-up subscription holds before it drops them and reads them from the log instead. */
  maxBuffered: number;
  /** The log could not be read: the hub tells the client and drops the subscription. */
  onFailed(subscription: Subscription, error: unknown): void;
}

/**
 * Delivery of lossless channels to one instance's subscribers: each message once, in offset order,
 * resuming from a client's position through the channel's log. While a subscription catches up
 * (replay from the log, or a gap in what the bus delivered), live messages wait in its buffer; the
 * offset check drops whatever it already sent, so the replay and the live tail meet without a gap
 * or a duplicate. A position the log cannot serve gets a `resync` naming why.
 */
export class LosslessDelivery {
  readonly #options: LosslessDeliveryOptions;

  constructor(options: LosslessDeliveryOptions) {
    this.#options = options;
  }

  /** A lossless message to one subscriber: buffered while it catches up, dropped when it has it, a gap filled from the log. */
  deliver(subscription: Subscription, envelope: Envelope): void {
    const position = envelope.position;
    if (!position || subscription.closed) return;
    if (subscription.buffer) {
      if (subscription.buffer.length >= this.#options.maxBuffered) {
        // Everything buffered is in the log: catch up from there instead of holding it.
        subscription.buffer = [];
        subscription.overflowed = true;
      } else subscription.buffer.push(envelope);
      return;
    }
    if (position.epoch !== subscription.epoch) {
      // The log was lost and started again: the client resyncs and gets the new epoch from its start.
      this.#sendResync(subscription, 'epoch-changed', { epoch: position.epoch, offset: 0 });
      subscription.epoch = position.epoch;
      subscription.offset = 0;
    }
    if (position.offset <= subscription.offset) return;
    if (position.offset > subscription.offset + 1) {
      subscription.buffer = [envelope];
      void this.#replay(subscription);
      return;
    }
    subscription.offset = position.offset;
    subscription.connection.sendData(subscription.id, envelope.tail);
  }

  /** Sends `subscribed` with the log's position, then what follows `from` (or a resync), then live messages. */
  async start(subscription: Subscription, from: LogPosition | undefined): Promise<void> {
    const { connection, id, state } = subscription;
    try {
      const read = await this.#options.log.read(
        state.key,
        from ? from.offset : Number.MAX_SAFE_INTEGER,
        from ? this.#options.replayChunk : 1,
      );
      if (subscription.closed) return;
      const head = { epoch: read.epoch, offset: read.head };
      connection.send({ type: 'subscribed', id, policy: 'lossless', position: head });
      subscription.epoch = read.epoch;
      const reason: ResyncReason | undefined = !from
        ? undefined
        : from.epoch !== read.epoch
          ? 'epoch-changed'
          : from.offset > read.head
            ? 'source-restarted'
            : read.complete
              ? undefined
              : 'too-far-behind';
      if (!from || reason) {
        if (reason) this.#sendResync(subscription, reason, head);
        subscription.offset = read.head;
        this.#goLive(subscription);
        return;
      }
      subscription.offset = from.offset;
      this.#sendEntries(subscription, read.entries);
      if (subscription.offset >= read.head) this.#goLive(subscription);
      else void this.#replay(subscription);
    } catch (error) {
      this.#options.onFailed(subscription, error);
    }
  }

  /**
   * Sends the log's entries after the subscription's offset, a chunk at a time (waiting for the
   * connection to drain between chunks), then what arrived live meanwhile: no gap, no duplicate.
   */
  async #replay(subscription: Subscription): Promise<void> {
    const { connection, state } = subscription;
    try {
      for (;;) {
        await connection.drained();
        if (subscription.closed) return;
        const read = await this.#options.log.read(state.key, subscription.offset, this.#options.replayChunk);
        if (subscription.closed) return;
        if (read.epoch !== subscription.epoch || !read.complete || subscription.offset > read.head) {
          const reason = read.epoch !== subscription.epoch ? 'epoch-changed' : 'too-far-behind';
          this.#sendResync(subscription, reason, { epoch: read.epoch, offset: read.head });
          subscription.epoch = read.epoch;
          subscription.offset = read.head;
        }
        this.#sendEntries(subscription, read.entries);
        if (subscription.offset < read.head) continue;
        if (subscription.overflowed) {
          subscription.overflowed = false;
          continue;
        }
        this.#goLive(subscription);
        return;
      }
    } catch (error) {
      this.#options.onFailed(subscription, error);
    }
  }

  #sendEntries(subscription: Subscription, entries: LogEntry[]): void {
    const epoch = JSON.stringify(subscription.epoch);
    for (const entry of entries) {
      if (entry.offset !== subscription.offset + 1) continue;
      subscription.offset = entry.offset;
      subscription.connection.sendData(
        subscription.id,
        `"data":${entry.text},"position":{"epoch":${epoch},"offset":${entry.offset}}}`,
      );
    }
  }

  /** Ends catching up: what was buffered goes through the live path (which drops what was sent). */
  #goLive(subscription: Subscription): void {
    const buffered = subscription.buffer ?? [];
    subscription.buffer = undefined;
    for (const envelope of buffered) this.deliver(subscription, envelope);
  }

  /** A client's resync request: the log's position now, then live from there (the client re-runs its history query). */
  async resync(subscription: Subscription): Promise<void> {
    subscription.buffer ??= [];
    try {
      const read = await this.#options.log.read(subscription.state.key, Number.MAX_SAFE_INTEGER, 1);
      if (subscription.closed) return;
      this.#sendResync(subscription, 'requested', { epoch: read.epoch, offset: read.head });
      subscription.epoch = read.epoch;
      subscription.offset = read.head;
      this.#goLive(subscription);
    } catch (error) {
      this.#options.onFailed(subscription, error);
    }
  }

  #sendResync(subscription: Subscription, reason: ResyncReason, position: LogPosition): void {
    this.#options.stats.resyncs++;
    subscription.connection.send({ type: 'resync', id: subscription.id, reason, position });
  }
}
