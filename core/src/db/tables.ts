import type { ColumnType, Insertable, Selectable } from 'kysely';

/** Roles, from least to most privileged. */
export const ROLES = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

type CreatedAt = ColumnType<Date, Date | undefined, never>;
type Json = ColumnType<unknown, string, string>;

export interface UsersTable {
  id: string;
  username: string;
  password_hash: string;
  role: Role;
  created_at: CreatedAt;
  disabled_at: Date | null;
}

export interface SessionsTable {
  /** SHA-256 of the session token: a stolen database does not yield usable cookies. */
  token_hash: string;
  user_id: string;
  created_at: CreatedAt;
  expires_at: Date;
}

export interface ApiKeysTable {
  id: string;
  user_id: string;
  name: string;
  /** SHA-256 of the secret part; keys are 256-bit random, so a fast hash is enough. */
  secret_hash: string;
  created_at: CreatedAt;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

/** Login failures of one username from one client address, or from all of them (address `*`). */
export interface LoginThrottleTable {
  username: string;
  address: string;
  failures: number;
  last_attempt_at: Date;
  /** Whether the latest attempt was let through (read back by the statement that made it). */
  allowed: boolean;
}

/** Client addresses a user logged in from; the username-wide throttle never applies to them. */
export interface LoginKnownAddressesTable {
  user_id: string;
  address: string;
  last_login_at: Date;
}

export interface DashboardsTable {
  id: string;
  title: string;
  version: number;
  document: Json;
  created_by: string | null;
  updated_by: string | null;
  created_at: CreatedAt;
  updated_at: Date;
  /** Where the dashboards list files it; null is the top level. Not part of the (portable) document. */
  folder: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface DashboardVersionsTable {
  dashboard_id: string;
  version: number;
  document: Json;
  message: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface StrategiesTable {
  id: string;
  name: string;
  description: string | null;
  latest_version: number;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Date;
}

export interface StrategyVersionsTable {
  strategy_id: string;
  version: number;
  /** The TypeScript file as the user wrote it. */
  source: string;
  /** The params spec the file declares (describeStrategy), for the params form. */
  params: Json;
  message: string | null;
  /** Unified diff from the previous version; null for version 1. */
  diff: string | null;
  /** Saved with type errors on request ("save as draft"): never deployed, never rolled back to. */
  draft: ColumnType<boolean, boolean | undefined, boolean>;
  created_by: string | null;
  created_at: CreatedAt;
}

export const BACKTEST_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type BacktestStatus = (typeof BACKTEST_STATUSES)[number];

export interface BacktestRunsTable {
  id: string;
  strategy_id: string;
  version: number;
  /** Resolved: every declared param, defaults filled in. */
  params: Json;
  /** Resolved BacktestConfig. */
  config: Json;
  data_source: string;
  symbol: string;
  timeframe: string;
  range_from: Date;
  range_to: Date;
  status: BacktestStatus;
  /** 0..1 while running. */
  progress: ColumnType<number, number | undefined, number>;
  metrics: Json | null;
  /** The stored BacktestResult: curves downsampled, records capped (see stored-result.ts). */
  result: Json | null;
  error: Json | null;
  /** Instance running it, and its last sign of life: a run whose heartbeat stops is marked failed. */
  owner: string | null;
  heartbeat_at: Date | null;
  created_by: string | null;
  created_at: CreatedAt;
  finished_at: Date | null;
  duration_ms: number | null;
}

export const DEPLOYMENT_STATUSES = ['running', 'stopped', 'failed'] as const;
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];

export interface DeploymentsTable {
  id: string;
  strategy_id: string;
  version: number;
  params: Json;
  config: Json;
  limits: Json;
  data_source: string;
  symbol: string;
  timeframe: string;
  warmup_bars: number;
  /** `{ bars, speed, from }` when the feed replays the recent past faster than real time. */
  replay: Json | null;
  status: DeploymentStatus;
  stop_reason: string | null;
  error: Json | null;
  /** The latest account snapshot (cash, position, equity, PnL), written at most every few seconds. */
  account: Json | null;
  /** Recent fills, trades, logs and equity points, bounded. */
  activity: Json | null;
  /** Time of the first bar the strategy saw: a resumed deployment replays from here to rebuild its state. */
  first_bar_time: Date | null;
  /** The deployment this one replaced by a rollback. */
  rollback_of: string | null;
  /** Instance running it and until when its lease holds; another instance takes over an expired lease. */
  owner: string | null;
  lease_expires_at: Date | null;
  created_by: string | null;
  started_at: CreatedAt;
  stopped_at: Date | null;
  updated_at: Date;
}

export interface MarketFeedsTable {
  /** The bus topic the feed publishes on. */
  topic: string;
  owner: string;
  lease_expires_at: Date;
}

/** A book of positions with its capital and limit set: what risk is computed for. */
export interface PortfoliosTable {
  id: string;
  name: string;
  description: string | null;
  /** Equity the limits measure against (leverage, concentration, loss limits). */
  capital: number;
  /** The bar data source the positions are priced from, e.g. `nautilus.sim-market/bars`. */
  data_source: string;
  /** `[{ symbol, quantity, assetClass? }]`. */
  positions: Json;
  /** A LimitSet, or null when the portfolio has none. */
  limits: Json | null;
  version: number;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Date;
}

export const ALERT_SOURCES = ['backtest', 'deployment', 'portfolio'] as const;
export type AlertSource = (typeof ALERT_SOURCES)[number];

/** A limit warning or breach, kept for the alerts list and published on the bus as `risk.alerts`. */
export interface RiskAlertsTable {
  id: string;
  created_at: CreatedAt;
  level: 'warn' | 'hard';
  limit_kind: string;
  message: string;
  symbol: string | null;
  source_kind: AlertSource;
  source_id: string;
  source_name: string;
  /** threshold, value, the order, the bar time: whatever the finding carried. */
  details: Json;
}

/** An alert one user marked read; the row goes with the alert (retention) or the user. */
export interface RiskAlertReadsTable {
  user_id: string;
  alert_id: string;
  read_at: CreatedAt;
}

/**
 * Cached bars of one instrument, timeframe and price basis, a chunk of time per row (a day of 1m bars,
 * a week of 5m...), stored column-wise as float64 (time, open, high, low, close, volume, each
 * `bar_count` long, base64-encoded) so a year of 1m bars is a few hundred rows read by primary key.
 */
export interface BarsChunksTable {
  symbol: string;
  timeframe: string;
  adjusted: boolean;
  chunk_start: number;
  bar_count: number;
  /** A new random value on every write, so readers holding the chunk in memory know to read it again. */
  version: number;
  /** Base64 of the float64 columns. */
  data: string;
}

/** A stretch of time the bars cache holds completely, and the source that answered it. */
export interface BarsCoverageTable {
  symbol: string;
  timeframe: string;
  adjusted: boolean;
  range_from: number;
  range_to: number;
  source: string;
  fetched_at: number;
}

/** Settings an admin edits at run time (the bars fallback chain, data-source settings), as JSON. */
export interface DataSettingsTable {
  key: string;
  value: Json;
  updated_at: Date;
}

/** Provider secrets entered in the UI, encrypted (AES-256-GCM) with the server's key; never sent back. */
export interface ProviderSecretsTable {
  name: string;
  ciphertext: string;
  updated_at: Date;
}

/** A file uploaded on the Files page: bars (OHLCV) or value series, per symbol when it had a symbol column. */
export interface UploadsTable {
  id: string;
  name: string;
  kind: 'ohlcv' | 'series';
  format: string;
  /** The stored value columns in order: open…volume, or the mapped value columns' names. */
  columns: Json;
  symbols: Json;
  row_count: number;
  time_from: number;
  time_to: number;
  created_by: string | null;
  created_at: Date;
}

/** Up to 50,000 rows of one upload and symbol, sorted by time: base64 float64 columns (time, then each value column). */
export interface UploadChunksTable {
  upload_id: string;
  symbol: string;
  chunk_index: number;
  row_count: number;
  data: string;
}

export const OBJECT_TYPES = ['dashboard', 'strategy', 'portfolio'] as const;
export type ObjectType = (typeof OBJECT_TYPES)[number];
/** What a grant allows on one object, from least to most: view < edit < admin (share, grant, delete). */
export const PERMISSIONS = ['view', 'edit', 'admin'] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** One user's or one role's permission on one object (see core/src/sharing/permissions.ts). */
export interface ObjectGrantsTable {
  object_type: ObjectType;
  object_id: string;
  grantee_type: 'user' | 'role';
  /** A user id, or a role name (which covers that role and every higher one). */
  grantee: string;
  permission: Permission;
  created_by: string | null;
  created_at: CreatedAt;
}

/** A read-only link to one dashboard; only the SHA-256 of its token is kept. */
export interface ShareLinksTable {
  id: string;
  dashboard_id: string;
  token_hash: string;
  label: string | null;
  /** The variable values the link was made with, `{ name: value }`. */
  variables: Json;
  /** The time range the link was made with, as written (`now-7d`) or absolute. */
  time_range: Json;
  created_by: string | null;
  created_at: CreatedAt;
  expires_at: Date;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

/** One API mutation: who, what, on which object (and version), when, and how it ended. */
export interface AuditLogTable {
  id: string;
  at: CreatedAt;
  actor_id: string | null;
  actor_name: string | null;
  via: string | null;
  /** The procedure path, e.g. `dashboards.save`. */
  action: string;
  target_type: string | null;
  target_id: string | null;
  version: number | null;
  /** `ok`, or the error code the call ended with. */
  outcome: string;
  message: string | null;
}

/** One version of an installed plugin: staged (approved_at null, never loaded) or approved by an admin. */
export interface PluginVersionsTable {
  plugin_id: string;
  version: string;
  package_name: string;
  /** Where it came from: `{ kind: 'upload' | 'registry' | 'url' | 'folder', … }`. */
  origin: Json;
  /** `sha512-<base64>` of the tarball. */
  integrity: string;
  /** package.json's `nautilus` manifest, checked. */
  manifest: Json;
  /** `{ path: sha512 }` of every file but the signature file. */
  files: Json;
  /** nautilus-signature.json as found in the package, or null. */
  signature: Json | null;
  /** The tarball, base64. */
  tarball: string;
  size_bytes: number;
  staged_by: string | null;
  staged_at: CreatedAt;
  approved_by: string | null;
  approved_at: Date | null;
}

/** An installed plugin: the approved version that runs, the one a rollback returns to, enabled or not. */
export interface PluginInstallsTable {
  plugin_id: string;
  current_version: string;
  previous_version: string | null;
  enabled: boolean;
  updated_by: string | null;
  updated_at: Date;
}

/** A public key whose signatures an admin trusts. */
export interface TrustedKeysTable {
  key_id: string;
  name: string;
  /** `ed25519:<base64>`. */
  public_key: string;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface Tables {
  object_grants: ObjectGrantsTable;
  share_links: ShareLinksTable;
  audit_log: AuditLogTable;
  uploads: UploadsTable;
  upload_chunks: UploadChunksTable;
  bars_chunks: BarsChunksTable;
  bars_coverage: BarsCoverageTable;
  data_settings: DataSettingsTable;
  provider_secrets: ProviderSecretsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  login_throttle: LoginThrottleTable;
  login_known_addresses: LoginKnownAddressesTable;
  dashboards: DashboardsTable;
  dashboard_versions: DashboardVersionsTable;
  strategies: StrategiesTable;
  strategy_versions: StrategyVersionsTable;
  backtest_runs: BacktestRunsTable;
  deployments: DeploymentsTable;
  market_feeds: MarketFeedsTable;
  portfolios: PortfoliosTable;
  risk_alerts: RiskAlertsTable;
  risk_alert_reads: RiskAlertReadsTable;
  plugin_versions: PluginVersionsTable;
  plugin_installs: PluginInstallsTable;
  trusted_keys: TrustedKeysTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
