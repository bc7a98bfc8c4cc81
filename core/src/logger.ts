import { capText, capValue, isNautilusError, type ValueCaps } from '@nautilus/sdk';
import { type DestinationStream, type Logger, pino } from 'pino';
import { currentRequestId } from './request-scope.ts';

/** `json`: one JSON object a line (production, log shippers); `pretty`: readable, coloured lines for a terminal. */
export type LogFormat = 'json' | 'pretty';

/**
 * The format logs are written in: `NAUTILUS_LOG_FORMAT` when set (json or pretty), else pretty on a
 * terminal outside production and JSON everywhere else.
 */
export function logFormatFor(env: NodeJS.ProcessEnv, stdoutIsTty: boolean): LogFormat {
  const forced = env.NAUTILUS_LOG_FORMAT?.trim().toLowerCase();
  if (forced === 'json' || forced === 'pretty') return forced;
  return stdoutIsTty && env.NODE_ENV !== 'production' ? 'pretty' : 'json';
}

/** pino-pretty in a worker thread (pino's transport), so formatting never runs on the event loop. */
function prettyStream(): DestinationStream {
  return pino.transport({
    target: 'pino-pretty',
    options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' },
  });
}

/** Longest message, and longest stack, one log line carries. */
const MAX_LOG_MESSAGE = 4_000;
const MAX_LOG_STACK = 8_000;
/** Causes of an error logged below it. */
const MAX_CAUSES = 3;
const LOG_CAPS: ValueCaps = { maxString: 2_000, maxItems: 50, maxDepth: 4 };

/**
 * Structured JSON logs (pino) to stdout (or `destination`); secrets never go through here. Every
 * line stays small whatever it logs: a message, an error's message, stack, details and cause chain
 * may quote users' code (a strategy's thrown text) of any size, and one huge line stalls the server.
 * Lines written while a request is served carry its `requestId` (see request-scope.ts). Without a
 * `destination`, the format is {@link logFormatFor} the process's environment.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const format = destination ? 'json' : logFormatFor(process.env, process.stdout.isTTY === true);
  return pino(
    {
      level,
      base: { service: 'nautilus' },
      mixin() {
        const requestId = currentRequestId();
        return requestId === undefined ? {} : { requestId };
      },
      redact: ['password', '*.password', 'key', 'token'],
      serializers: { err: serializeError, error: serializeError },
      hooks: {
        logMethod(args, method) {
          const [first, second] = args as unknown[];
          // pino takes a lone Error's message as the line's message: cap it by passing it capped.
          if (first instanceof Error && typeof second !== 'string') {
            return method.apply(this, [first, capText(String(first.message), MAX_LOG_MESSAGE)]);
          }
          const capped = (args as unknown[]).map((arg) => (typeof arg === 'string' ? capText(arg, MAX_LOG_MESSAGE) : arg));
          return method.apply(this, capped as Parameters<typeof method>);
        },
      },
    },
    destination ?? (format === 'pretty' ? prettyStream() : undefined),
  );
}

/** An error as one log line shows it: type, code, capped message and stack, capped details, and its causes. */
export function serializeError(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error)) return capValue(error, LOG_CAPS);
  const out: Record<string, unknown> = {
    type: capText(String(error.constructor?.name ?? error.name), 100),
    message: capText(String(error.message), MAX_LOG_MESSAGE),
    stack: capText(String(error.stack ?? ''), MAX_LOG_STACK),
  };
  const { code } = error as { code?: unknown };
  if (code !== undefined) out.code = capValue(code, LOG_CAPS);
  if (isNautilusError(error)) {
    if (error.fields.length > 0) out.fields = capValue(error.fields, LOG_CAPS);
    if (error.plugin !== undefined) out.plugin = capText(String(error.plugin), 200);
    if (Object.keys(error.details).length > 0) out.details = capValue(error.details, LOG_CAPS);
  }
  if (error.cause !== undefined) {
    out.cause = depth < MAX_CAUSES ? serializeError(error.cause, depth + 1) : '[more causes left out]';
  }
  return out;
}
