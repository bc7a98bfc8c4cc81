import { randomUUID } from 'node:crypto';
import type { LogPosition } from '@nautilus/sdk';
import type { Redis } from 'ioredis';
import type { ChannelLog, LogEntry, LogRead } from './channel-log.ts';

/** A channel's log keys expire this long after its last message, so logs of channels nobody publishes on go. */
const LOG_TTL_SECONDS = 7 * 24 * 3600;

/**
 * Starts an epoch when the channel has none (a fresh channel, or a log Redis lost): the offset, the
 * stream and the dedupe key start again with it. Shared by both scripts.
 */
const ENSURE_EPOCH = `
local epoch = redis.call('GET', KEYS[1])
if not epoch then
  epoch = ARGV[1]
  redis.call('SET', KEYS[1], epoch, 'EX', ${LOG_TTL_SECONDS})
  redis.call('DEL', KEYS[2], KEYS[3], KEYS[4])
end
`;

/**
 * INCR the offset, XADD to the capped stream (entry id = offset) and PUBLISH, atomically, so offsets
 * are dense, every logged message is published and every instance receives them in log order.
 * KEYS: epoch, offset, stream, dedupe. ARGV: new epoch, data JSON, dedupe key or '', max length, topic.
 */
const APPEND = `${ENSURE_EPOCH}
if ARGV[3] ~= '' then
  local last = redis.call('GET', KEYS[4])
  if last and tonumber(ARGV[3]) <= tonumber(last) then return {epoch, -1} end
  redis.call('SET', KEYS[4], ARGV[3], 'EX', ${LOG_TTL_SECONDS})
end
local offset = redis.call('INCR', KEYS[2])
redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[4], offset .. '-1', 'd', ARGV[2])
for i = 1, 3 do redis.call('EXPIRE', KEYS[i], ${LOG_TTL_SECONDS}) end
redis.call('PUBLISH', ARGV[5], '{"position":{"epoch":"' .. epoch .. '","offset":' .. offset .. '},"data":' .. ARGV[2] .. '}')
return {epoch, offset}
`;

/** KEYS as for APPEND. ARGV: new epoch, after, limit. Answers epoch, head and the entries after \`after\`. */
const READ = `${ENSURE_EPOCH}
local head = tonumber(redis.call('GET', KEYS[2]) or '0')
local after = tonumber(ARGV[2])
local entries = {}
if after < head then
  entries = redis.call('XRANGE', KEYS[3], string.format('%d', after + 1), '+', 'COUNT', ARGV[3])
end
return {epoch, head, entries}
`;

type ScriptRedis = Redis & {
  liveAppend(...args: (string | number)[]): Promise<[string, number]>;
  liveRead(...args: (string | number)[]): Promise<[string, number, [string, string[]][]]>;
};

/**
 * Lossless channels' logs in Redis, shared by every instance: per channel an epoch key (a random id,
 * set when missing, so a lost log gives a new epoch), an offset counter, a stream capped at about
 * `maxLength` entries (`MAXLEN ~`) and the last dedupe key. Keys share a hash tag, for Redis Cluster.
 */
export class RedisChannelLog implements ChannelLog {
  readonly kind = 'redis';
  readonly #redis: ScriptRedis;
  readonly #maxLength: number;

  constructor(redis: Redis, maxLength: number) {
    this.#redis = redis as ScriptRedis;
    this.#maxLength = maxLength;
    if (!('liveAppend' in redis)) {
      redis.defineCommand('liveAppend', { numberOfKeys: 4, lua: APPEND });
      redis.defineCommand('liveRead', { numberOfKeys: 4, lua: READ });
    }
  }

  async append(key: string, topic: string, text: string, dedupeKey: number | undefined): Promise<LogPosition | undefined> {
    const [epoch, offset] = await this.#redis.liveAppend(
      ...redisKeys(key),
      randomUUID(),
      text,
      dedupeKey === undefined ? '' : String(dedupeKey),
      this.#maxLength,
      topic,
    );
    return offset < 0 ? undefined : { epoch, offset };
  }

  async read(key: string, after: number, limit: number): Promise<LogRead> {
    const [epoch, head, raw] = await this.#redis.liveRead(...redisKeys(key), randomUUID(), Math.max(0, after), limit);
    const entries: LogEntry[] = raw.map(([id, fields]) => ({ offset: Number.parseInt(id, 10), text: fields[1] as string }));
    const first = entries[0]?.offset;
    const complete = after >= head || first === after + 1;
    return { epoch, head, entries, complete };
  }
}

/** The keys of one channel's log, in the scripts' KEYS order. */
export function redisKeys(key: string): [string, string, string, string] {
  const base = `nautilus:live:{${key}}`;
  return [`${base}:epoch`, `${base}:offset`, `${base}:log`, `${base}:dedupe`];
}
