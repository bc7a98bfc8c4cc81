import type { ErrorCode, FieldIssue } from '@nautilus/sdk';
import { getErrorShape, getTRPCErrorFromUnknown } from '@trpc/server';
import type { RequestContext } from '../context.ts';
import { appRouter } from '../router.ts';
import { httpStatusOf, type NautilusErrorShape } from '../trpc.ts';

/** The body of every error answer under /api/v1: the same fields /trpc puts in `error.data.nautilus`. */
export interface RestErrorBody {
  code: ErrorCode;
  message: string;
  fields: FieldIssue[];
  details: Record<string, unknown>;
  /** The id of the request in the server log, when the server assigns one. */
  requestId: string | null;
}

/** An answer the routes give before any procedure runs (unknown route, wrong method, cross-origin write). */
export function restError(
  code: ErrorCode,
  message: string,
  requestId: string | null,
  status = httpStatusOf(code),
): { status: number; body: RestErrorBody } {
  return { status, body: { code, message, fields: [], details: {}, requestId } };
}

/**
 * The status and body for what a procedure threw, through the router's own error formatter, so a
 * REST caller reads the code, message and fields a /trpc caller would (zod issues become VALIDATION
 * with one field each).
 */
export function procedureError(
  thrown: unknown,
  call: { path: string; type: 'query' | 'mutation' | 'subscription'; input: unknown; ctx: RequestContext | undefined },
  requestId: string | null,
): { status: number; body: RestErrorBody } {
  const error = getTRPCErrorFromUnknown(thrown);
  const shape = getErrorShape({
    config: appRouter._def._config,
    error,
    type: call.type,
    path: call.path,
    input: call.input,
    ctx: call.ctx,
  }) as { data: { nautilus: NautilusErrorShape } };
  const { code, message, fields, details } = shape.data.nautilus;
  return { status: httpStatusOf(code), body: { code, message, fields, details, requestId } };
}
