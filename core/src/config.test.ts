import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('binds to 127.0.0.1:3000 with embedded defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      databaseUrl: undefined,
      redisUrl: undefined,
      adminPassword: undefined,
    });
    expect(config.dataDir).toMatch(/\.nautilus$/);
    expect(config.pluginFolders.map((folder) => folder.source)).toEqual(['first-party', 'installed']);
  });

  it('names every bad variable and what it expects', () => {
    expect(() =>
      loadConfig({
        NAUTILUS_PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        NAUTILUS_ADMIN_PASSWORD: 'short',
        NAUTILUS_LOG_LEVEL: 'loud',
      }),
    ).toThrow(
      "Invalid configuration: DATABASE_URL: expected postgres://user@host:port/database; NAUTILUS_ADMIN_PASSWORD: must be at least 12 characters; NAUTILUS_PORT: expected an integer from 0 to 65535, got 'eighty'; NAUTILUS_LOG_LEVEL: expected fatal, error, warn, info, debug, trace or silent",
    );
  });
});
