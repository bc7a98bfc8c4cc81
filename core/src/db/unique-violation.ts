import { NautilusError } from '@nautilus/sdk';

/**
 * A PostgreSQL unique violation (SQLSTATE 23505, PGlite and node-postgres alike) as a CONFLICT: the
 * net under every check-then-insert that two callers can race through (two admins adding the same
 * name at once). The services check first and name the field; this keeps the loser of a race from
 * getting an INTERNAL error.
 */
export function uniqueViolationAsConflict(error: unknown): NautilusError | undefined {
  if (typeof error !== 'object' || error === null || (error as { code?: unknown }).code !== '23505') return undefined;
  const constraint = (error as { constraint?: unknown }).constraint;
  return new NautilusError('CONFLICT', 'Someone saved the same thing at the same moment; reload and try again', {
    details: typeof constraint === 'string' ? { constraint } : {},
  });
}
