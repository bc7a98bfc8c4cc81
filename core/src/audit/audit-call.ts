import { isNautilusError } from '@nautilus/sdk';
import type { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import type { RequestContext } from '../api/context.ts';
import { recordAudit } from './audit-log.ts';
import { auditTarget } from './audit-target.ts';

/** Mutations that change nothing stored (a session is not a change to audit; logins have their own log lines). */
const NOT_AUDITED = new Set(['auth.login', 'auth.logout']);

/** How a call ended: `ok`, or its error code as callers see it. */
function outcomeOf(result: { ok: true } | { ok: false; error: TRPCError }): { outcome: string; message?: string } {
  if (result.ok) return { outcome: 'ok' };
  const cause = result.error.cause;
  if (isNautilusError(cause)) return { outcome: cause.code, message: cause.message };
  if (cause instanceof ZodError) return { outcome: 'VALIDATION', message: 'invalid input' };
  return { outcome: result.error.code, message: result.error.message };
}

/**
 * Records one finished mutation of a known caller in the audit log: who, which procedure, its target
 * and version, and how it ended (refusals included). Calls without a user (refused before anything
 * ran) are not recorded, so strangers cannot fill the log. A failure to write is logged, not thrown:
 * the change has happened and its caller must hear so.
 */
export async function auditMutation(
  ctx: RequestContext,
  path: string,
  input: unknown,
  result: { ok: true; data: unknown } | { ok: false; error: TRPCError },
): Promise<void> {
  if (!ctx.user || NOT_AUDITED.has(path)) return;
  const { outcome, message } = outcomeOf(result);
  try {
    await recordAudit(ctx.services.db, {
      actor: { id: ctx.user.id, username: ctx.user.username },
      via: ctx.via,
      action: path,
      target: auditTarget(path, input, result.ok ? result.data : undefined),
      outcome,
      message,
    });
  } catch (error) {
    ctx.services.logger.error({ err: error, procedure: path, outcome }, 'could not write the audit log');
  }
}
