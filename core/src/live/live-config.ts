import type { FieldIssue } from '@nautilus/sdk';

/** Settings of the live endpoint (NAUTILUS_LIVE_*; see the README's "Live streaming"). */
export interface LiveConfig {
  /** WebSocket connections one instance holds; more are closed with 4013. */
  maxConnections: number;
  /** Subscriptions one connection may hold. */
  maxSubscriptions: number;
  /** Messages a connection may have waiting to be written before it is closed as a slow consumer (4008). */
  maxQueueMessages: number;
  /** The same bound in bytes. */
  maxQueueBytes: number;
  /** Unsent bytes a socket may hold before the server stops writing to it and conflates latest values. */
  maxBufferedBytes: number;
  /** How often the server pings; a connection that misses a ping is dropped at the next. */
  heartbeatMs: number;
  /** Messages each lossless channel's log keeps (approximately, with Redis: `XADD MAXLEN ~`). */
  logLength: number;
  /** How often open connections' sessions and API keys are checked again (logged out, expired, revoked, user disabled: closed with 4001). */
  reauthMs: number;
}

const SETTINGS: Record<keyof LiveConfig, { variable: string; fallback: number; min: number; max: number }> = {
  maxConnections: { variable: 'NAUTILUS_LIVE_MAX_CONNECTIONS', fallback: 50_000, min: 0, max: 1_000_000 },
  maxSubscriptions: { variable: 'NAUTILUS_LIVE_MAX_SUBSCRIPTIONS', fallback: 200, min: 1, max: 10_000 },
  maxQueueMessages: { variable: 'NAUTILUS_LIVE_MAX_QUEUE_MESSAGES', fallback: 2_000, min: 10, max: 1_000_000 },
  maxQueueBytes: { variable: 'NAUTILUS_LIVE_MAX_QUEUE_BYTES', fallback: 1_048_576, min: 1_024, max: 1_073_741_824 },
  maxBufferedBytes: { variable: 'NAUTILUS_LIVE_MAX_BUFFERED_BYTES', fallback: 262_144, min: 1_024, max: 1_073_741_824 },
  heartbeatMs: { variable: 'NAUTILUS_LIVE_HEARTBEAT_MS', fallback: 25_000, min: 100, max: 600_000 },
  logLength: { variable: 'NAUTILUS_LIVE_LOG_LENGTH', fallback: 10_000, min: 10, max: 10_000_000 },
  reauthMs: { variable: 'NAUTILUS_LIVE_REAUTH_MS', fallback: 60_000, min: 100, max: 3_600_000 },
};

/** Reads NAUTILUS_LIVE_*; a bad value is an issue naming the variable. */
export function readLiveConfig(env: Record<string, string | undefined>, issues: FieldIssue[]): LiveConfig {
  const config = {} as LiveConfig;
  for (const [name, { variable, fallback, min, max }] of Object.entries(SETTINGS)) {
    const raw = env[variable];
    let value = fallback;
    if (raw !== undefined && raw !== '') {
      value = Number(raw);
      if (!Number.isInteger(value) || value < min || value > max) {
        issues.push({ path: variable, message: `expected an integer from ${min} to ${max}, got '${raw}'` });
        value = fallback;
      }
    }
    config[name as keyof LiveConfig] = value;
  }
  return config;
}
