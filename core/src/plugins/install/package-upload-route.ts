import { isNautilusError, NautilusError } from '@nautilus/sdk';
import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { createRequestContext, type Services } from '../../api/context.ts';
import { httpStatusOf } from '../../api/trpc.ts';
import { bodyLimit } from '../../http/body-limit.ts';
import { isSameOrigin } from '../../http/same-origin.ts';
import { PACKAGE_LIMITS } from './extract-package.ts';

function problem(c: Context, error: unknown) {
  const known = isNautilusError(error)
    ? error
    : new NautilusError('INTERNAL', 'Staging the package failed on the server; try again.');
  return c.json(
    { error: { code: known.code, message: known.message, fields: known.fields ?? [], details: known.details ?? {} } },
    httpStatusOf(known.code) as ContentfulStatusCode,
  );
}

/**
 * `POST /plugin-packages?fileName=…&integrity=…` with a package tarball (what `npm pack` writes) as
 * the body: stages it and answers its review (manifest, integrity, signature, what it adds). Admins
 * only, same-origin only, at most PACKAGE_LIMITS.maxPackedBytes. Nothing is loaded until approved.
 */
export function mountPluginPackageRoute(app: Hono, services: Services, address: (c: Context) => string): void {
  app.post('/plugin-packages', bodyLimit(PACKAGE_LIMITS.maxPackedBytes), async (c) => {
    try {
      const origin = c.req.header('origin');
      if (origin !== undefined && !isSameOrigin(origin, c.req.url))
        throw new NautilusError('FORBIDDEN', 'Cross-origin uploads are not allowed');
      const context = await createRequestContext(services, c.req.raw, new Headers(), address(c));
      if (!context.user) throw new NautilusError('UNAUTHORIZED', 'Log in as an admin to install plugins');
      if (context.user.role !== 'admin') throw new NautilusError('FORBIDDEN', 'Only admins install plugins');
      const fileName = (c.req.query('fileName') ?? '').slice(0, 200) || undefined;
      const integrity = c.req.query('integrity') || undefined;
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      if (bytes.length === 0) throw NautilusError.validation('package', [{ path: 'file', message: 'is empty' }]);
      const review = await services.pluginInstalls.stage(
        bytes,
        { kind: 'upload', fileName },
        {
          expected: integrity,
          userId: context.user.id,
          where: fileName ? `the uploaded ${fileName}` : 'the uploaded package',
        },
      );
      services.logger.info(
        { plugin: review.pluginId, version: review.version, user: context.user.username },
        'plugin package staged',
      );
      return c.json(review);
    } catch (error) {
      return problem(c, error);
    }
  });
}
