import { isNautilusError, NautilusError } from '@nautilus/sdk';
import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { createRequestContext, type Services } from '../api/context.ts';
import { httpStatusOf } from '../api/trpc.ts';
import { ROLES } from '../db/tables.ts';
import { bodyLimit } from '../http/body-limit.ts';
import { isSameOrigin } from '../http/same-origin.ts';
import { previewTable } from './read-table.ts';
import { importUpload } from './upload-store.ts';

/** Largest file taken: 1,000,000 rows of OHLCV as CSV are about 60 MB. */
export const MAX_UPLOAD_BYTES = 256 * 1024 * 1024;

function problem(c: Context, error: unknown) {
  const known = isNautilusError(error) ? error : new NautilusError('INTERNAL', 'The upload failed on the server; try again.');
  return c.json(
    { error: { code: known.code, message: known.message, fields: known.fields ?? [], details: known.details ?? {} } },
    httpStatusOf(known.code) as ContentfulStatusCode,
  );
}

/**
 * File uploads, beside /trpc because they carry raw bytes: `POST /uploads/preview` answers a file's
 * columns, first rows and row count; `POST /uploads?name=…&mapping={…}` checks every row and stores
 * the file in one transaction, or nothing, answering the problems by row and column. Editors and
 * admins only; same-origin only.
 */
export function mountUploadRoutes(app: Hono, services: Services, address: (c: Context) => string): void {
  const guard = async (c: Context) => {
    const origin = c.req.header('origin');
    if (origin !== undefined && !isSameOrigin(origin, c.req.url))
      throw new NautilusError('FORBIDDEN', 'Cross-origin uploads are not allowed');
    const context = await createRequestContext(services, c.req.raw, new Headers(), address(c));
    if (!context.user) throw new NautilusError('UNAUTHORIZED', 'Log in to upload files');
    if (ROLES.indexOf(context.user.role) < ROLES.indexOf('editor'))
      throw new NautilusError('FORBIDDEN', 'Only editors and admins upload files');
    return context.user;
  };
  const bytesOf = async (c: Context) => {
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (bytes.length === 0) throw NautilusError.validation('file', [{ path: 'file', message: 'is empty' }]);
    return bytes;
  };
  app.post('/uploads/preview', bodyLimit(MAX_UPLOAD_BYTES), async (c) => {
    try {
      await guard(c);
      return c.json(await previewTable(await bytesOf(c)));
    } catch (error) {
      return problem(c, error);
    }
  });
  app.post('/uploads', bodyLimit(MAX_UPLOAD_BYTES), async (c) => {
    try {
      const user = await guard(c);
      const name = (c.req.query('name') ?? '').trim();
      if (name === '' || name.length > 200)
        throw NautilusError.validation('upload', [{ path: 'name', message: 'a name of 1 to 200 characters' }]);
      let mapping: unknown;
      try {
        mapping = JSON.parse(c.req.query('mapping') ?? '');
      } catch {
        throw NautilusError.validation('upload', [{ path: 'mapping', message: 'a JSON object naming the columns' }]);
      }
      const summary = await importUpload(services.db, user.id, name, await bytesOf(c), mapping);
      services.logger.info({ upload: summary.id, rows: summary.rows, user: user.username }, 'file uploaded');
      return c.json(summary);
    } catch (error) {
      return problem(c, error);
    }
  });
}
