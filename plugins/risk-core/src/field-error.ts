import { NautilusError } from '@nautilus/sdk';

/**
 * A VALIDATION error about one field of a risk request, naming the field and the value.
 * @example throw fieldError('prices.SIM:AAPL.close[12]', 'must be a positive finite number, got -3')
 */
export function fieldError(path: string, message: string): NautilusError {
  return NautilusError.validation('risk request', [{ path, message }]);
}

/** Shows a value in an error message the way a user typed it (strings quoted, the rest as JSON). */
export function shown(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (value === undefined) return 'nothing';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
