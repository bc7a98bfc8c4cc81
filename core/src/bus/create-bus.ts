import { MemoryBus } from './memory-bus.ts';
import { RedisBus } from './redis-bus.ts';

/** A bus the server owns and closes at shutdown. */
export type ClosableBus = MemoryBus | RedisBus;

/** The Redis bus when `redisUrl` is set (failing fast if Redis is unreachable), else in-process. */
export async function createBus(redisUrl: string | undefined, onError: (error: Error) => void): Promise<ClosableBus> {
  if (!redisUrl) return new MemoryBus();
  const bus = new RedisBus(redisUrl, onError);
  try {
    await bus.connect();
  } catch (error) {
    await bus.close();
    throw new Error(`Cannot reach Redis at ${redactUrl(redisUrl)}; check REDIS_URL or unset it to use the in-process bus`, {
      cause: error,
    });
  }
  return bus;
}

/** A URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
