/**
 * The message channel between the host and a plugin's process, used from both ends. It imports no
 * runtime code (the plugin's process may read only a few folders): requests, replies, aborts and
 * stream items as plain messages over Node's IPC pipe in V8's structured-clone format, so typed
 * arrays cross as bytes, not JSON.
 */
import type { Frame } from '@nautilus/sdk';
import { Bulk, type BulkReader } from './bulk-pipe.ts';

/** An error as it crosses the channel; the host turns it back into a NautilusError. */
export interface WireError {
  name: string;
  code?: string;
  message: string;
  fields?: { path: string; message: string }[];
  details?: Record<string, unknown>;
}

export type WireMessage =
  | { t: 'req'; id: number; op: string; args: unknown[] }
  | { t: 'res'; id: number; ok: true; value: unknown; bulk?: number[] }
  | { t: 'res'; id: number; ok: false; error: WireError }
  | { t: 'abort'; id: number; reason?: WireError }
  | { t: 'item'; id: number; value: unknown; bulk?: number[] };

type Handler = (args: unknown[], context: { signal: AbortSignal; item: (value: unknown) => void }) => Promise<unknown>;

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: WireError) => void;
  onItem?: (value: unknown) => void;
}

/** One end of the channel: `call` the other end's handlers, `handle` its calls. */
export class Channel {
  readonly #send: (message: WireMessage) => void;
  readonly #handlers = new Map<string, Handler>();
  readonly #pending = new Map<number, Pending>();
  readonly #running = new Map<number, AbortController>();
  #nextId = 1;
  readonly #bulkOut: ((arrays: Float64Array[]) => void) | undefined;
  readonly #bulkIn: BulkReader | undefined;
  /** Replies and items are delivered in the order they came, also while one waits for its bulk bytes. */
  #delivery: Promise<void> = Promise.resolve();

  /**
   * `bulk.write` sends a reply's Bulk arrays on the bulk pipe (the plugin's end); `bulk.read` takes
   * them off it (the host's end). Without them, Bulk values are sent inline.
   */
  constructor(send: (message: WireMessage) => void, bulk: { write?: (arrays: Float64Array[]) => void; read?: BulkReader } = {}) {
    this.#send = send;
    this.#bulkOut = bulk.write;
    this.#bulkIn = bulk.read;
  }

  handle(op: string, handler: Handler): void {
    this.#handlers.set(op, handler);
  }

  /** Calls `op` on the other end; `signal` aborts it there; `onItem` receives what it streams back. */
  call(op: string, args: unknown[], options: { signal?: AbortSignal; onItem?: (value: unknown) => void } = {}): Promise<unknown> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const { signal } = options;
      const onAbort = () => this.#trySend({ t: 'abort', id, reason: toWireError(signal?.reason) });
      this.#pending.set(id, {
        resolve: (value) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(value);
        },
        reject: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
        onItem: options.onItem,
      });
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
      if (!this.#trySend({ t: 'req', id, op, args })) {
        this.#pending.delete(id);
        reject({ name: 'Error', message: 'the plugin process is not running' } satisfies WireError);
      }
    });
  }

  /** Feeds one message from the other end. */
  receive(message: WireMessage): void {
    switch (message.t) {
      case 'req':
        void this.#run(message.id, message.op, message.args);
        return;
      case 'res':
      case 'item':
        this.#deliver(message);
        return;
      case 'abort':
        this.#running.get(message.id)?.abort(message.reason ?? { name: 'AbortError', message: 'aborted' });
        return;
    }
  }

  #deliver(message: Extract<WireMessage, { t: 'res' | 'item' }>): void {
    const sizes = 'bulk' in message ? message.bulk : undefined;
    const arrays = sizes && this.#bulkIn ? this.#bulkIn.take(sizes) : undefined;
    this.#delivery = this.#delivery.then(async () => {
      const value =
        arrays && 'value' in message ? new Bulk(message.value, await arrays) : 'value' in message ? message.value : undefined;
      const pending = this.#pending.get(message.id);
      if (message.t === 'item') {
        pending?.onItem?.(value);
        return;
      }
      this.#pending.delete(message.id);
      if (message.ok) pending?.resolve(value);
      else pending?.reject(message.error);
    });
  }

  /** Fails every call still waiting for the other end (it exited). */
  failAll(error: WireError): void {
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const call of pending) call.reject(error);
  }

  async #run(id: number, op: string, args: unknown[]): Promise<void> {
    const handler = this.#handlers.get(op);
    const controller = new AbortController();
    this.#running.set(id, controller);
    try {
      if (!handler) throw new Error(`no handler for ${op}`);
      const value = await handler(args, {
        signal: controller.signal,
        item: (value) => this.#trySend({ t: 'item', id, ...this.#outgoing(value) }),
      });
      this.#trySend({ t: 'res', id, ok: true, ...this.#outgoing(value) });
    } catch (error) {
      this.#trySend({ t: 'res', id, ok: false, error: toWireError(error) });
    } finally {
      this.#running.delete(id);
    }
  }

  /** A Bulk value's arrays go on the bulk pipe first, and the message carries their sizes. */
  #outgoing(value: unknown): { value: unknown; bulk?: number[] } {
    if (!(value instanceof Bulk)) return { value };
    if (!this.#bulkOut) return { value: inlineBulk(value) };
    this.#bulkOut(value.arrays);
    return { value: value.value, bulk: value.arrays.map((array) => array.byteLength) };
  }

  #trySend(message: WireMessage): boolean {
    try {
      this.#send(message);
      return true;
    } catch {
      return false;
    }
  }
}

/** Anything thrown, as plain data: a NautilusError keeps its code, fields and details. */
export function toWireError(error: unknown): WireError {
  if (error instanceof Error) {
    const coded = error as Error & { code?: unknown; fields?: unknown; details?: unknown };
    return {
      name: error.name,
      message: error.message,
      ...(typeof coded.code === 'string' ? { code: coded.code } : {}),
      ...(Array.isArray(coded.fields) ? { fields: coded.fields as WireError['fields'] } : {}),
      ...(coded.details && typeof coded.details === 'object' ? { details: coded.details as Record<string, unknown> } : {}),
    };
  }
  if (error && typeof error === 'object' && 'message' in error) return error as WireError;
  return { name: 'Error', message: String(error) };
}

/**
 * Frames with their number columns taken out as Float64Arrays, to travel as bytes (on the bulk pipe,
 * or inline); each column's place holds `{ $bulk: index }`. `decodeFrames` gives back plain arrays.
 * Anything that is not a well-formed numeric column stays as it is, for the host's frame check.
 */
export function encodeFrames(frames: unknown): Bulk | unknown {
  if (!Array.isArray(frames)) return frames;
  const arrays: Float64Array[] = [];
  const take = (column: unknown): unknown => {
    const packed = packedColumn(column);
    if (!packed) return column;
    arrays.push(packed);
    return { $bulk: arrays.length - 1 };
  };
  const value = frames.map((frame: Frame) => {
    if (frame?.kind === 'ohlcv') {
      return {
        ...frame,
        time: take(frame.time),
        open: take(frame.open),
        high: take(frame.high),
        low: take(frame.low),
        close: take(frame.close),
        volume: take(frame.volume),
      };
    }
    if (frame?.kind === 'timeseries' && Array.isArray(frame.series)) {
      return {
        ...frame,
        series: frame.series.map((series) => ({ ...series, time: take(series.time), values: take(series.values) })),
      };
    }
    return frame;
  });
  return new Bulk(value, arrays);
}

export function decodeFrames(received: unknown): unknown {
  const arrays = received instanceof Bulk ? received.arrays : [];
  const frames = received instanceof Bulk ? received.value : received;
  if (!Array.isArray(frames)) return frames;
  const give = (column: unknown): unknown => {
    const index = (column as { $bulk?: unknown } | null)?.$bulk;
    return unpacked(typeof index === 'number' ? arrays[index] : column);
  };
  return frames.map((frame) => {
    if (frame?.kind === 'ohlcv') {
      return {
        ...frame,
        time: give(frame.time),
        open: give(frame.open),
        high: give(frame.high),
        low: give(frame.low),
        close: give(frame.close),
        volume: give(frame.volume),
      };
    }
    if (frame?.kind === 'timeseries' && Array.isArray(frame.series)) {
      return {
        ...frame,
        series: frame.series.map((series: { time: unknown; values: unknown }) => ({
          ...series,
          time: give(series.time),
          values: give(series.values),
        })),
      };
    }
    return frame;
  });
}

/** A Bulk value with its arrays put back in place, for a channel without a bulk pipe. */
export function inlineBulk(bulk: Bulk): unknown {
  const put = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(put);
    if (value && typeof value === 'object' && !ArrayBuffer.isView(value)) {
      const index = (value as { $bulk?: unknown }).$bulk;
      if (typeof index === 'number') return bulk.arrays[index];
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, put(item)]));
    }
    return value;
  };
  return put(bulk.value);
}

// Plain loops: Array.from and every() cost several times more on columns of half a million numbers.
function packedColumn(column: unknown): Float64Array | undefined {
  if (!Array.isArray(column)) return undefined;
  for (let index = 0; index < column.length; index++) {
    if (typeof column[index] !== 'number') return undefined;
  }
  return new Float64Array(column);
}

function unpacked(column: unknown): unknown {
  if (!(column instanceof Float64Array)) return column;
  // Filled with a non-integer first, so the array is made of doubles from the start (no transition).
  const values: number[] = new Array(column.length).fill(0.5);
  for (let index = 0; index < column.length; index++) values[index] = column[index] as number;
  return values;
}
