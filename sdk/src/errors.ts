import { capText, capValue, MAX_ERROR_MESSAGE } from './error-caps.ts';

/** Every error code Nautilus raises; one class carries them all (see NautilusError). */
export const ErrorCode = {
  VALIDATION: 'VALIDATION',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  PLUGIN_INVALID: 'PLUGIN_INVALID',
  PLUGIN_INCOMPATIBLE: 'PLUGIN_INCOMPATIBLE',
  PLUGIN_FAILED: 'PLUGIN_FAILED',
  PLUGIN_TIMEOUT: 'PLUGIN_TIMEOUT',
  DATA_SOURCE_ERROR: 'DATA_SOURCE_ERROR',
  SANDBOX_TIMEOUT: 'SANDBOX_TIMEOUT',
  SANDBOX_MEMORY: 'SANDBOX_MEMORY',
  /** A compute backend that was asked for explicitly (e.g. WebGPU) cannot run here. */
  COMPUTE_UNAVAILABLE: 'COMPUTE_UNAVAILABLE',
  /** Too few observations for what was asked (e.g. fewer returns than a confidence level needs). */
  INSUFFICIENT_DATA: 'INSUFFICIENT_DATA',
  /** A covariance matrix is not positive definite, so it cannot be factored or used for VaR. */
  NOT_POSITIVE_DEFINITE: 'NOT_POSITIVE_DEFINITE',
  /** The server cannot answer yet (it is still starting): retry after `details.retryAfterSeconds`. */
  UNAVAILABLE: 'UNAVAILABLE',
  INTERNAL: 'INTERNAL',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** One problem with one field of an input, e.g. `{ path: 'panels[0].gridPos.w', message: 'must be <= 24' }`. */
export interface FieldIssue {
  path: string;
  message: string;
}

export interface NautilusErrorOptions {
  cause?: unknown;
  /** Field-level problems, for VALIDATION errors. */
  fields?: FieldIssue[];
  /** The plugin the error came from, stamped by the host. */
  plugin?: string;
  /** Extra machine-readable facts, e.g. the current version on a CONFLICT. */
  details?: Record<string, unknown>;
}

/**
 * The one error class of Nautilus: a code from {@link ErrorCode} and a message that says what to do.
 * @example throw new NautilusError('NOT_FOUND', 'Dashboard 42 does not exist; reload the list.')
 */
export class NautilusError extends Error {
  override name = 'NautilusError';
  readonly code: ErrorCode;
  readonly fields: FieldIssue[];
  plugin: string | undefined;
  readonly details: Record<string, unknown>;

  /** The message, field issues and details are capped (see capText): they may quote users' code, and errors are stored and logged. */
  constructor(code: ErrorCode, message: string, options: NautilusErrorOptions = {}) {
    super(capText(String(message), MAX_ERROR_MESSAGE), options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.fields = capFields(options.fields ?? []);
    this.plugin = options.plugin;
    this.details = (capValue(options.details ?? {}) ?? {}) as Record<string, unknown>;
  }

  /** A VALIDATION error whose message lists each field and what was wrong with it. */
  static validation(what: string, fields: FieldIssue[]): NautilusError {
    const list = fields.map((f) => `${f.path || '(root)'}: ${f.message}`).join('; ');
    return new NautilusError('VALIDATION', `Invalid ${what}: ${list}`, { fields });
  }
}

const MAX_FIELDS = 100;

function capFields(fields: FieldIssue[]): FieldIssue[] {
  const over = fields.length > MAX_FIELDS || fields.some((f) => f.path?.length > 1_000 || f.message?.length > 1_000);
  if (!over) return fields;
  return fields
    .slice(0, MAX_FIELDS)
    .map((f) => ({ path: capText(String(f.path), 1_000), message: capText(String(f.message), 1_000) }));
}

/** True for a NautilusError, also one made by another copy of the sdk (plugins may bundle their own). */
export function isNautilusError(value: unknown): value is NautilusError {
  return (
    value instanceof NautilusError ||
    (value instanceof Error &&
      value.name === 'NautilusError' &&
      typeof (value as Error & { code?: unknown }).code === 'string' &&
      (value as Error & { code: string }).code in ErrorCode)
  );
}

/** Wraps an unknown throwable once, at a boundary, keeping it as `cause`. */
export function toNautilusError(value: unknown, code: ErrorCode = 'INTERNAL', context?: string): NautilusError {
  if (isNautilusError(value)) return value;
  const text = value instanceof Error ? value.message : String(value);
  return new NautilusError(code, context ? `${context}: ${text}` : text, { cause: value });
}
