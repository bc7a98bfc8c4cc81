import {
  type Bus,
  CHANNEL_POLICY,
  type ClientMessage,
  channelKey,
  type LiveChannel,
  type LiveChannelKind,
  type LogPosition,
  NautilusError,
  toNautilusError,
} from '@nautilus/sdk';
import type { Logger } from 'pino';
import type { User } from '../db/tables.ts';
import type { ChannelLog } from './channel-log.ts';
import type { ChannelSource } from './channel-source.ts';
import { LatestDelivery } from './latest-delivery.ts';
import { dataTail, FlushScheduler, LiveConnection, type LiveSocket, type QueueLimits } from './live-connection.ts';
import { emptyStats, type LiveStats } from './live-stats.ts';
import { LosslessDelivery } from './lossless-delivery.ts';
import type { ChannelState, Envelope, Subscription } from './subscription.ts';

export interface LiveHubOptions {
  bus: Bus;
  log: ChannelLog;
  logger: Logger;
  /** Named in every connection's `hello`. */
  instanceId: string;
  limits: QueueLimits;
  /** Sent in `hello`: how often the server pings. */
  heartbeatMs: number;
  /** Subscriptions one connection may hold. */
  maxSubscriptions: number;
}

/** Log entries read per step of a replay; the connection drains between steps. */
const REPLAY_CHUNK = 500;
const LIVE_TOPIC_PREFIX = 'live.';
const replace = (_pending: unknown, next: unknown) => next;

/**
 * The server side of live streaming. Producers `publish` to channels; the hub delivers to every
 * subscribed connection on every instance. Each instance listens on the bus (`live.<channelKey>`)
 * only while it has local subscribers of that channel, and opens the channel's source (e.g. leases
 * the market feed) for as long. Lossless channels go through a log (Redis stream or in-memory ring)
 * so subscribers resume from an offset; latest-value channels are conflated per connection when a
 * client is slow (see LiveConnection).
 */
export class LiveHub {
  readonly stats: LiveStats = emptyStats();
  readonly instanceId: string;
  readonly limits: QueueLimits;
  readonly heartbeatMs: number;
  readonly #options: LiveHubOptions;
  readonly #sources = new Map<LiveChannelKind, ChannelSource>();
  readonly #channels = new Map<string, ChannelState>();
  readonly #stopping = new Map<string, Promise<void>>();
  readonly #connections = new Set<LiveConnection>();
  /**
   * Subscribes still being authorized and opened, by connection and id: subscriptions open in
   * parallel, and an unsubscribe or resync of one waits for it.
   */
  readonly #opening = new WeakMap<LiveConnection, Map<number, Promise<void>>>();
  readonly #scheduler = new FlushScheduler();
  readonly #context;
  readonly #lossless: LosslessDelivery;
  readonly #latest: LatestDelivery;
  #closed = false;

  constructor(options: LiveHubOptions) {
    this.#options = options;
    this.instanceId = options.instanceId;
    this.limits = options.limits;
    this.heartbeatMs = options.heartbeatMs;
    this.#lossless = new LosslessDelivery({
      log: options.log,
      stats: this.stats,
      // At most half the queue bound, so a replay step never closes a connection by itself.
      replayChunk: Math.max(1, Math.min(REPLAY_CHUNK, Math.floor(options.limits.maxMessages / 2))),
      maxBuffered: options.limits.maxMessages,
      onFailed: (subscription, error) => this.#failed(subscription, error),
    });
    this.#latest = new LatestDelivery(this.stats, options.logger);
    this.#context = {
      limits: options.limits,
      stats: this.stats,
      scheduler: this.#scheduler,
      onClosed: (connection: LiveConnection) => this.disconnect(connection),
    };
  }

  /** Which log lossless channels use: `memory` (one instance) or `redis` (shared). */
  get logKind(): ChannelLog['kind'] {
    return this.#options.log.kind;
  }

  /** Adds the source of one channel kind; a kind has one source. */
  register(source: ChannelSource): void {
    if (this.#sources.has(source.kind)) {
      throw new NautilusError('CONFLICT', `A live source for '${source.kind}' channels is registered already.`);
    }
    this.#sources.set(source.kind, source as ChannelSource);
  }

  /**
   * Latest-value channels: fans `data` out (conflated per connection). Lossless: appends it to the
   * channel's log, then fans it out; answers its position, or undefined when `dedupeKey` is at or
   * below the last logged one (the message was logged already).
   * @example await hub.publish({ kind: 'bars', dataSource, symbol, timeframe: '1m' }, bar, { dedupeKey: bar.time })
   */
  async publish(channel: LiveChannel, data: unknown, options: { dedupeKey?: number } = {}): Promise<LogPosition | undefined> {
    const key = channelKey(channel);
    const topic = LIVE_TOPIC_PREFIX + key;
    if (CHANNEL_POLICY[channel.kind] === 'latest') {
      await this.#options.bus.publish(topic, { data } as never);
      return undefined;
    }
    const { dedupeKey } = options;
    if (dedupeKey !== undefined && !Number.isFinite(dedupeKey)) {
      throw NautilusError.validation('live publish', [
        { path: 'dedupeKey', message: `expected a finite number, got ${dedupeKey}` },
      ]);
    }
    const text = JSON.stringify(data);
    if (text === undefined) {
      throw NautilusError.validation('live publish', [{ path: 'data', message: 'expected a JSON value, got undefined' }]);
    }
    return this.#options.log.append(key, topic, text, dedupeKey);
  }

  /**
   * Latest-value channels whose producer reaches every instance by itself (a market feed on the bus):
   * delivers `data` to this instance's subscribers only, so no instance relays a copy to the others.
   */
  publishLocal(channel: LiveChannel, data: unknown): void {
    const state = this.#channels.get(channelKey(channel));
    if (state && !state.lossless) this.#deliver(state, { data });
  }

  /** The data of a lossless channel's newest logged message, if its log holds one (a source resuming its producer asks). */
  async lastLogged(channel: LiveChannel): Promise<unknown | undefined> {
    const key = channelKey(channel);
    const { head } = await this.#options.log.read(key, Number.MAX_SAFE_INTEGER, 1);
    if (head === 0) return undefined;
    const entry = (await this.#options.log.read(key, head - 1, 1)).entries[0];
    return entry ? JSON.parse(entry.text) : undefined;
  }

  /** A new authenticated WebSocket: says hello and returns the connection the gateway feeds. */
  connect(socket: LiveSocket, user: User, credential?: string): LiveConnection {
    const connection = new LiveConnection(socket, user, this.#context, credential);
    this.#connections.add(connection);
    this.stats.connections++;
    connection.send({
      type: 'hello',
      instance: this.instanceId,
      maxQueue: this.limits.maxMessages,
      heartbeatMs: this.heartbeatMs,
    });
    return connection;
  }

  /** The connection is gone (socket closed, or closed by the hub): drops its subscriptions. */
  disconnect(connection: LiveConnection): void {
    if (!this.#connections.delete(connection)) return;
    this.stats.connections--;
    connection.release();
    for (const subscription of connection.subscriptions.values()) this.#drop(subscription);
    connection.subscriptions.clear();
  }

  /** Every open connection (for the gateway's heartbeat). */
  connections(): IterableIterator<LiveConnection> {
    return this.#connections.values();
  }

  /** Handles one validated client message; one about a subscription still opening waits for it. */
  handle(connection: LiveConnection, message: ClientMessage): Promise<void> {
    const fail = (error: unknown) => this.#options.logger.warn({ err: error }, 'live message failed');
    if (message.type === 'ping') return this.#handle(connection, message).catch(fail);
    let opening = this.#opening.get(connection);
    const pending = opening?.get(message.id);
    if (message.type !== 'subscribe') {
      return (pending ?? Promise.resolve()).then(() => this.#handle(connection, message)).catch(fail);
    }
    if (pending) {
      this.#refuse(
        connection,
        message.id,
        'CONFLICT',
        `Subscription id ${message.id} is in use on this connection; pick another.`,
      );
      return Promise.resolve();
    }
    if (!opening) {
      opening = new Map();
      this.#opening.set(connection, opening);
    }
    const map = opening;
    let opened!: () => void;
    // In the map before the subscribe starts, so it counts towards the connection's limit.
    map.set(
      message.id,
      new Promise<void>((resolve) => {
        opened = resolve;
      }),
    );
    const done = this.#handle(connection, message)
      .catch(fail)
      .finally(() => {
        map.delete(message.id);
        if (map.size === 0) this.#opening.delete(connection);
        opened();
      });
    return done;
  }

  /** Closes every connection with 1001 (clients reconnect, maybe elsewhere) and stops every channel. */
  async close(code: number, reason: string): Promise<void> {
    this.#closed = true;
    for (const connection of [...this.#connections]) connection.close(code, reason);
    await Promise.allSettled([...this.#stopping.values()]);
    const states = [...this.#channels.values()];
    this.#channels.clear();
    await Promise.allSettled(states.map((state) => this.#stopState(state)));
  }

  async #handle(connection: LiveConnection, message: ClientMessage): Promise<void> {
    if (connection.closed) return;
    switch (message.type) {
      case 'ping':
        connection.send({ type: 'pong', time: message.time });
        return;
      case 'subscribe':
        return this.#subscribe(connection, message);
      case 'unsubscribe': {
        const subscription = connection.subscriptions.get(message.id);
        if (!subscription)
          return this.#refuse(connection, message.id, 'NOT_FOUND', `No subscription ${message.id} on this connection.`);
        connection.subscriptions.delete(message.id);
        this.#drop(subscription);
        return;
      }
      case 'resync': {
        const subscription = connection.subscriptions.get(message.id);
        if (!subscription)
          return this.#refuse(connection, message.id, 'NOT_FOUND', `No subscription ${message.id} on this connection.`);
        return this.#resync(subscription);
      }
    }
  }

  async #subscribe(connection: LiveConnection, message: Extract<ClientMessage, { type: 'subscribe' }>): Promise<void> {
    const { id, channel, from } = message;
    if (connection.subscriptions.has(id)) {
      return this.#refuse(
        connection,
        id,
        'CONFLICT',
        `Subscription id ${id} is in use on this connection; pick another or unsubscribe first.`,
      );
    }
    // Those opening include this one.
    if (connection.subscriptions.size + (this.#opening.get(connection)?.size ?? 1) > this.#options.maxSubscriptions) {
      return this.#refuse(
        connection,
        id,
        'RATE_LIMITED',
        `A connection holds at most ${this.#options.maxSubscriptions} subscriptions; unsubscribe some first.`,
      );
    }
    const source = this.#sources.get(channel.kind);
    if (!source)
      return this.#refuse(connection, id, 'NOT_FOUND', `This server has no live source for '${channel.kind}' channels.`);
    let state: ChannelState;
    try {
      await source.authorize(channel, connection.user);
      state = await this.#acquire(channel, source);
    } catch (error) {
      const failure = toNautilusError(error);
      return this.#refuse(connection, id, failure.code, failure.message);
    }
    if (connection.closed || this.#closed) return this.#releaseIfIdle(state);
    const subscription: Subscription = {
      id,
      connection,
      state,
      epoch: '',
      offset: 0,
      buffer: [],
      overflowed: false,
      pending: undefined,
      closed: false,
    };
    state.subscribers.add(subscription);
    connection.subscriptions.set(id, subscription);
    this.stats.subscriptions++;
    // Returns once `subscribed` is queued (an unsubscribe of this id waits for that); replays go on after.
    if (state.lossless) await this.#lossless.start(subscription, from);
    else this.#latest.start(subscription);
  }

  /** The channel's state once its bus subscription is live and its source open (shared by its local subscribers). */
  async #acquire(channel: LiveChannel, source: ChannelSource): Promise<ChannelState> {
    const key = channelKey(channel);
    for (;;) {
      const stopping = this.#stopping.get(key);
      if (stopping) await stopping;
      let state = this.#channels.get(key);
      if (!state) {
        state = this.#open(key, channel, source);
        this.#channels.set(key, state);
        this.stats.channels++;
      }
      try {
        await state.ready;
      } catch (error) {
        if (this.#channels.get(key) === state) {
          this.#channels.delete(key);
          this.stats.channels--;
        }
        throw error;
      }
      // The last subscriber may have left (and the channel stopped) while this one waited.
      if (this.#channels.get(key) === state) return state;
    }
  }

  #open(key: string, channel: LiveChannel, source: ChannelSource): ChannelState {
    const topic = LIVE_TOPIC_PREFIX + key;
    let unsubscribe: (() => Promise<void>) | undefined;
    let release: (() => Promise<void>) | undefined;
    const state: ChannelState = {
      key,
      topic,
      channel,
      source,
      lossless: CHANNEL_POLICY[channel.kind] === 'lossless',
      conflate: this.#conflater(source, key),
      subscribers: new Set(),
      ready: Promise.resolve(),
      stop: async () => {
        await release?.().catch((error: unknown) =>
          this.#options.logger.warn({ err: error, channel: key }, 'live source did not close'),
        );
        await unsubscribe?.();
      },
    };
    state.ready = (async () => {
      unsubscribe = await this.#options.bus.subscribe(topic, (message) => this.#deliver(state, message));
      try {
        release = await source.open?.(channel as never);
      } catch (error) {
        await unsubscribe();
        throw error;
      }
    })();
    return state;
  }

  /** One channel message from the bus, to every local subscriber. */
  /**
   * The source's conflate, guarded: a merge that throws keeps the newer value (as the default does)
   * instead of failing delivery to every subscriber of the channel.
   */
  #conflater(source: ChannelSource, key: string): (pending: unknown, next: unknown) => unknown {
    const merge = source.conflate;
    if (!merge) return replace;
    return (pending, next) => {
      try {
        return merge.call(source, pending, next);
      } catch (error) {
        this.#options.logger.warn({ err: error, channel: key }, 'live conflate failed; kept the newer value');
        return next;
      }
    };
  }

  #deliver(state: ChannelState, message: unknown): void {
    if (message === null || typeof message !== 'object') return;
    const { data, position } = message as { data: unknown; position?: LogPosition };
    const envelope: Envelope = { data, position, tail: dataTail(data, position) };
    if (state.lossless) {
      for (const subscription of state.subscribers) this.#lossless.deliver(subscription, envelope);
      return;
    }
    for (const subscription of state.subscribers) {
      subscription.connection.sendLatest(subscription, data, envelope.tail, state.conflate);
    }
  }

  async #resync(subscription: Subscription): Promise<void> {
    if (subscription.state.lossless) return this.#lossless.resync(subscription);
    return this.#latest.resync(subscription);
  }

  /** The log could not be read (Redis down): the client is told and the subscription dropped; it may subscribe again. */
  #failed(subscription: Subscription, error: unknown): void {
    if (subscription.closed) return;
    this.#options.logger.warn({ err: error, channel: subscription.state.key }, 'live subscription failed');
    const { connection, id } = subscription;
    connection.subscriptions.delete(id);
    this.#drop(subscription);
    this.#refuse(
      connection,
      id,
      'UNAVAILABLE',
      `The channel's log cannot be read right now (${toNautilusError(error).message}); subscribe again.`,
    );
  }

  #refuse(connection: LiveConnection, id: number | undefined, code: string, message: string): void {
    connection.send({ type: 'error', ...(id === undefined ? {} : { id }), code, message });
  }

  #drop(subscription: Subscription): void {
    if (subscription.closed) return;
    subscription.closed = true;
    subscription.pending = undefined;
    subscription.buffer = undefined;
    this.stats.subscriptions--;
    subscription.state.subscribers.delete(subscription);
    this.#releaseIfIdle(subscription.state);
  }

  /** The last local subscriber left: stop listening on the bus and release the source. */
  #releaseIfIdle(state: ChannelState): void {
    if (state.subscribers.size > 0 || this.#channels.get(state.key) !== state) return;
    this.#channels.delete(state.key);
    this.stats.channels--;
    const stopping = this.#stopState(state).finally(() => {
      if (this.#stopping.get(state.key) === stopping) this.#stopping.delete(state.key);
    });
    this.#stopping.set(state.key, stopping);
  }

  async #stopState(state: ChannelState): Promise<void> {
    await state.ready.catch(() => {});
    await state
      .stop()
      .catch((error: unknown) => this.#options.logger.warn({ err: error, channel: state.key }, 'live channel did not stop'));
  }
}
