import { type ErrorCode, type FieldIssue, isNautilusError, NautilusError } from '@nautilus/sdk';
import { initTRPC, TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { ZodError } from 'zod';
import { auditMutation } from '../audit/audit-call.ts';
import { ROLES, type Role, type User } from '../db/tables.ts';
import { uniqueViolationAsConflict } from '../db/unique-violation.ts';
import { currentRequestId } from '../request-scope.ts';
import { runAsRiskCaller } from '../risk/risk-caller.ts';
import { checkRawInput } from '../validation/check-raw-input.ts';
import type { RequestContext } from './context.ts';
import { describeTrpcError } from './transport-errors.ts';

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
  UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
};

/** The HTTP status an error code answers with, on /trpc and on the routes beside it (file uploads). */
export function httpStatusOf(code: ErrorCode): number {
  return getHTTPStatusCodeFromError(new TRPCError({ code: TRPC_CODES[code] }));
}

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
  /** The request's id (also in the `x-request-id` response header and its log lines); null outside a request. */
  requestId: string | null;
}

const t = initTRPC.context<RequestContext>().create({
  // Subscriptions (deployments.watch) are served as server-sent events; pings keep proxies from closing idle streams.
  sse: { ping: { enabled: true, intervalMs: 15_000 }, client: { reconnectAfterInactivityMs: 20_000 } },
  errorFormatter({ shape, error, path, type, ctx }) {
    const requestId = ctx?.requestId ?? currentRequestId() ?? null;
    const cause = error.cause;
    let nautilus: NautilusErrorShape;
    if (isNautilusError(cause)) {
      nautilus = {
        code: cause.code,
        message: cause.message,
        fields: cause.fields,
        details: cause.details,
        plugin: cause.plugin ?? null,
        requestId,
      };
    } else if (cause instanceof ZodError) {
      const fields = zodFields(cause);
      const message = `Invalid input: ${fields.map((field) => `${field.path || '(root)'}: ${field.message}`).join('; ')}`;
      nautilus = { code: 'VALIDATION', message, fields, details: {}, plugin: null, requestId };
    } else {
      // Internal errors are logged with their detail; the caller gets no stack or internals.
      const { code, message } = describeTrpcError(error, path, type);
      nautilus = { code, message, fields: [], details: {}, plugin: null, requestId };
    }
    const { stack: _stack, ...data } = shape.data;
    return { ...shape, message: nautilus.message, data: { ...data, nautilus } };
  },
});

/** Turns a thrown NautilusError into the tRPC error with the matching HTTP status, and times each call. */
const boundary = t.middleware(async ({ ctx, path, type, next, signal }) => {
  const started = performance.now();
  const result = await next();
  const cause = result.ok ? undefined : (uniqueViolationAsConflict(result.error.cause) ?? result.error.cause);
  // A call whose client went away fails with the abort's reason: nobody reads the answer, and it is no server fault.
  if (!result.ok && signal?.aborted) {
    ctx.services.metrics.procedureDuration.observe(
      { procedure: path, type, outcome: 'aborted' },
      (performance.now() - started) / 1000,
    );
    ctx.services.logger.info({ procedure: path }, 'the client went away; the call was stopped');
    return result;
  }
  const outcome = result.ok ? 'ok' : isNautilusError(cause) ? cause.code : result.error.code;
  ctx.services.metrics.procedureDuration.observe({ procedure: path, type, outcome }, (performance.now() - started) / 1000);
  if (!result.ok) {
    if (isNautilusError(cause)) {
      const retryAfter = cause.details.retryAfterSeconds;
      if (cause.code === 'RATE_LIMITED' && typeof retryAfter === 'number')
        ctx.responseHeaders.set('retry-after', String(retryAfter));
      throw new TRPCError({ code: TRPC_CODES[cause.code], message: cause.message, cause });
    }
    if (result.error.code === 'INTERNAL_SERVER_ERROR')
      ctx.services.logger.error({ err: cause ?? result.error, procedure: path }, 'procedure failed');
  }
  return result;
});

/**
 * Refuses, before any procedure parses it, input no field may hold (NUL, unpaired surrogates, nesting
 * past MAX_INPUT_DEPTH): one check here instead of one per schema. See check-raw-input.ts.
 */
const rawInputCheck = t.middleware(async ({ path, getRawInput, next }) => {
  if (!inputless.has(path)) {
    checkRawInput(await getRawInput());
    return next();
  }
  // A procedure that declares no input ignores its input, even text that is not JSON, as tRPC does;
  // a malformed batch envelope is still refused.
  try {
    await getRawInput();
  } catch (error) {
    if (!(error instanceof TRPCError && error.cause instanceof SyntaxError)) throw error;
  }
  return next();
});

/** The procedures that declare no input, as {@link declareInputless} found them in the router. */
const inputless = new Set<string>();

/** Tells the input check which procedures take no input; router.ts calls it once with the whole router. */
export function declareInputless(root: { _def: { procedures: Record<string, unknown> } }): void {
  for (const [path, procedure] of Object.entries(root._def.procedures)) {
    if ((procedure as { _def: { inputs: unknown[] } })._def.inputs.length === 0) inputless.add(path);
  }
}

/** Every mutation of a logged-in caller goes to the audit log, whatever its outcome (see audit-call.ts). */
const audit = t.middleware(async ({ ctx, path, type, getRawInput, next }) => {
  const result = await next();
  if (type === 'mutation') await auditMutation(ctx, path, await getRawInput().catch(() => undefined), result);
  return result;
});

export const router = t.router;
export const publicProcedure = t.procedure.use(boundary).use(rawInputCheck).use(audit);

const atLeast = (role: Role) =>
  t.middleware(({ ctx, next, signal }) => {
    if (!ctx.user) throw new NautilusError('UNAUTHORIZED', 'Log in, or send an API key as "Authorization: Bearer <key>".');
    if (ROLES.indexOf(ctx.user.role) < ROLES.indexOf(role)) {
      throw new NautilusError('FORBIDDEN', `This needs the ${role} role; you are ${ctx.user.role}. Ask an admin.`);
    }
    // Risk figures also come through data sources, which are not told who asks: see risk-caller.ts.
    const caller = { role: ctx.user.role, userId: ctx.user.id, caps: ctx.services.config.riskCaps, signal };
    return runAsRiskCaller(caller, () => next({ ctx: { ...ctx, user: ctx.user as User } }));
  });

/** Any logged-in user (viewer and up). */
export const viewerProcedure = publicProcedure.use(atLeast('viewer'));
/** Writes: editor and up. */
export const editorProcedure = publicProcedure.use(atLeast('editor'));
/** User management: admin only. */
export const adminProcedure = publicProcedure.use(atLeast('admin'));
