import { capText, capValue, isNautilusError, MAX_ERROR_MESSAGE, type ValueCaps } from '@nautilus/sdk';

/** A failure as a run or deployment stores it: what the API would have answered. */
export interface RunError {
  code: string;
  message: string;
  fields: { path: string; message: string }[];
  details: Record<string, unknown>;
  plugin: string | null;
}

const MAX_LOG_LINES = 50;
/** What a stored failure keeps of the error's details: it is written to the database and returned as is. */
const STORED_CAPS: ValueCaps = { maxString: 2_000, maxItems: 100, maxDepth: 5 };
const MAX_FIELDS = 100;

/**
 * Describes why a background job failed. A NautilusError keeps its code, message, fields and details
 * (the strategy's last log lines only), each capped in size (see capText); anything else is a bug
 * whose detail belongs in the server log, so `isBug` says to log it and the stored message stays generic.
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
  // Capped again here: a NautilusError made by another copy of the sdk (a plugin's) may not be, and
  // details gain fields (a run's logs) after the error was made.
  const details = { ...error.details };
  if (Array.isArray(details.logs)) details.logs = details.logs.slice(-MAX_LOG_LINES);
  return {
    error: {
      code: error.code,
      message: capText(String(error.message), MAX_ERROR_MESSAGE),
      fields: (Array.isArray(error.fields) ? error.fields.slice(0, MAX_FIELDS) : []).map((field) => ({
        path: capText(String(field?.path), 1_000),
        message: capText(String(field?.message), 1_000),
      })),
      details: capValue(details, STORED_CAPS) as Record<string, unknown>,
      plugin: error.plugin == null ? null : capText(String(error.plugin), 200),
    },
    isBug: error.code === 'INTERNAL',
  };
}
