import type { Bus, BusHandler, BusMessage } from '@nautilus/sdk';

/** The default bus: in-process only, for a single instance. */
export class MemoryBus implements Bus {
  readonly kind = 'memory';
  readonly #handlers = new Map<string, Set<BusHandler>>();

  async publish(topic: string, message: BusMessage): Promise<void> {
    // Copy like the Redis bus does, so a subscriber can never mutate what the publisher holds.
    const text = JSON.stringify(message);
    for (const handler of this.#handlers.get(topic) ?? []) {
      queueMicrotask(() => handler(JSON.parse(text), topic));
    }
  }

  async subscribe(topic: string, handler: BusHandler): Promise<() => Promise<void>> {
    let handlers = this.#handlers.get(topic);
    if (!handlers) {
      handlers = new Set();
      this.#handlers.set(topic, handlers);
    }
    // Wrap so the same function subscribed twice gets two independent subscriptions.
    const entry: BusHandler = (message, name) => handler(message, name);
    handlers.add(entry);
    return async () => {
      handlers.delete(entry);
      if (handlers.size === 0) this.#handlers.delete(topic);
    };
  }

  async close(): Promise<void> {
    this.#handlers.clear();
  }
}
