import { type ErrorCode, type FieldIssue, isNautilusError, NautilusError } from '@nautilus/sdk';
import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { ROLES, type Role, type User } from '../db/tables.ts';
import type { RequestContext } from './context.ts';

type TrpcCode = TRPCError['code'];

const TRPC_CODES: Record<ErrorCode, TrpcCode> = {
  VALIDATION: 'BAD_REQUEST',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
  PLUGIN_INVALID: 'INTERNAL_SERVER_ERROR',
  PLUGIN_INCOMPATIBLE: 'INTERNAL_SERVER_ERROR',
  PLUGIN_FAILED: 'INTERNAL_SERVER_ERROR',
  PLUGIN_TIMEOUT: 'TIMEOUT',
  DATA_SOURCE_ERROR: 'BAD_GATEWAY',
  SANDBOX_TIMEOUT: 'TIMEOUT',
  SANDBOX_MEMORY: 'INTERNAL_SERVER_ERROR',
  COMPUTE_UNAVAILABLE: 'PRECONDITION_FAILED',
  INSUFFICIENT_DATA: 'BAD_REQUEST',
  NOT_POSITIVE_DEFINITE: 'BAD_REQUEST',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
};

const NAUTILUS_CODES: Partial<Record<TrpcCode, ErrorCode>> = {
  BAD_REQUEST: 'VALIDATION',
  PARSE_ERROR: 'VALIDATION',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  TOO_MANY_REQUESTS: 'RATE_LIMITED',
};

function zodFields(error: ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.reduce<string>(
      (path, key) => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${String(key)}` : String(key)),
      '',
    ),
    message: issue.message,
  }));
}

/** What every error response carries in `error.data.nautilus`: the code, a message that says what to do, the fields. */
export interface NautilusErrorShape {
  code: ErrorCode;
  message: string;
  fields: FieldIssue[];
  details: Record<string, unknown>;
  plugin: string | null;
}

const t = initTRPC.context<RequestContext>().create({
  // Subscriptions (deployments.watch) are served as server-sent events; pings keep proxies from closing idle streams.
  sse: { ping: { enabled: true, intervalMs: 15_000 }, client: { reconnectAfterInactivityMs: 20_000 } },
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    let nautilus: NautilusErrorShape;
    if (isNautilusError(cause)) {
      nautilus = {
        code: cause.code,
        message: cause.message,
        fields: cause.fields,
        details: cause.details,
        plugin: cause.plugin ?? null,
      };
    } else if (cause instanceof ZodError) {
      const fields = zodFields(cause);
      const message = `Invalid input: ${fields.map((field) => `${field.path || '(root)'}: ${field.message}`).join('; ')}`;
      nautilus = { code: 'VALIDATION', message, fields, details: {}, plugin: null };
    } else {
      const code = NAUTILUS_CODES[error.code] ?? 'INTERNAL';
      // Internal errors are logged with their detail; the caller gets no stack or internals.
      const message = code === 'INTERNAL' ? 'Internal error; the server log has the details.' : error.message;
      nautilus = { code, message, fields: [], details: {}, plugin: null };
    }
    const { stack: _stack, ...data } = shape.data;
    return { ...shape, message: nautilus.message, data: { ...data, nautilus } };
  },
});

/** Turns a thrown NautilusError into the tRPC error with the matching HTTP status, and times each call. */
const boundary = t.middleware(async ({ ctx, path, type, next }) => {
  const started = performance.now();
  const result = await next();
  const cause = result.ok ? undefined : result.error.cause;
  const outcome = result.ok ? 'ok' : isNautilusError(cause) ? cause.code : result.error.code;
  ctx.services.metrics.procedureDuration.observe({ procedure: path, type, outcome }, (performance.now() - started) / 1000);
  if (!result.ok) {
    if (isNautilusError(cause)) throw new TRPCError({ code: TRPC_CODES[cause.code], message: cause.message, cause });
    if (result.error.code === 'INTERNAL_SERVER_ERROR')
      ctx.services.logger.error({ err: cause ?? result.error, procedure: path }, 'procedure failed');
  }
  return result;
});

export const router = t.router;
export const publicProcedure = t.procedure.use(boundary);

const atLeast = (role: Role) =>
  t.middleware(({ ctx, next }) => {
    if (!ctx.user) throw new NautilusError('UNAUTHORIZED', 'Log in, or send an API key as "Authorization: Bearer <key>".');
    if (ROLES.indexOf(ctx.user.role) < ROLES.indexOf(role)) {
      throw new NautilusError('FORBIDDEN', `This needs the ${role} role; you are ${ctx.user.role}. Ask an admin.`);
    }
    return next({ ctx: { ...ctx, user: ctx.user as User } });
  });

/** Any logged-in user (viewer and up). */
export const viewerProcedure = publicProcedure.use(atLeast('viewer'));
/** Writes: editor and up. */
export const editorProcedure = publicProcedure.use(atLeast('editor'));
/** User management: admin only. */
export const adminProcedure = publicProcedure.use(atLeast('admin'));
