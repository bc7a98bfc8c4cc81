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

export interface LoginAttemptsTable {
  username: string;
  failures: number;
  last_failure_at: Date;
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
}

export interface DashboardVersionsTable {
  dashboard_id: string;
  version: number;
  document: Json;
  message: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface Tables {
  users: UsersTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  login_attempts: LoginAttemptsTable;
  dashboards: DashboardsTable;
  dashboard_versions: DashboardVersionsTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
