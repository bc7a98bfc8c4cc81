import { isNautilusError, type NautilusError } from '../errors.ts';

/** The NautilusError `promise` rejects with; throws when it resolves or rejects with anything else. */
export async function caughtError(promise: Promise<unknown>): Promise<NautilusError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a failure, but it succeeded');
    },
    (reason: unknown) => reason,
  );
  if (!isNautilusError(error)) throw error;
  return error;
}
