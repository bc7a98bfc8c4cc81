import { copiedChars, copyRecord, type OutputCaps, OutputTooLarge } from './copy-out.ts';

/** One chunk of a batch's records: `[list name, records][]`, and the characters they hold (see copyOut). */
export interface RecordChunk {
  items: [key: string, records: unknown[]][];
  itemChars: number;
}

/**
 * The records of one batch (orders, fills, trades, logs, risk events), handed out of the isolate a
 * chunk at a time, so a batch with many records never needs a copy of them all in the heap at once.
 * Each record is copied on its own under its list's caps, and the batch as a whole under `maxChars`.
 */
export class OutputStream {
  private readonly lists: readonly (readonly [key: string, records: readonly unknown[], caps: OutputCaps])[];
  private readonly maxChars: number;
  private list = 0;
  private index = 0;
  private total = 0;

  constructor(lists: readonly (readonly [key: string, records: readonly unknown[], caps: OutputCaps])[], maxChars: number) {
    this.lists = lists;
    this.maxChars = maxChars;
  }

  get done(): boolean {
    return this.list >= this.lists.length;
  }

  /** The next records, about `chunkChars` characters of them (at least one record). */
  next(chunkChars: number): RecordChunk {
    const items: [string, unknown[]][] = [];
    let size = 0;
    while (this.list < this.lists.length && (size === 0 || size < chunkChars)) {
      // Index access, not destructuring: that would run the realm's (the strategy's) array iterator.
      const entry = this.lists[this.list]!;
      const records = entry[1];
      const caps = entry[2];
      const part: unknown[] = [];
      let count = 0;
      while (this.index < records.length && (size === 0 || size < chunkChars)) {
        part[count++] = copyRecord(records[this.index], caps);
        size += copiedChars();
        this.index++;
      }
      if (count > 0) items[items.length] = [entry[0], part];
      if (this.index >= records.length) {
        this.list++;
        this.index = 0;
      }
    }
    this.total += size;
    if (this.total > this.maxChars) throw new OutputTooLarge(`the batch's records are over ${this.maxChars} characters`);
    return { items, itemChars: size };
  }
}
