/**
 * Large number columns go from a plugin's process to the host over a pipe of their own, as raw
 * bytes: no structured-clone copy, no reassembly of a 25 MB IPC message. The IPC message that
 * refers to them carries their sizes; both streams are FIFO, and the sender writes the bytes
 * before the message, so the receiver takes them in order.
 */

/** A value whose number columns travel on the bulk pipe (see `encodeFrames`). */
export class Bulk {
  readonly value: unknown;
  readonly arrays: Float64Array[];

  constructor(value: unknown, arrays: Float64Array[]) {
    this.value = value;
    this.arrays = arrays;
  }
}

/** Reads what the other end wrote, in the sizes each message announces. */
export class BulkReader {
  readonly #chunks: Buffer[] = [];
  #buffered = 0;
  readonly #waiting: { sizes: number[]; resolve: (arrays: Float64Array[]) => void }[] = [];

  push(chunk: Buffer): void {
    this.#chunks.push(chunk);
    this.#buffered += chunk.length;
    this.#serve();
  }

  /** The next arrays of these byte sizes, once their bytes have arrived. */
  take(sizes: number[]): Promise<Float64Array[]> {
    return new Promise((resolve) => {
      this.#waiting.push({ sizes, resolve });
      this.#serve();
    });
  }

  #serve(): void {
    for (;;) {
      const next = this.#waiting[0];
      if (!next) return;
      const total = next.sizes.reduce((sum, size) => sum + size, 0);
      if (this.#buffered < total) return;
      this.#waiting.shift();
      next.resolve(next.sizes.map((size) => this.#read(size)));
    }
  }

  /** Copies `size` bytes off the front of the queue into an array of its own (aligned for float64). */
  #read(size: number): Float64Array {
    const array = new Float64Array(size / 8);
    const bytes = new Uint8Array(array.buffer);
    let filled = 0;
    while (filled < size) {
      const chunk = this.#chunks[0] as Buffer;
      const used = Math.min(chunk.length, size - filled);
      bytes.set(chunk.subarray(0, used), filled);
      filled += used;
      if (used === chunk.length) this.#chunks.shift();
      else this.#chunks[0] = chunk.subarray(used);
    }
    this.#buffered -= size;
    return array;
  }
}
