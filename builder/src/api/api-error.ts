import type { FieldIssue, JsonSchema } from '@nautilus/sdk';
import { messageInWords } from './field-words.ts';

/** What the user should be told about a failed call; `code` is the sdk's ErrorCode, or NETWORK. */
export interface ApiProblem {
  code: string;
  message: string;
  fields: FieldIssue[];
  /** Set when the server asked the client to slow down (RATE_LIMITED). */
  retryAfterSeconds?: number;
  /** The plugin the server blamed (a data source that failed), when it named one. */
  plugin?: string;
  /** Facts for the code, e.g. CONFLICT's `currentVersion`, `updatedBy`, `updatedAt`. */
  details?: Record<string, unknown>;
}

// Used when the server gave no message of its own (or the call never reached it).
const fallbackMessages: Record<string, string> = {
  NETWORK: 'Cannot reach the Nautilus server. Check that it is running, then try again.',
  UNAUTHORIZED: 'You are not signed in, or your session has expired. Sign in again.',
  FORBIDDEN: 'Your role does not allow this. Ask an admin if you need it.',
  NOT_FOUND: 'It no longer exists; reload the list.',
  CONFLICT: 'Someone else saved a newer version. Reload to get it, then apply your change again.',
  RATE_LIMITED: 'Too many attempts. Wait a moment, then try again.',
  VALIDATION: 'Some fields are invalid.',
  INTERNAL: 'The server failed unexpectedly. Try again; if it keeps failing, check the server log.',
};

// tRPC's own codes, for errors that did not go through the server's Nautilus error formatter.
const trpcToNautilusCode: Record<string, string> = {
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  TOO_MANY_REQUESTS: 'RATE_LIMITED',
  BAD_REQUEST: 'VALIDATION',
  PARSE_ERROR: 'VALIDATION',
  INTERNAL_SERVER_ERROR: 'INTERNAL',
};

// Codes that the same request will hit again: retrying them only delays the message.
const finalCodes = new Set(['UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'RATE_LIMITED', 'VALIDATION']);

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

function readFields(value: unknown): FieldIssue[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const field = asRecord(item);
    return field && typeof field.path === 'string' && typeof field.message === 'string'
      ? [{ path: field.path, message: field.message }]
      : [];
  });
}

function readRetryAfter(details: Record<string, unknown> | undefined): number | undefined {
  const seconds = details?.retryAfterSeconds;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : undefined;
}

/**
 * Turns whatever a tRPC call threw into a message for the user. Reads `error.data.nautilus`
 * (the server's error formatter) first, then tRPC's own code; an error without `data` never
 * reached the server. `schema`, the JSON schema of the input, names refused fields as its form does.
 * @example describeApiError(error).message // 'Wrong username or password.'
 */
export function describeApiError(error: unknown, { schema }: { schema?: JsonSchema | undefined } = {}): ApiProblem {
  const thrown = asRecord(error);
  if (thrown?.name !== 'TRPCClientError') {
    // A bug on this side, not an answer from the server: say so instead of blaming the network.
    const text = error instanceof Error ? error.message : String(error);
    return { code: 'INTERNAL', message: `Unexpected error in the app: ${text}`, fields: [] };
  }
  const data = asRecord(thrown.data);
  if (!data) return { code: 'NETWORK', message: fallbackMessages.NETWORK!, fields: [] };

  const nautilus = asRecord(data.nautilus);
  const code =
    (typeof nautilus?.code === 'string' && nautilus.code) ||
    (typeof data.code === 'string' && trpcToNautilusCode[data.code]) ||
    'INTERNAL';
  const serverMessage = typeof nautilus?.message === 'string' ? nautilus.message : thrown.message;
  const message = typeof serverMessage === 'string' && serverMessage.trim() !== '' ? serverMessage : fallbackMessages[code];
  const fields = readFields(nautilus?.fields);
  // A bare list of field paths becomes what to do, field by field, in the user's words.
  const problem: ApiProblem = {
    code,
    message: messageInWords({ message: message ?? fallbackMessages.INTERNAL!, fields }, schema),
    fields,
  };
  const details = asRecord(nautilus?.details);
  const retryAfterSeconds = readRetryAfter(details);
  if (retryAfterSeconds !== undefined) problem.retryAfterSeconds = retryAfterSeconds;
  if (details && Object.keys(details).length > 0) problem.details = details;
  if (typeof nautilus?.plugin === 'string' && nautilus.plugin !== '') problem.plugin = nautilus.plugin;
  return problem;
}

/** True when the call failed because there is no valid session. */
export function isUnauthorized(error: unknown): boolean {
  return describeApiError(error).code === 'UNAUTHORIZED';
}

/** TanStack Query's `retry`: retry network and server failures twice, never a definite answer. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  return failureCount < 2 && !finalCodes.has(describeApiError(error).code);
}
