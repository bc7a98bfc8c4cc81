import { isNautilusError } from '@nautilus/sdk';

/** A failure as a run or deployment stores it: what the API would have answered. */
export interface RunError {
  code: string;
  message: string;
  fields: { path: string; message: string }[];
  details: Record<string, unknown>;
  plugin: string | null;
}

const MAX_LOG_LINES = 50;

/**
 * Describes why a background job failed. A NautilusError keeps its code, message, fields and details
 * (the strategy's last log lines only); anything else is a bug whose detail belongs in the server log,
 * so `isBug` says to log it and the stored message stays generic.
 */
export function describeFailure(error: unknown): { error: RunError; isBug: boolean } {
  if (!isNautilusError(error)) {
    return {
      error: {
        code: 'INTERNAL',
        message: 'Internal error; the server log has the details.',
        fields: [],
        details: {},
        plugin: null,
      },
      isBug: true,
    };
  }
  const details = { ...error.details };
  if (Array.isArray(details.logs)) details.logs = details.logs.slice(-MAX_LOG_LINES);
  return {
    error: { code: error.code, message: error.message, fields: error.fields, details, plugin: error.plugin ?? null },
    isBug: error.code === 'INTERNAL',
  };
}
