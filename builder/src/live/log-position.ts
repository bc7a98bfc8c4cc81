import type { LogPosition } from '@nautilus/sdk';

/**
 * What to do with a lossless message at `incoming` when the client holds everything up to `held`:
 * - `apply`: the next message (or the first one the client sees);
 * - `duplicate`: at or below what is held (a resumed subscription replaying what arrived before the drop): drop it;
 * - `gap`: messages are missing between the two: ask for a resync rather than show a hole;
 * - `new-epoch`: the log was recreated and offsets restarted: the held state cannot be continued, resync.
 */
export type PositionVerdict = 'apply' | 'duplicate' | 'gap' | 'new-epoch';

export function positionVerdict(held: LogPosition | undefined, incoming: LogPosition): PositionVerdict {
  if (!held) return 'apply';
  if (incoming.epoch !== held.epoch) return 'new-epoch';
  if (incoming.offset <= held.offset) return 'duplicate';
  return incoming.offset === held.offset + 1 ? 'apply' : 'gap';
}

/** Checks a position from the wire; undefined when it is not one (the message is then treated as unpositioned). */
export function readPosition(value: unknown): LogPosition | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { epoch, offset } = value as Record<string, unknown>;
  return typeof epoch === 'string' && typeof offset === 'number' && Number.isInteger(offset) && offset >= 0
    ? { epoch, offset }
    : undefined;
}
