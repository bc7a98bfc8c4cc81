import type { ErrorCode } from '@nautilus/sdk';
import type { TRPCError } from '@trpc/server';

type TrpcCode = TRPCError['code'];

/** tRPC's own codes (what it refuses before or around a procedure) as Nautilus codes; the rest are INTERNAL. */
const NAUTILUS_CODES: Partial<Record<TrpcCode, ErrorCode>> = {
  BAD_REQUEST: 'VALIDATION',
  PARSE_ERROR: 'VALIDATION',
  METHOD_NOT_SUPPORTED: 'VALIDATION',
  UNSUPPORTED_MEDIA_TYPE: 'VALIDATION',
  PAYLOAD_TOO_LARGE: 'VALIDATION',
  UNPROCESSABLE_CONTENT: 'VALIDATION',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  TOO_MANY_REQUESTS: 'RATE_LIMITED',
  SERVICE_UNAVAILABLE: 'UNAVAILABLE',
};

const SEND_JSON =
  'Send a query as GET /trpc/<procedure>?input=<URL-encoded JSON>, and a mutation as POST /trpc/<procedure> with a JSON body and "content-type: application/json".';

const HOW_TO_SEND: Record<string, (path: string) => string> = {
  query: (path) => `A query is sent as GET /trpc/${path}?input=<URL-encoded JSON>.`,
  mutation: (path) => `A mutation is sent as POST /trpc/${path} with a JSON body and "content-type: application/json".`,
  subscription: (path) =>
    `A subscription is opened with GET /trpc/${path}?input=<URL-encoded JSON> and read as server-sent events.`,
};

/** Client text echoed back (a path, a content type) is cut short: the answer should not grow with the request. */
function short(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * The Nautilus code and a message that says what to send instead, for an error tRPC raised itself
 * (wrong method, unsupported content type, malformed JSON or batch, unknown procedure). Unknown
 * failures stay INTERNAL, with no detail for the caller.
 */
export function describeTrpcError(
  error: TRPCError,
  path: string | undefined,
  type: string,
): { code: ErrorCode; message: string } {
  const code = NAUTILUS_CODES[error.code] ?? 'INTERNAL';
  if (code === 'INTERNAL') return { code, message: 'Internal error; the server log has the details.' };
  const message = short(error.message);
  switch (error.code) {
    case 'METHOD_NOT_SUPPORTED': {
      const how = path ? HOW_TO_SEND[type]?.(short(path)) : undefined;
      return { code, message: `${message}. ${how ?? SEND_JSON}` };
    }
    case 'UNSUPPORTED_MEDIA_TYPE':
      // tRPC leaves the quote around the content type open.
      return { code, message: `${message.replace(/^(Unsupported content-type "[^"]*)$/, '$1"')}. ${SEND_JSON}` };
    case 'PARSE_ERROR':
      return { code, message: `${message}. ${SEND_JSON}` };
    case 'BAD_REQUEST':
      if (error.cause instanceof SyntaxError) return { code, message: `The input is not valid JSON (${message}). ${SEND_JSON}` };
      return { code, message };
    case 'NOT_FOUND':
      if (path !== undefined && error.message.startsWith('No procedure found')) {
        return {
          code,
          message: `There is no procedure "${short(path)}": procedures are named <area>.<verb> (e.g. dashboards.list); check the name.`,
        };
      }
      return { code, message };
    default:
      return { code, message };
  }
}
