import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';

describe('NAUTILUS_LIVE_* settings', () => {
  it('default to the documented bounds', () => {
    expect(loadConfig({}).live).toEqual({
      maxConnections: 50_000,
      maxSubscriptions: 200,
      maxQueueMessages: 2_000,
      maxQueueBytes: 1_048_576,
      maxBufferedBytes: 262_144,
      heartbeatMs: 25_000,
      logLength: 10_000,
      reauthMs: 60_000,
    });
  });

  it('take integers in range and refuse others naming the variable', () => {
    expect(loadConfig({ NAUTILUS_LIVE_MAX_QUEUE_MESSAGES: '500' }).live.maxQueueMessages).toBe(500);
    expect(() => loadConfig({ NAUTILUS_LIVE_HEARTBEAT_MS: '10', NAUTILUS_LIVE_LOG_LENGTH: 'many' })).toThrow(
      /NAUTILUS_LIVE_HEARTBEAT_MS: expected an integer from 100 to 600000, got '10'.*NAUTILUS_LIVE_LOG_LENGTH: expected an integer from 10 to 10000000, got 'many'/,
    );
  });
});
