import { LIVE_CLOSE, type ServerMessage } from '@nautilus/sdk';
import type { User } from '../db/tables.ts';
import { closeReason } from './close-reason.ts';
import type { LiveStats } from './live-stats.ts';
import type { Subscription } from './subscription.ts';

/** The part of a `ws` WebSocket a connection uses (so the queue logic does not depend on the library). */
export interface LiveSocket {
  readonly readyState: number;
  readonly bufferedAmount: number;
  send(text: string): void;
  close(code: number, reason: string): void;
  terminate(): void;
}

/** The outgoing bound of every connection. */
export interface QueueLimits {
  /** Messages waiting to be written past which the connection is closed as a slow consumer. */
  maxMessages: number;
  /** The same bound in bytes (UTF-16 code units of the JSON, close enough). */
  maxBytes: number;
  /** Bytes the socket may hold unsent before the connection stops writing and conflates. */
  maxBufferedBytes: number;
}

/** Runs every dirty connection's flush once per event-loop turn, from one `setImmediate`. */
export class FlushScheduler {
  #dirty = new Set<LiveConnection>();
  #scheduled = false;

  mark(connection: LiveConnection): void {
    this.#dirty.add(connection);
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      const dirty = this.#dirty;
      this.#dirty = new Set();
      for (const connection of dirty) {
        try {
          connection.flush();
        } catch {
          // A socket that failed under us: the connection goes, the others are still written.
          connection.close(1011, 'write failed');
        }
      }
    });
  }
}

const OPEN = 1;
/** How often a connection whose socket is full looks again. */
const RETRY_MS = 20;
/** How long a slow consumer's close frame may wait behind its unread data before the socket is dropped. */
const SLOW_CLOSE_GRACE_MS = 5_000;

/**
 * One client's WebSocket: its subscriptions and its bounded outgoing queue. What one event-loop
 * turn produced goes out as one frame (a JSON array). While the socket holds more than
 * `maxBufferedBytes` unsent, nothing is written: latest-value messages wait in one slot per
 * subscription (replaced or merged), lossless ones queue, and a queue that goes over its bound
 * while the socket is full closes the connection with LIVE_CLOSE.slowConsumer (the client resumes
 * from its offset). Fields are few on purpose: idle connections must stay small.
 */
export class LiveConnection {
  readonly user: User;
  /** What it authenticated with, checked again now and then (see live-reauth.ts). */
  readonly credential: string | undefined;
  readonly subscriptions = new Map<number, Subscription>();
  /** Cleared by each heartbeat, set by a pong or any message. */
  alive = true;
  closed = false;
  readonly #socket: LiveSocket;
  readonly #context: ConnectionContext;
  #queue: (string | Subscription)[] = [];
  #bytes = 0;
  #blocked = false;
  #retry: NodeJS.Timeout | undefined;
  #waiters: (() => void)[] | undefined;
  /** The client's messages in the current window, and when it started (see countMessages). */
  #received = 0;
  #windowStart = 0;

  constructor(socket: LiveSocket, user: User, context: ConnectionContext, credential?: string) {
    this.#socket = socket;
    this.user = user;
    this.credential = credential;
    this.#context = context;
  }

  /** Counts `count` messages from the client; false when they take it past `max` in the window of `windowMs`. */
  countMessages(count: number, windowMs: number, max: number): boolean {
    const now = Date.now();
    if (now - this.#windowStart >= windowMs) {
      this.#windowStart = now;
      this.#received = 0;
    }
    this.#received += count;
    return this.#received <= max;
  }

  /** A control message (hello, subscribed, error, resync, pong). */
  send(message: ServerMessage): void {
    this.#push(JSON.stringify(message));
  }

  /** A data message whose shared part (`"data":…,"position":…}`) was serialized once for every connection. */
  sendData(id: number, tail: string): void {
    this.#push(`{"type":"data","id":${id},${tail}`);
  }

  /**
   * A latest-value message: kept in the subscription's one slot until the next flush, replaced or
   * merged (`conflate`) by newer values meanwhile: once per event-loop turn while the socket keeps
   * up, for as long as it is full when the client is slow. Nothing else queues for it.
   */
  sendLatest(
    subscription: Subscription,
    data: unknown,
    tail: string | undefined,
    conflate: (pending: unknown, next: unknown) => unknown,
  ): void {
    if (this.closed) return;
    const pending = subscription.pending;
    if (pending) {
      subscription.pending = { data: conflate(pending.data, data), tail: undefined };
      this.#context.stats.conflated++;
      return;
    }
    subscription.pending = { data, tail };
    // While the subscription catches up (its snapshot), the value waits; releasePending queues it.
    if (!subscription.buffer) this.#push(subscription);
  }

  /** Queues a subscription's waiting latest value (after it caught up). */
  releasePending(subscription: Subscription): void {
    if (subscription.pending) this.#push(subscription);
  }

  /** Resolves once everything queued was handed to the socket and the socket is under its bound (or the connection closed). */
  drained(): Promise<void> {
    if (this.closed || (this.#queue.length === 0 && !this.#blocked)) return Promise.resolve();
    return new Promise((resolve) => {
      this.#waiters ??= [];
      this.#waiters.push(resolve);
    });
  }

  /** Writes what is queued as one frame, unless the socket is still full. Called by the FlushScheduler. */
  flush(): void {
    if (this.closed || this.#socket.readyState !== OPEN) return;
    const { limits, stats } = this.#context;
    if (this.#socket.bufferedAmount > limits.maxBufferedBytes) {
      this.#block();
      return;
    }
    this.#blocked = false;
    if (this.#queue.length > 0) {
      const queue = this.#queue;
      this.#queue = [];
      this.#bytes = 0;
      const parts: string[] = [];
      for (const entry of queue) {
        const text = typeof entry === 'string' ? entry : materialize(entry);
        if (text !== undefined) parts.push(text);
      }
      if (parts.length > 0) this.#socket.send(`[${parts.join(',')}]`);
      stats.messagesSent += parts.length;
      stats.framesSent++;
      if (this.#socket.bufferedAmount > limits.maxBufferedBytes) {
        this.#block();
        return;
      }
    }
    const waiters = this.#waiters;
    this.#waiters = undefined;
    for (const resolve of waiters ?? []) resolve();
  }

  /** The socket is gone: drops the queue and timers and wakes whatever waited for a drain. */
  release(): void {
    this.closed = true;
    this.#queue = [];
    this.#bytes = 0;
    clearTimeout(this.#retry);
    this.#retry = undefined;
    const waiters = this.#waiters;
    this.#waiters = undefined;
    for (const resolve of waiters ?? []) resolve();
  }

  /** Closes the socket with `code`; the hub drops the subscriptions at once (`onClosed`). */
  close(code: number, reason: string): void {
    if (this.closed) return;
    this.release();
    try {
      this.#socket.close(code, closeReason(reason));
    } catch {
      this.#socket.terminate();
    }
    if (code === LIVE_CLOSE.slowConsumer) {
      // The close frame waits behind data the client does not read; do not hold its buffers for long.
      setTimeout(() => this.#socket.terminate(), SLOW_CLOSE_GRACE_MS).unref();
    }
    this.#context.onClosed(this);
  }

  #push(entry: string | Subscription): void {
    if (this.closed) return;
    this.#queue.push(entry);
    if (typeof entry === 'string') this.#bytes += entry.length;
    const { limits, stats, scheduler } = this.#context;
    // Only a client that does not keep up is held to the bound: what one turn produced for a socket
    // that is not full goes out at the end of the turn, however much it was.
    if (this.#blocked && (this.#queue.length > limits.maxMessages || this.#bytes > limits.maxBytes)) {
      stats.slowConsumerCloses++;
      this.close(
        LIVE_CLOSE.slowConsumer,
        `over the outgoing bound (${limits.maxMessages} messages or ${limits.maxBytes} bytes); reconnect and resume`,
      );
      return;
    }
    // The first entry since the last flush asks for one; the rest of the turn rides along.
    if (!this.#blocked && this.#queue.length === 1) scheduler.mark(this);
  }

  #block(): void {
    this.#blocked = true;
    if (this.#retry) return;
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      this.flush();
    }, RETRY_MS);
  }
}

/** What a connection shares with its hub. */
export interface ConnectionContext {
  limits: QueueLimits;
  stats: LiveStats;
  scheduler: FlushScheduler;
  onClosed(connection: LiveConnection): void;
}

/** The message of a subscription's waiting latest value; undefined when it went (unsubscribed). */
function materialize(subscription: Subscription): string | undefined {
  const pending = subscription.pending;
  subscription.pending = undefined;
  if (!pending) return undefined;
  return `{"type":"data","id":${subscription.id},${pending.tail ?? dataTail(pending.data, undefined)}`;
}

/** The shared part of a data message: `"data":…` and, for lossless channels, `"position":…`, closing the object. */
export function dataTail(data: unknown, position: { epoch: string; offset: number } | undefined): string {
  const json = JSON.stringify(data) ?? 'null';
  return position
    ? `"data":${json},"position":{"epoch":${JSON.stringify(position.epoch)},"offset":${position.offset}}}`
    : `"data":${json}}`;
}
