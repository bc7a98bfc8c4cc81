import { type RequestWindow, WindowFull } from './request-window.ts';

/** Why an isolated plugin's process stopped, as a metric label: a small fixed set, never the message. */
export type StopReason = 'memory' | 'timeout' | 'hang' | 'heartbeat' | 'killed' | 'exit';

/** A waited-for rate limit shorter than this is no wait (the window had room). */
const WAIT_FLOOR_MS = 10;

/**
 * Plain counters of what the plugin host sees happen (rate-limit waits, process restarts, bars cache
 * use), kept as numbers so the paths that count pay an increment; /metrics reads them at scrape time.
 */
export class HostCounters {
  /** By `plugin|host`: requests that waited for a place in a rate-limit window, and the seconds waited. */
  readonly rateLimitWaits = new Map<string, { count: number; seconds: number }>();
  /** By `plugin|host`: requests refused because the window would not have room before their deadline. */
  readonly rateLimitRefusals = new Map<string, number>();
  /** By `plugin|reason`: times an isolated plugin's process stopped and was restarted (or given up on). */
  readonly restarts = new Map<string, number>();
  /** By `source|hit` or `source|miss`: stretches of bars answered from the cache, or fetched from the source. */
  readonly barsCache = new Map<string, number>();

  restarted(plugin: string, reason: StopReason): void {
    bump(this.restarts, `${plugin}|${reason}`);
  }

  barsCacheUse(source: string, outcome: 'hit' | 'miss'): void {
    bump(this.barsCache, `${source}|${outcome}`);
  }

  /** `window` with its waits and refusals counted under `plugin|host` (`key` is plugin-fetch's `plugin|host|rule`). */
  countWaits(key: string, window: RequestWindow): RequestWindow {
    const [plugin = 'unknown', host = 'unknown'] = key.split('|');
    const label = `${plugin}|${host}`;
    return {
      used: () => window.used(),
      acquire: async (signal, deadline) => {
        const started = performance.now();
        try {
          await window.acquire(signal, deadline);
        } catch (error) {
          if (error instanceof WindowFull) bump(this.rateLimitRefusals, label);
          throw error;
        }
        const waitedMs = performance.now() - started;
        if (waitedMs >= WAIT_FLOOR_MS) {
          const entry = this.rateLimitWaits.get(label) ?? { count: 0, seconds: 0 };
          entry.count++;
          entry.seconds += waitedMs / 1000;
          this.rateLimitWaits.set(label, entry);
        }
      },
    };
  }
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** The label for a process stop, from the message of the PLUGIN_FAILED error isolated-plugin.ts reports it with. */
export function stopReason(sentence: string): StopReason {
  if (/out of memory/.test(sentence)) return 'memory';
  if (/heartbeat/.test(sentence)) return 'heartbeat';
  if (/did not stop within/.test(sentence)) return 'hang';
  if (/did not finish within/.test(sentence)) return 'timeout';
  if (/killed because/.test(sentence)) return 'killed';
  return 'exit';
}
