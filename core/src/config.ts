import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FieldIssue, NautilusError } from '@nautilus/sdk';
import { WEBGPU_MODES, type WebGpuMode } from './compute/webgpu-provider.ts';
import { parseAllowedHosts } from './http/allowed-hosts.ts';
import { parseTrustedProxies } from './http/client-address.ts';
import { type LiveConfig, readLiveConfig } from './live/live-config.ts';
import { DEFAULT_NPM_REGISTRY } from './plugins/install/registry-client.ts';
import type { IsolationPolicy } from './plugins/plugin-loader.ts';
import { type PluginRoles, readPluginRoles } from './plugins/plugin-roles.ts';
import { type RiskCapsByRole, readRiskCaps } from './risk/risk-caps.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Everything the server can be told, from the environment (see the README's Configuration table). */
export interface Config {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  adminPassword: string | undefined;
  /** Seals provider secrets entered in the UI (NAUTILUS_SECRETS_KEY); `<dataDir>/secrets.key` when unset. */
  secretsKey: string | undefined;
  /** Plugin secrets by name, from `NAUTILUS_SECRET_<NAME>`; served to plugins only through `ctx.secrets.get`. */
  secrets: Readonly<Record<string, string>>;
  logLevel: string;
  builderDir: string;
  /**
   * First-party plugins, then NAUTILUS_PLUGIN_DIRS. Installed plugins (`<dataDir>/plugins`) are not
   * discovered: the install store loads the approved, enabled ones (core/src/plugins/install/).
   */
  pluginFolders: { dir: string; source: 'first-party' | 'installed' | 'extra' }[];
  /** Where `plugins install <name>@<version>` and the Plugins page fetch packages (NAUTILUS_NPM_REGISTRY). */
  npmRegistry: string;
  /** NAUTILUS_REQUIRE_SIGNED_PLUGINS=true: only plugins signed by a trusted key install, whatever the stored setting. */
  requireSignedPlugins: boolean;
  pluginConfig: Record<string, Record<string, unknown>>;
  pluginSetupTimeoutMs: number;
  pluginCallTimeoutMs: number;
  pluginFetchTimeoutMs: number;
  /** Which plugins run in a process of their own (NAUTILUS_PLUGIN_ISOLATION: third-party or all). */
  pluginIsolation: IsolationPolicy;
  /** The heap cap of each isolated plugin's process, in MB. */
  pluginMemoryMb: number;
  /** Which plugin serves risk models, covariance and default bars. */
  pluginRoles: PluginRoles;
  maxQueryPoints: number;
  /** Backtests one instance runs at once; more wait as queued. */
  backtestConcurrency: number;
  /** Most bars one backtest (or a deployment's warm-up and resume) may load. */
  backtestMaxBars: number;
  /** Paper-trading deployments one instance runs at most. */
  maxDeployments: number;
  sessionTtlMs: number;
  cookieSecure: boolean;
  /** Where compute kernels get their WebGPU device: auto, off, opengles or default (Dawn backends). */
  webgpu: WebGpuMode;
  /** Risk alerts older than this many days are deleted (hourly). */
  alertRetentionDays: number;
  /** How large a VaR, backtest or stress test viewers and editors may ask for (NAUTILUS_RISK_{VIEWER,EDITOR}_MAX_*). */
  riskCaps: RiskCapsByRole;
  /** Host names requests may be addressed to (DNS rebinding protection); `*` allows any. */
  allowedHosts: string[];
  /** Proxies (IPs or CIDR ranges) whose X-Forwarded-For names the client; none by default. */
  trustedProxies: string[];
  /** Password checks (argon2) one instance runs per second, all clients together. */
  loginChecksPerSecond: number;
  /** Password checks per minute for one client address. */
  loginChecksPerMinutePerAddress: number;
  /** The live endpoint's bounds, heartbeat and log length (NAUTILUS_LIVE_*). */
  live: LiveConfig;
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number, issues: FieldIssue[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    issues.push({ path: name, message: `expected an integer from ${min} to ${max}, got '${raw}'` });
    return fallback;
  }
  return value;
}

function readPluginConfig(path: string | undefined, issues: FieldIssue[]): Record<string, Record<string, unknown>> {
  if (!path) return {};
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, Record<string, unknown>>;
    issues.push({ path: 'NAUTILUS_PLUGIN_CONFIG', message: 'the file must hold a JSON object keyed by plugin id' });
  } catch (error) {
    issues.push({ path: 'NAUTILUS_PLUGIN_CONFIG', message: `cannot read ${path}: ${(error as Error).message}` });
  }
  return {};
}

/** Reads and checks the configuration; throws VALIDATION naming each bad variable. */
export function loadConfig(env: Env = process.env): Config {
  const issues: FieldIssue[] = [];
  const dataDir = resolve(env.NAUTILUS_DATA_DIR || './.nautilus');
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    issues.push({ path: 'DATABASE_URL', message: 'expected postgres://user@host:port/database' });
  }
  const redisUrl = env.REDIS_URL || undefined;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) issues.push({ path: 'REDIS_URL', message: 'expected redis://host:port' });
  const adminPassword = env.NAUTILUS_ADMIN_PASSWORD || undefined;
  if (adminPassword !== undefined && adminPassword.length < 12) {
    issues.push({ path: 'NAUTILUS_ADMIN_PASSWORD', message: 'must be at least 12 characters' });
  }
  const extra = (env.NAUTILUS_PLUGIN_DIRS ?? '').split(':').filter(Boolean);
  const config: Config = {
    host: env.NAUTILUS_HOST || '127.0.0.1',
    port: integer(env, 'NAUTILUS_PORT', 3000, 0, 65_535, issues),
    dataDir,
    databaseUrl,
    redisUrl,
    adminPassword,
    secretsKey: env.NAUTILUS_SECRETS_KEY || undefined,
    secrets: pluginSecrets(env),
    logLevel: env.NAUTILUS_LOG_LEVEL || 'info',
    builderDir: resolve(env.NAUTILUS_BUILDER_DIR || resolve(repoRoot, 'builder/dist')),
    pluginFolders: [
      { dir: resolve(repoRoot, 'plugins'), source: 'first-party' },
      ...extra.map((dir) => ({ dir: resolve(dir), source: 'extra' as const })),
    ],
    pluginConfig: readPluginConfig(env.NAUTILUS_PLUGIN_CONFIG, issues),
    npmRegistry: (env.NAUTILUS_NPM_REGISTRY || DEFAULT_NPM_REGISTRY).replace(/\/+$/, ''),
    requireSignedPlugins: env.NAUTILUS_REQUIRE_SIGNED_PLUGINS === 'true',
    pluginSetupTimeoutMs: integer(env, 'NAUTILUS_PLUGIN_SETUP_TIMEOUT_MS', 10_000, 100, 600_000, issues),
    pluginCallTimeoutMs: integer(env, 'NAUTILUS_PLUGIN_CALL_TIMEOUT_MS', 15_000, 100, 600_000, issues),
    pluginFetchTimeoutMs: integer(env, 'NAUTILUS_PLUGIN_FETCH_TIMEOUT_MS', 10_000, 100, 600_000, issues),
    pluginIsolation: (env.NAUTILUS_PLUGIN_ISOLATION || 'third-party') as IsolationPolicy,
    pluginMemoryMb: integer(env, 'NAUTILUS_PLUGIN_MEMORY_MB', 256, 32, 16_384, issues),
    pluginRoles: readPluginRoles(env, issues),
    maxQueryPoints: integer(env, 'NAUTILUS_MAX_QUERY_POINTS', 200_000, 1, 10_000_000, issues),
    backtestConcurrency: integer(env, 'NAUTILUS_BACKTEST_CONCURRENCY', 2, 1, 64, issues),
    backtestMaxBars: integer(env, 'NAUTILUS_BACKTEST_MAX_BARS', 1_000_000, 1, 10_000_000, issues),
    maxDeployments: integer(env, 'NAUTILUS_MAX_DEPLOYMENTS', 20, 0, 1_000, issues),
    sessionTtlMs: integer(env, 'NAUTILUS_SESSION_TTL_HOURS', 12, 1, 24 * 90, issues) * 3_600_000,
    cookieSecure: env.NAUTILUS_COOKIE_SECURE === 'true',
    webgpu: (env.NAUTILUS_WEBGPU || 'auto') as WebGpuMode,
    alertRetentionDays: integer(env, 'NAUTILUS_ALERT_RETENTION_DAYS', 90, 1, 36_500, issues),
    riskCaps: readRiskCaps(env, issues),
    allowedHosts: parseAllowedHosts(env.NAUTILUS_ALLOWED_HOSTS, env.NAUTILUS_HOST || '127.0.0.1', issues),
    trustedProxies: parseTrustedProxies(env.NAUTILUS_TRUSTED_PROXIES, issues),
    loginChecksPerSecond: integer(env, 'NAUTILUS_LOGIN_CHECKS_PER_SECOND', 5, 1, 1_000, issues),
    loginChecksPerMinutePerAddress: integer(env, 'NAUTILUS_LOGIN_CHECKS_PER_MINUTE_PER_ADDRESS', 20, 1, 100_000, issues),
    live: readLiveConfig(env, issues),
  };
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(config.logLevel)) {
    issues.push({ path: 'NAUTILUS_LOG_LEVEL', message: 'expected fatal, error, warn, info, debug, trace or silent' });
  }
  if (!['third-party', 'all'].includes(config.pluginIsolation)) {
    issues.push({ path: 'NAUTILUS_PLUGIN_ISOLATION', message: `expected third-party or all, got '${config.pluginIsolation}'` });
  }
  if (!/^https?:\/\/[^/]/.test(config.npmRegistry)) {
    issues.push({ path: 'NAUTILUS_NPM_REGISTRY', message: `expected an http(s) URL, got '${config.npmRegistry}'` });
  }
  if (!['', 'true', 'false'].includes(env.NAUTILUS_REQUIRE_SIGNED_PLUGINS ?? '')) {
    issues.push({
      path: 'NAUTILUS_REQUIRE_SIGNED_PLUGINS',
      message: `expected true or false, got '${env.NAUTILUS_REQUIRE_SIGNED_PLUGINS}'`,
    });
  }
  if (!WEBGPU_MODES.includes(config.webgpu)) {
    issues.push({ path: 'NAUTILUS_WEBGPU', message: `expected ${WEBGPU_MODES.join(', ')}, got '${config.webgpu}'` });
  }
  if (issues.length) throw NautilusError.validation('configuration', issues);
  return config;
}

/**
 * Secrets for plugins come only from `NAUTILUS_SECRET_<NAME>`, never from arbitrary variables. They
 * are read here, once: the variables are removed from the environment before any plugin loads.
 */
function pluginSecrets(env: Env): Readonly<Record<string, string>> {
  const secrets: Record<string, string> = Object.create(null);
  for (const [name, value] of Object.entries(env)) {
    if (name.startsWith('NAUTILUS_SECRET_') && value !== undefined) secrets[name.slice('NAUTILUS_SECRET_'.length)] = value;
  }
  return Object.freeze(secrets);
}
