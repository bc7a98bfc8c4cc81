import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { resolveApiKey } from '../auth/api-keys.ts';
import type { PasswordCheckBudget } from '../auth/password-check-budget.ts';
import { resolveSession } from '../auth/sessions.ts';
import type { BacktestService } from '../backtests/backtest-service.ts';
import type { ClosableBus } from '../bus/create-bus.ts';
import type { Config } from '../config.ts';
import type { Tables, User } from '../db/tables.ts';
import type { DeploymentManager } from '../deployments/deployment-manager.ts';
import { IN_PROCESS_ADDRESS } from '../http/client-address.ts';
import type { Metrics } from '../http/metrics.ts';
import { requestIdOf } from '../http/request-id.ts';
import type { LiveHub } from '../live/live-hub.ts';
import type { MarketFeed } from '../market/market-feed.ts';
import type { PluginInstaller } from '../plugins/install/plugin-installer.ts';
import type { PluginHost } from '../plugins/plugin-host.ts';
import type { ProviderAdmin } from '../providers/provider-admin.ts';
import { currentRequestId } from '../request-scope.ts';
import type { RiskService } from '../risk/risk-service.ts';
import type { SweepService } from '../sweeps/sweep-service.ts';

export const SESSION_COOKIE = 'nautilus_session';

/** The long-lived parts of the server every procedure may use. */
export interface Services {
  db: Kysely<Tables>;
  plugins: PluginHost;
  bus: ClosableBus;
  config: Config;
  metrics: Metrics;
  logger: Logger;
  backtests: BacktestService;
  feeds: MarketFeed;
  deployments: DeploymentManager;
  /** Parameter sweeps and walk-forward optimisation. */
  sweeps: SweepService;
  risk: RiskService;
  /** Bounds the argon2 work of logins, per client address and for the instance. */
  passwordChecks: PasswordCheckBudget;
  /** Provider plugins' secrets, settings, tests and health (the Data sources page). */
  providers: ProviderAdmin;
  /** Installed plugin packages: staging, approval, enable/disable, update, rollback, uninstall (the Plugins page). */
  pluginInstalls: PluginInstaller;
  /** Live streaming: producers publish to channels, WebSocket clients (`GET /live`) subscribe. */
  live: LiveHub;
}

export interface RequestContext {
  services: Services;
  user: User | undefined;
  /** How the user authenticated. */
  via: 'session' | 'api-key' | undefined;
  sessionToken: string | undefined;
  responseHeaders: Headers;
  /** The client's address (the socket's peer, or what a trusted proxy forwarded); see client-address.ts. */
  clientAddress: string;
  /** This request's id (the caller's valid `x-request-id`, else generated): in the response header, error bodies and log lines. */
  requestId: string;
}

function readCookie(header: string | null, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [key, ...value] = part.trim().split('=');
    if (key !== name) continue;
    try {
      return decodeURIComponent(value.join('='));
    } catch {
      // A malformed cookie (`%`) is no session, not a failed request.
      return undefined;
    }
  }
  return undefined;
}

/** Identifies the caller: an `Authorization: Bearer <api key>` header, else the session cookie. */
export async function createRequestContext(
  services: Services,
  request: Request,
  responseHeaders: Headers,
  clientAddress: string = IN_PROCESS_ADDRESS,
): Promise<RequestContext> {
  const requestId = requestIdOf(request) ?? currentRequestId() ?? randomUUID();
  const base = { services, responseHeaders, clientAddress, requestId, user: undefined, via: undefined, sessionToken: undefined };
  const authorization = request.headers.get('authorization');
  if (authorization?.startsWith('Bearer ')) {
    const user = await resolveApiKey(services.db, authorization.slice('Bearer '.length).trim());
    return { ...base, user, via: user ? 'api-key' : undefined };
  }
  const token = readCookie(request.headers.get('cookie'), SESSION_COOKIE);
  if (!token) return base;
  const user = await resolveSession(services.db, token, services.config.sessionTtlMs);
  return { ...base, user, via: user ? 'session' : undefined, sessionToken: user ? token : undefined };
}

/** The Set-Cookie value for a session token; `null` clears it. HttpOnly and SameSite=Strict always. */
export function sessionCookie(token: string | null, config: Config): string {
  const parts = [
    `${SESSION_COOKIE}=${token ?? ''}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${token ? Math.floor(config.sessionTtlMs / 1000) : 0}`,
  ];
  if (config.cookieSecure) parts.push('Secure');
  return parts.join('; ');
}
