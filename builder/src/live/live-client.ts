import {
  CHANNEL_POLICY,
  type ClientMessage,
  channelKey,
  type DeliveryPolicy,
  LIVE_CLOSE,
  type LiveChannel,
  type LogPosition,
  type ResyncReason,
  type ServerMessage,
} from '@nautilus/sdk';
import { type BackoffOptions, backoffDelay, DEFAULT_BACKOFF } from './backoff.ts';
import { positionVerdict, readPosition } from './log-position.ts';

/**
 * Where the tab's connection stands. `resynced` is `live` for a few seconds after the server made a
 * subscription start over from a snapshot, so the page can say so; `unauthenticated` is final (log in).
 */
export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting' | 'resynced' | 'unauthenticated';

export interface ConnectionState {
  status: ConnectionStatus;
  /** The server instance answering, from its `hello`. */
  instance?: string | undefined;
  /** Failed connection attempts in a row (0 while connected). */
  attempt: number;
  /** When the next attempt starts (epoch ms), while reconnecting. */
  retryAt?: number | undefined;
  /** Connections opened since the page loaded (more than 1 after a reconnect). */
  connections: number;
}

/** One subscription's freshness, for its panel's badge. */
export interface SubscriptionState {
  status: 'pending' | 'live' | 'error';
  policy: DeliveryPolicy;
  /** When the last message arrived (epoch ms, the browser's clock). */
  lastUpdate?: number | undefined;
  /** How many times the server (or this client, on a gap) made it start over. */
  resyncs: number;
  lastResync?: number | undefined;
  error?: { code: string; message: string } | undefined;
}

/** What a subscriber is told. */
export type LiveEvent =
  | { type: 'subscribed'; at: number }
  | { type: 'data'; data: unknown; position?: LogPosition | undefined }
  /** Drop what you hold for this channel; take `snapshot` when given, else re-run the history query. */
  | { type: 'resync'; reason: ResyncReason | 'gap'; snapshot?: unknown }
  | { type: 'error'; code: string; message: string };

export type LiveListener = (event: LiveEvent) => void;

export interface LiveClientOptions {
  /** The `/live` endpoint's address, read at each connection attempt. */
  url: () => string;
  WebSocket?: typeof WebSocket;
  backoff?: BackoffOptions;
  /** How long `resynced` shows before the status goes back to `live`. */
  resyncedMs?: number;
  /** Until the server's `hello` says otherwise. */
  heartbeatMs?: number;
  now?: () => number;
  random?: () => number;
}

interface Subscription {
  id: number;
  key: string;
  channel: LiveChannel;
  listeners: Set<LiveListener>;
  /** The subscribe message went out on the current socket. */
  sent: boolean;
  /** Lossless: the last message held; the next connection resumes from it. */
  position?: LogPosition | undefined;
  /** A gap was seen and a resync asked for: data is dropped until the resync arrives. */
  awaitingResync: boolean;
  state: SubscriptionState;
}

/**
 * One WebSocket per tab multiplexing every live subscription of the page (`GET /live`, see the sdk's
 * live protocol). Subscriptions are shared by channel and reference-counted: ten panels on one channel
 * make one subscription, and it ends when the last leaves. Outgoing messages wait for the end of the
 * current task and leave as one frame, so a dashboard's thirty subscriptions are one frame, and a
 * subscribe undone in the same task (React's StrictMode mounts twice) sends nothing.
 *
 * On a drop it reconnects with exponential back-off and jitter, to whichever instance the address
 * reaches, and subscribes again: lossless channels `from` the last position held, and anything at or
 * below it that comes again is dropped, so nothing is shown twice. A close with 4001 (no session) is
 * final: the user has to log in again.
 */
export class LiveClient {
  readonly #options: Required<Omit<LiveClientOptions, 'WebSocket'>> & { WebSocket: typeof WebSocket | undefined };
  readonly #subscriptions = new Map<string, Subscription>();
  readonly #byId = new Map<number, Subscription>();
  readonly #dirty = new Set<Subscription>();
  readonly #outbox: ClientMessage[] = [];
  readonly #changeListeners = new Set<() => void>();
  #nextId = 1;
  #socket: WebSocket | undefined;
  #state: ConnectionState = { status: 'connecting', attempt: 0, connections: 0 };
  #flushScheduled = false;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  #resyncedTimer: ReturnType<typeof setTimeout> | undefined;
  #heartbeatMs: number;
  #lastMessageAt = 0;
  #closed = false;

  constructor(options: LiveClientOptions) {
    this.#options = {
      backoff: DEFAULT_BACKOFF,
      resyncedMs: 6_000,
      heartbeatMs: 15_000,
      now: Date.now,
      random: Math.random,
      WebSocket: globalThis.WebSocket,
      ...options,
    };
    this.#heartbeatMs = this.#options.heartbeatMs;
  }

  /**
   * Listens to `channel`; answers the function that stops listening. The first listener of a channel
   * subscribes (opening the connection if needed), the last one to leave unsubscribes.
   */
  subscribe(channel: LiveChannel, listener: LiveListener): () => void {
    const key = channelKey(channel);
    let subscription = this.#subscriptions.get(key);
    if (!subscription) {
      subscription = {
        id: this.#nextId++,
        key,
        channel,
        listeners: new Set(),
        sent: false,
        awaitingResync: false,
        state: { status: 'pending', policy: CHANNEL_POLICY[channel.kind], resyncs: 0 },
      };
      this.#subscriptions.set(key, subscription);
      this.#byId.set(subscription.id, subscription);
    }
    subscription.listeners.add(listener);
    this.#markDirty(subscription);
    this.#ensureSocket();
    const held = subscription;
    return () => {
      if (!held.listeners.delete(listener)) return;
      if (held.listeners.size === 0) this.#markDirty(held);
    };
  }

  /** Asks the server to start `channel` over (a book that saw a sequence gap). */
  requestResync(channel: LiveChannel): void {
    const subscription = this.#subscriptions.get(channelKey(channel));
    if (!subscription?.sent) return;
    subscription.awaitingResync = true;
    this.#send({ type: 'resync', id: subscription.id });
  }

  connection(): ConnectionState {
    return this.#state;
  }

  subscription(channel: LiveChannel): SubscriptionState | undefined {
    return this.#subscriptions.get(channelKey(channel))?.state;
  }

  /** Called whenever the connection's state or a subscription's status changes (not on every message). */
  onChange(listener: () => void): () => void {
    this.#changeListeners.add(listener);
    return () => this.#changeListeners.delete(listener);
  }

  /** Closes the socket as a network failure would (for tests and the page's "reconnect now"). */
  dropConnection(): void {
    this.#socket?.close(4000, 'closed by the page');
  }

  /** Stops for good: closes the socket, cancels timers. */
  close(): void {
    this.#closed = true;
    clearTimeout(this.#retryTimer);
    clearTimeout(this.#resyncedTimer);
    clearInterval(this.#heartbeatTimer);
    this.#socket?.close(1000, 'page closed');
    this.#socket = undefined;
  }

  #markDirty(subscription: Subscription): void {
    this.#dirty.add(subscription);
    this.#scheduleFlush();
  }

  #send(message: ClientMessage): void {
    this.#outbox.push(message);
    this.#scheduleFlush();
  }

  #scheduleFlush(): void {
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    // A macrotask, not a microtask: React runs an effect's cleanup and its re-run in separate microtasks.
    setTimeout(() => {
      this.#flushScheduled = false;
      this.#flush();
    }, 0);
  }

  #flush(): void {
    for (const subscription of this.#dirty) {
      if (subscription.listeners.size > 0) {
        if (!subscription.sent && this.#isOpen()) {
          subscription.sent = true;
          this.#outbox.push({
            type: 'subscribe',
            id: subscription.id,
            channel: subscription.channel,
            ...(subscription.position ? { from: subscription.position } : {}),
          });
        }
      } else {
        if (subscription.sent && this.#isOpen()) this.#outbox.push({ type: 'unsubscribe', id: subscription.id });
        this.#subscriptions.delete(subscription.key);
        this.#byId.delete(subscription.id);
      }
    }
    this.#dirty.clear();
    if (!this.#isOpen()) {
      // Subscriptions go out on the next connection; pings and resyncs are moot on it.
      this.#outbox.length = 0;
      return;
    }
    if (this.#outbox.length === 0) return;
    const frame = JSON.stringify(this.#outbox);
    this.#outbox.length = 0;
    this.#socket?.send(frame);
  }

  #isOpen(): boolean {
    return this.#socket?.readyState === 1;
  }

  #ensureSocket(): void {
    if (this.#socket || this.#closed || this.#retryTimer !== undefined) return;
    if (this.#state.status === 'unauthenticated') return;
    const WebSocketClass = this.#options.WebSocket;
    if (!WebSocketClass) return;
    let socket: WebSocket;
    try {
      socket = new WebSocketClass(this.#options.url());
    } catch {
      this.#scheduleReconnect();
      return;
    }
    this.#socket = socket;
    socket.onopen = () => {
      if (this.#socket !== socket) return;
      this.#lastMessageAt = this.#options.now();
      for (const subscription of this.#subscriptions.values()) this.#dirty.add(subscription);
      this.#setState({ ...this.#state, connections: this.#state.connections + 1 });
      this.#flush();
      this.#startHeartbeat();
    };
    socket.onmessage = (event) => {
      if (this.#socket !== socket) return;
      this.#lastMessageAt = this.#options.now();
      this.#receive(typeof event.data === 'string' ? event.data : '');
    };
    socket.onclose = (event) => {
      if (this.#socket !== socket) return;
      this.#socket = undefined;
      clearInterval(this.#heartbeatTimer);
      for (const subscription of this.#subscriptions.values()) {
        subscription.sent = false;
        subscription.awaitingResync = false;
        subscription.state = { ...subscription.state, status: 'pending' };
      }
      if (event.code === LIVE_CLOSE.unauthenticated) {
        this.#setState({ ...this.#state, status: 'unauthenticated', retryAt: undefined });
        return;
      }
      if (!this.#closed) this.#scheduleReconnect();
    };
  }

  #scheduleReconnect(): void {
    const attempt = this.#state.attempt + 1;
    const delay = backoffDelay(attempt, this.#options.backoff, this.#options.random);
    const status = this.#state.connections === 0 && this.#state.status === 'connecting' ? 'connecting' : 'reconnecting';
    this.#setState({ ...this.#state, status, attempt, retryAt: this.#options.now() + delay });
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      if (this.#subscriptions.size > 0) this.#ensureSocket();
    }, delay);
  }

  #startHeartbeat(): void {
    clearInterval(this.#heartbeatTimer);
    this.#heartbeatTimer = setInterval(() => {
      const silentFor = this.#options.now() - this.#lastMessageAt;
      // Two heartbeats without a word: the connection is dead even if TCP has not noticed (a host that vanished).
      if (silentFor > this.#heartbeatMs * 2.5) {
        this.#socket?.close(4000, 'no heartbeat');
        return;
      }
      this.#send({ type: 'ping', time: this.#options.now() });
    }, this.#heartbeatMs);
  }

  #receive(text: string): void {
    let messages: unknown;
    try {
      messages = JSON.parse(text);
    } catch {
      return;
    }
    if (!Array.isArray(messages)) return;
    for (const message of messages) {
      if (typeof message === 'object' && message !== null) this.#handle(message as ServerMessage);
    }
  }

  #handle(message: ServerMessage): void {
    const now = this.#options.now();
    if (message.type === 'hello') {
      if (typeof message.heartbeatMs === 'number' && message.heartbeatMs >= 1_000 && message.heartbeatMs !== this.#heartbeatMs) {
        this.#heartbeatMs = message.heartbeatMs;
        this.#startHeartbeat();
      }
      const status = this.#state.status === 'resynced' ? 'resynced' : 'live';
      this.#setState({
        status,
        instance: message.instance,
        attempt: 0,
        retryAt: undefined,
        connections: this.#state.connections,
      });
      return;
    }
    if (message.type === 'pong') return;
    const subscription = typeof message.id === 'number' ? this.#byId.get(message.id) : undefined;
    if (message.type === 'error' && !subscription) {
      console.warn(`Live connection: ${message.code}: ${message.message}`);
      return;
    }
    if (!subscription?.sent) return;
    switch (message.type) {
      case 'subscribed': {
        const position = readPosition(message.position);
        if (!subscription.position && position) subscription.position = position;
        this.#setSubscription(subscription, { ...subscription.state, status: 'live', error: undefined });
        this.#emit(subscription, { type: 'subscribed', at: now });
        return;
      }
      case 'data': {
        if (subscription.awaitingResync) return;
        const position = readPosition(message.position);
        if (position) {
          const verdict = positionVerdict(subscription.position, position);
          if (verdict === 'duplicate') return;
          if (verdict !== 'apply') {
            subscription.awaitingResync = true;
            this.#send({ type: 'resync', id: subscription.id });
            return;
          }
          subscription.position = position;
        }
        // Not through #setSubscription: a message is no status change, and badges read the time on their own tick.
        subscription.state = { ...subscription.state, status: 'live', lastUpdate: now };
        this.#emit(subscription, { type: 'data', data: message.data, position });
        return;
      }
      case 'resync': {
        subscription.position = readPosition(message.position);
        subscription.awaitingResync = false;
        this.#setSubscription(subscription, {
          ...subscription.state,
          status: 'live',
          lastUpdate: now,
          lastResync: now,
          resyncs: subscription.state.resyncs + 1,
        });
        this.#emit(subscription, {
          type: 'resync',
          reason: message.reason,
          ...(message.snapshot === undefined ? {} : { snapshot: message.snapshot }),
        });
        this.#flashResynced();
        return;
      }
      case 'error': {
        const error = { code: String(message.code), message: String(message.message) };
        this.#setSubscription(subscription, { ...subscription.state, status: 'error', error });
        this.#emit(subscription, { type: 'error', ...error });
        return;
      }
    }
  }

  #flashResynced(): void {
    if (this.#state.status !== 'live' && this.#state.status !== 'resynced') return;
    this.#setState({ ...this.#state, status: 'resynced' });
    clearTimeout(this.#resyncedTimer);
    this.#resyncedTimer = setTimeout(() => {
      if (this.#state.status === 'resynced') this.#setState({ ...this.#state, status: 'live' });
    }, this.#options.resyncedMs);
  }

  #emit(subscription: Subscription, event: LiveEvent): void {
    for (const listener of [...subscription.listeners]) {
      try {
        listener(event);
      } catch (error) {
        console.error('A live listener threw', error);
      }
    }
  }

  #setSubscription(subscription: Subscription, state: SubscriptionState): void {
    subscription.state = state;
    this.#changed();
  }

  #setState(state: ConnectionState): void {
    this.#state = state;
    this.#changed();
  }

  #changed(): void {
    for (const listener of [...this.#changeListeners]) listener();
  }
}
