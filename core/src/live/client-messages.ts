import { type ClientMessage, type LiveChannel, type LogPosition, TIMEFRAMES } from '@nautilus/sdk';

/** A client message that is not what the protocol allows: `field` names where (e.g. `channel.symbol`). */
export interface MessageIssue {
  /** The subscription the message was about, when it named one. */
  id: number | undefined;
  field: string;
  message: string;
}

/** Longest string a channel may name (symbols, data-source references, ids). */
const MAX_NAME = 200;

class Issue extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}

const describe = (value: unknown) =>
  value === undefined
    ? 'nothing'
    : value === null
      ? 'null'
      : Array.isArray(value)
        ? 'an array'
        : `${typeof value} ${JSON.stringify(value)?.slice(0, 40)}`;

function record(value: unknown, field: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new Issue(field, `expected an object, got ${describe(value)}`);
  return value as Record<string, unknown>;
}

function text(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_NAME) {
    throw new Issue(field, `expected a string of 1 to ${MAX_NAME} characters, got ${describe(value)}`);
  }
  return value;
}

function integer(value: unknown, field: string, min = 0): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new Issue(field, `expected an integer from ${min}, got ${describe(value)}`);
  }
  return value;
}

function onlyKeys(value: Record<string, unknown>, allowed: string[], prefix: string): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) throw new Issue(prefix + key, `unknown field; expected only ${allowed.join(', ')}`);
  }
}

function channelOf(value: unknown): LiveChannel {
  const channel = record(value, 'channel');
  const kind = channel.kind;
  switch (kind) {
    case 'bars':
    case 'forming': {
      onlyKeys(channel, ['kind', 'dataSource', 'symbol', 'timeframe'], 'channel.');
      const timeframe = channel.timeframe;
      if (!TIMEFRAMES.includes(timeframe as never)) {
        throw new Issue('channel.timeframe', `expected one of ${TIMEFRAMES.join(', ')}, got ${describe(timeframe)}`);
      }
      return {
        kind,
        dataSource: text(channel.dataSource, 'channel.dataSource'),
        symbol: text(channel.symbol, 'channel.symbol'),
        timeframe: timeframe as (typeof TIMEFRAMES)[number],
      };
    }
    case 'book':
      onlyKeys(channel, ['kind', 'dataSource', 'symbol'], 'channel.');
      return { kind, dataSource: text(channel.dataSource, 'channel.dataSource'), symbol: text(channel.symbol, 'channel.symbol') };
    case 'alerts':
      onlyKeys(channel, ['kind'], 'channel.');
      return { kind };
    case 'deployment':
      onlyKeys(channel, ['kind', 'deploymentId'], 'channel.');
      return { kind, deploymentId: text(channel.deploymentId, 'channel.deploymentId') };
    default:
      throw new Issue('channel.kind', `expected bars, forming, book, alerts or deployment, got ${describe(kind)}`);
  }
}

function positionOf(value: unknown): LogPosition {
  const position = record(value, 'from');
  onlyKeys(position, ['epoch', 'offset'], 'from.');
  return { epoch: text(position.epoch, 'from.epoch'), offset: integer(position.offset, 'from.offset') };
}

/** Checks one element of a client frame; answers the message or the issue naming the field. */
export function parseClientMessage(value: unknown): ClientMessage | MessageIssue {
  let id: number | undefined;
  try {
    const message = record(value, 'message');
    if (typeof message.id === 'number' && Number.isSafeInteger(message.id)) id = message.id;
    switch (message.type) {
      case 'subscribe': {
        onlyKeys(message, ['type', 'id', 'channel', 'from'], '');
        const parsed: ClientMessage = { type: 'subscribe', id: integer(message.id, 'id'), channel: channelOf(message.channel) };
        if (message.from !== undefined) parsed.from = positionOf(message.from);
        return parsed;
      }
      case 'unsubscribe':
      case 'resync':
        onlyKeys(message, ['type', 'id'], '');
        return { type: message.type, id: integer(message.id, 'id') };
      case 'ping':
        onlyKeys(message, ['type', 'time'], '');
        if (typeof message.time !== 'number' || !Number.isFinite(message.time)) {
          throw new Issue('time', `expected a number, got ${describe(message.time)}`);
        }
        return { type: 'ping', time: message.time };
      default:
        throw new Issue('type', `expected subscribe, unsubscribe, resync or ping, got ${describe(message.type)}`);
    }
  } catch (error) {
    if (error instanceof Issue) return { id, field: error.field, message: error.message };
    throw error;
  }
}

export function isIssue(parsed: ClientMessage | MessageIssue): parsed is MessageIssue {
  return 'field' in parsed;
}
