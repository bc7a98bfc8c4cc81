import type { Bus, BusHandler, BusMessage } from '@nautilus/sdk';
import { Redis } from 'ioredis';

/**
 * Bus over Redis pub/sub, for several core instances sharing one Redis. A subscribing Redis
 * connection cannot publish, so there are two. Messages are JSON; delivery is at most once.
 */
export class RedisBus implements Bus {
  readonly kind = 'redis';
  readonly #publisher: Redis;
  readonly #subscriber: Redis;
  readonly #handlers = new Map<string, Set<BusHandler>>();
  readonly #onError: (error: Error) => void;

  constructor(url: string, onError: (error: Error) => void) {
    this.#onError = onError;
    const options = { lazyConnect: true, maxRetriesPerRequest: 2, enableOfflineQueue: true };
    this.#publisher = new Redis(url, options);
    this.#subscriber = new Redis(url, options);
    for (const connection of [this.#publisher, this.#subscriber]) connection.on('error', onError);
    this.#subscriber.on('message', (topic: string, text: string) => this.#deliver(topic, text));
  }

  /** The connection that runs commands (not the subscribing one): shared rate-limit windows use it. */
  get commands(): Redis {
    return this.#publisher;
  }

  /** Connects both connections; rejects when Redis cannot be reached. */
  async connect(): Promise<void> {
    await Promise.all([this.#publisher.connect(), this.#subscriber.connect()]);
  }

  async publish(topic: string, message: BusMessage): Promise<void> {
    await this.#publisher.publish(topic, JSON.stringify(message));
  }

  async subscribe(topic: string, handler: BusHandler): Promise<() => Promise<void>> {
    let handlers = this.#handlers.get(topic);
    if (!handlers) {
      handlers = new Set();
      this.#handlers.set(topic, handlers);
      await this.#subscriber.subscribe(topic);
    }
    const entry: BusHandler = (message, name) => handler(message, name);
    handlers.add(entry);
    return async () => {
      handlers.delete(entry);
      if (handlers.size === 0 && this.#handlers.get(topic) === handlers) {
        this.#handlers.delete(topic);
        await this.#subscriber.unsubscribe(topic);
      }
    };
  }

  async close(): Promise<void> {
    this.#handlers.clear();
    await Promise.allSettled([this.#publisher.quit(), this.#subscriber.quit()]);
  }

  #deliver(topic: string, text: string): void {
    let message: BusMessage;
    try {
      message = JSON.parse(text);
    } catch (error) {
      this.#onError(new Error(`Dropped a bus message on ${topic} that is not JSON`, { cause: error }));
      return;
    }
    for (const handler of this.#handlers.get(topic) ?? []) {
      try {
        handler(message, topic);
      } catch (error) {
        this.#onError(new Error(`A subscriber of ${topic} threw`, { cause: error }));
      }
    }
  }
}
