import { NautilusError } from '@nautilus/sdk';
import { TRPCError } from '@trpc/server';
import type { TRPCRequestInfo } from '@trpc/server/http';

/** Procedures that must come one per request: their limits count requests, and a batch runs its calls together. */
const UNBATCHABLE = new Set(['auth.login']);

function refusalMessage(path: string): string {
  return `${path} cannot be batched: send it alone, as POST /trpc/${path} without ?batch=1.`;
}

/**
 * A 400 for a batch (`?batch=1`) that holds `auth.login`, read from the URL as tRPC reads it, so
 * the answer is the same whatever else the batch holds. A batch of a thousand logins would
 * otherwise reach the password check a thousand times at once.
 */
export function loginBatchRefusal(url: string, endpoint = '/trpc'): Response | undefined {
  const parsed = new URL(url);
  if (parsed.searchParams.get('batch') !== '1') return undefined;
  const trim = (path: string) => path.replace(/^\//, '').replace(/\/$/, '');
  let paths: string[];
  try {
    paths = decodeURIComponent(trim(trim(parsed.pathname).slice(trim(endpoint).length))).split(',');
  } catch {
    return undefined; // tRPC answers a malformed path itself, before running anything.
  }
  const path = paths.find((candidate) => UNBATCHABLE.has(candidate));
  if (!path) return undefined;
  const message = refusalMessage(path);
  const nautilus = { code: 'VALIDATION', message, fields: [], details: {}, plugin: null };
  return Response.json(
    { error: { message, code: -32600, data: { code: 'BAD_REQUEST', httpStatus: 400, nautilus } } },
    { status: 400 },
  );
}

/** The same refusal from tRPC's own reading of the request, in `createContext`, before any call runs. */
export function refuseUnbatchable(info: TRPCRequestInfo | undefined): void {
  if (!info?.isBatchCall) return;
  const path = info.calls.find((call) => UNBATCHABLE.has(call.path))?.path;
  if (!path) return;
  const message = refusalMessage(path);
  throw new TRPCError({ code: 'BAD_REQUEST', message, cause: new NautilusError('VALIDATION', message) });
}
