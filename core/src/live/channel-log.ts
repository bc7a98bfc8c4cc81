import type { LogPosition } from '@nautilus/sdk';

/** One logged message of a lossless channel: its offset and its data as JSON text. */
export interface LogEntry {
  offset: number;
  text: string;
}

/** What the log holds after an offset: the log's epoch and head, and the entries after `after` (oldest first). */
export interface LogRead {
  epoch: string;
  /** The offset of the newest message (0 when there is none). */
  head: number;
  entries: LogEntry[];
  /** False when the log no longer holds every entry after `after` (trimmed, or lost): the reader must resync. */
  complete: boolean;
}

/**
 * The recent history of lossless channels, so a client that reconnects resumes from its offset. An
 * append publishes the message on the bus topic in the same step (with Redis, in one Lua script), so
 * every instance sees messages in log order and no message is logged without being published.
 */
export interface ChannelLog {
  readonly kind: 'memory' | 'redis';
  /**
   * Appends `text` (the data as JSON) and publishes `{ position, data }` on `topic`. With `dedupeKey`,
   * a key at or below the last appended one is dropped (answers undefined): a producer taken over by
   * another instance may republish what was already logged.
   */
  append(key: string, topic: string, text: string, dedupeKey: number | undefined): Promise<LogPosition | undefined>;
  /** Up to `limit` entries after offset `after`; starts an epoch for a channel that has none. */
  read(key: string, after: number, limit: number): Promise<LogRead>;
}

/** The `{ position, data }` text a log publishes, built by hand so the data's JSON is not parsed again. */
export function envelopeText(epoch: string, offset: number, text: string): string {
  return `{"position":{"epoch":${JSON.stringify(epoch)},"offset":${offset}},"data":${text}}`;
}
