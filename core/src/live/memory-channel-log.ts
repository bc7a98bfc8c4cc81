import { randomUUID } from 'node:crypto';
import type { Bus, LogPosition } from '@nautilus/sdk';
import type { ChannelLog, LogRead } from './channel-log.ts';

/** Most bytes (UTF-16 code units of the JSON) one channel's ring holds; past it the oldest messages go first. */
export const MAX_RING_BYTES = 16 * 1024 * 1024;

interface Ring {
  head: number;
  /** The oldest offset still held (head + 1 when empty). */
  oldest: number;
  bytes: number;
  lastDedupeKey: number;
  /** Entry `offset` sits at `(offset - 1) % capacity`. */
  slots: string[];
}

/**
 * The channel log of a single instance (no Redis): a ring of the last `capacity` messages per channel
 * (and at most {@link MAX_RING_BYTES} of them). The epoch is made per process, so a client holding a
 * position from before a restart resyncs.
 */
export class MemoryChannelLog implements ChannelLog {
  readonly kind = 'memory';
  readonly epoch = randomUUID();
  readonly #rings = new Map<string, Ring>();
  readonly #bus: Bus;
  readonly #capacity: number;
  readonly #maxBytes: number;

  constructor(bus: Bus, capacity: number, maxBytes = MAX_RING_BYTES) {
    this.#bus = bus;
    this.#capacity = capacity;
    this.#maxBytes = maxBytes;
  }

  async append(key: string, topic: string, text: string, dedupeKey: number | undefined): Promise<LogPosition | undefined> {
    const ring = this.#ring(key);
    if (dedupeKey !== undefined) {
      if (dedupeKey <= ring.lastDedupeKey) return undefined;
      ring.lastDedupeKey = dedupeKey;
    }
    const offset = ring.head + 1;
    const slot = (offset - 1) % this.#capacity;
    if (offset - ring.oldest + 1 > this.#capacity) {
      // Full by count: the slot about to be reused holds the oldest message.
      ring.bytes -= (ring.slots[slot] as string).length;
      ring.oldest++;
    }
    if (slot === ring.slots.length) ring.slots.push(text);
    else ring.slots[slot] = text;
    ring.bytes += text.length;
    ring.head = offset;
    // Over the byte bound: the oldest go until it fits (the newest message always stays).
    while (ring.bytes > this.#maxBytes && ring.oldest < offset) {
      const oldestSlot = (ring.oldest - 1) % this.#capacity;
      ring.bytes -= (ring.slots[oldestSlot] as string).length;
      ring.slots[oldestSlot] = '';
      ring.oldest++;
    }
    const position = { epoch: this.epoch, offset };
    // The bus copies through JSON; the data is parsed once on delivery.
    await this.#bus.publish(topic, { position, data: JSON.parse(text) });
    return position;
  }

  async read(key: string, after: number, limit: number): Promise<LogRead> {
    const ring = this.#ring(key);
    const from = Math.max(after + 1, ring.oldest);
    const to = Math.min(ring.head, from + limit - 1);
    const entries = [];
    for (let offset = from; offset <= to; offset++) {
      entries.push({ offset, text: ring.slots[(offset - 1) % this.#capacity] as string });
    }
    return { epoch: this.epoch, head: ring.head, entries, complete: after >= ring.head || after + 1 >= ring.oldest };
  }

  #ring(key: string): Ring {
    let ring = this.#rings.get(key);
    if (!ring) {
      ring = { head: 0, oldest: 1, bytes: 0, lastDedupeKey: Number.NEGATIVE_INFINITY, slots: [] };
      this.#rings.set(key, ring);
    }
    return ring;
  }
}
