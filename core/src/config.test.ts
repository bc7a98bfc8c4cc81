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
    // Installed plugins load from the install store, approved and enabled ones only, not by discovery.
    expect(config.pluginFolders.map((folder) => folder.source)).toEqual(['first-party']);
    expect(config).toMatchObject({ npmRegistry: 'https://registry.npmjs.org', requireSignedPlugins: false });
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
  it('bounds login password checks and serves only local host names by default', () => {
    expect(loadConfig({})).toMatchObject({
      allowedHosts: ['localhost', '127.0.0.1', '::1'],
      trustedProxies: [],
      loginChecksPerSecond: 5,
      loginChecksPerMinutePerAddress: 20,
    });
    expect(loadConfig({ NAUTILUS_HOST: '10.0.0.5' }).allowedHosts).toContain('10.0.0.5');
    expect(
      loadConfig({
        NAUTILUS_ALLOWED_HOSTS: 'nautilus.example.com',
        NAUTILUS_TRUSTED_PROXIES: '10.0.0.0/8',
        NAUTILUS_LOGIN_CHECKS_PER_SECOND: '2',
        NAUTILUS_LOGIN_CHECKS_PER_MINUTE_PER_ADDRESS: '60',
      }),
    ).toMatchObject({
      allowedHosts: ['nautilus.example.com'],
      trustedProxies: ['10.0.0.0/8'],
      loginChecksPerSecond: 2,
      loginChecksPerMinutePerAddress: 60,
    });
  });

  it('names each bad login-limit, host and proxy variable', () => {
    expect(() =>
      loadConfig({
        NAUTILUS_LOGIN_CHECKS_PER_SECOND: '0',
        NAUTILUS_LOGIN_CHECKS_PER_MINUTE_PER_ADDRESS: 'lots',
        NAUTILUS_ALLOWED_HOSTS: 'nautilus.example.com:443',
        NAUTILUS_TRUSTED_PROXIES: 'proxy.local',
      }),
    ).toThrow(
      "Invalid configuration: NAUTILUS_ALLOWED_HOSTS: expected host names or IP addresses without a port (e.g. nautilus.example.com,10.0.0.5), got 'nautilus.example.com:443'; NAUTILUS_TRUSTED_PROXIES: expected IP addresses or CIDR ranges, got 'proxy.local'; NAUTILUS_LOGIN_CHECKS_PER_SECOND: expected an integer from 1 to 1000, got '0'; NAUTILUS_LOGIN_CHECKS_PER_MINUTE_PER_ADDRESS: expected an integer from 1 to 100000, got 'lots'",
    );
  });
});
