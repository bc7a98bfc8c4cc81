import { isNautilusError } from '@nautilus/sdk';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Tables } from '../db/tables.ts';
import type { DataStream } from '../plugins/plugin-host.ts';
import { claimFeedLease, releaseFeedLease } from './feed-lease.ts';

/** What every leased stream keeps: its topic, how many need it here, the running stream, the retry state. */
export interface LeasedStream {
  topic: string;
  demand: number;
  stream: DataStream | undefined;
  /** Consecutive failures, for the retry back-off. */
  failures: number;
  retryAt: number;
  /** The lease check in progress: checks never overlap, so a stream never starts twice. */
  checking: Promise<void> | undefined;
}

/** Why a stream stopped, as its followers are told. */
export interface StreamFailure {
  code: string;
  message: string;
  plugin: string | null;
  retryInMs: number;
}

export interface LeasedStreamsOptions<S extends LeasedStream> {
  db: Kysely<Tables>;
  logger: Logger;
  instanceId: string;
  /** How long a lease holds without renewal; renewed every third of it. Default 15 s. */
  leaseMs?: number;
  /** Names the streams in log lines: `feed`, `book feed`. */
  label: string;
  /** Said when a stream ends without an error. */
  endedMessage: string;
  /** Starts the data source's stream for `entry` (this instance holds its lease). */
  start(entry: S): Promise<DataStream>;
  /** Clears what the kind keeps beside the stream once it stopped or ended (a book, a run flag). */
  stopped?(entry: S): void;
  /** Tells the followers that the stream stopped and when it is retried (published on the bus). */
  failed(entry: S, failure: StreamFailure): void;
  /** Runs on the last withdrawal, after the stream stopped and before the lease is released. */
  shutdown?(entry: S): Promise<void>;
}

const MAX_BACKOFF_MS = 30_000;

/**
 * Runs data-source streams while something on this instance needs them, on exactly one instance:
 * the one holding the stream's lease in `market_feeds`; another takes over within a lease period
 * when it stops. A stream that ends by itself or fails to start is retried with back-off while
 * still needed. The bar feeds (MarketFeed) and the book feeds (BookFeed) are two kinds of it.
 */
export class LeasedStreams<S extends LeasedStream> {
  readonly #options: LeasedStreamsOptions<S>;
  readonly #entries = new Map<string, S>();
  readonly #leaseMs: number;
  readonly #timer: NodeJS.Timeout;
  #closed = false;

  constructor(options: LeasedStreamsOptions<S>) {
    this.#options = options;
    this.#leaseMs = options.leaseMs ?? 15_000;
    this.#timer = setInterval(() => void this.#maintainAll(), Math.max(50, Math.floor(this.#leaseMs / 3)));
    this.#timer.unref();
  }

  /** Declares a need for the stream of `topic` (`create` makes its entry the first time); answers the withdrawal. */
  async acquire(topic: string, create: () => S): Promise<() => Promise<void>> {
    let entry = this.#entries.get(topic);
    if (!entry) {
      entry = create();
      this.#entries.set(topic, entry);
    }
    entry.demand++;
    await this.#maintain(entry);
    let released = false;
    return async () => {
      if (released) return;
      released = true;
      const current = this.#entries.get(topic);
      if (!current || --current.demand > 0) return;
      this.#entries.delete(topic);
      await this.#shutdown(current);
    };
  }

  /** Topics whose stream runs on this instance. */
  runningHere(): string[] {
    return [...this.#entries.values()].filter((entry) => entry.stream).map((entry) => entry.topic);
  }

  /** True while `entry` is still needed here and the streams are open. */
  isCurrent(entry: S): boolean {
    return !this.#closed && this.#entries.get(entry.topic) === entry;
  }

  /** Stops the stream and starts it again at once if this instance still holds the lease. */
  async restart(entry: S): Promise<void> {
    await this.#stop(entry);
    if (this.isCurrent(entry)) await this.#maintain(entry);
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#timer);
    const entries = [...this.#entries.values()];
    this.#entries.clear();
    await Promise.all(entries.map((entry) => this.#shutdown(entry)));
  }

  async #maintainAll(): Promise<void> {
    for (const entry of [...this.#entries.values()]) await this.#maintain(entry);
  }

  async #maintain(entry: S): Promise<void> {
    if (entry.checking) return entry.checking;
    entry.checking = this.#check(entry).finally(() => {
      entry.checking = undefined;
    });
    return entry.checking;
  }

  /** Renews or takes the lease; starts the stream when we hold it, stops it when we lost it. */
  async #check(entry: S): Promise<void> {
    const { db, instanceId, logger, label } = this.#options;
    let holding: boolean;
    try {
      holding = await claimFeedLease(db, entry.topic, instanceId, this.#leaseMs);
    } catch (error) {
      if (!this.#closed) logger.warn({ err: error, topic: entry.topic }, `${label} lease check failed`);
      return;
    }
    if (!this.isCurrent(entry)) return;
    if (!holding && entry.stream) {
      logger.info({ topic: entry.topic }, `another instance took over the ${label}`);
      await this.#stop(entry);
    } else if (holding && !entry.stream && Date.now() >= entry.retryAt) {
      await this.#start(entry);
    }
  }

  async #start(entry: S): Promise<void> {
    try {
      const stream = await this.#options.start(entry);
      entry.stream = stream;
      this.#options.logger.info({ topic: entry.topic }, `${this.#options.label} started`);
      stream.done.then(
        () => this.#ended(entry, stream, undefined),
        (error: unknown) => this.#ended(entry, stream, error),
      );
    } catch (error) {
      this.#ended(entry, undefined, error);
    }
  }

  /** A stream that ended by itself (or failed to start) is retried with back-off while still needed. */
  #ended(entry: S, stream: DataStream | undefined, error: unknown): void {
    if (stream && entry.stream !== stream) return;
    entry.stream = undefined;
    this.#options.stopped?.(entry);
    if (!this.isCurrent(entry)) return;
    entry.failures++;
    const retryInMs = Math.min(MAX_BACKOFF_MS, 1_000 * 2 ** (entry.failures - 1));
    entry.retryAt = Date.now() + retryInMs;
    const failure = isNautilusError(error)
      ? { code: error.code, message: error.message, plugin: error.plugin ?? null }
      : { code: 'DATA_SOURCE_ERROR', message: error ? String(error) : this.#options.endedMessage, plugin: null };
    this.#options.logger.warn({ topic: entry.topic, ...failure, retryInMs }, `${this.#options.label} stopped; retrying`);
    this.#options.failed(entry, { ...failure, retryInMs });
    setTimeout(() => void this.#maintain(entry), retryInMs).unref();
  }

  async #stop(entry: S): Promise<void> {
    const stream = entry.stream;
    entry.stream = undefined;
    this.#options.stopped?.(entry);
    await stream
      ?.stop()
      .catch((error: unknown) =>
        this.#options.logger.warn({ err: error, topic: entry.topic }, `${this.#options.label} did not stop`),
      );
  }

  async #shutdown(entry: S): Promise<void> {
    await this.#stop(entry);
    await this.#options.shutdown?.(entry);
    await releaseFeedLease(this.#options.db, entry.topic, this.#options.instanceId).catch(() => {});
  }
}
