import { type Logger, pino } from 'pino';

/** Structured JSON logs (pino) to stdout; secrets never go through here. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'nautilus' }, redact: ['password', '*.password', 'key', 'token'] });
}
