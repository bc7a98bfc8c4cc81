import { existsSync, readFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { type Context, Hono } from 'hono';
import { compress } from 'hono/compress';
import { getCookie } from 'hono/cookie';
import { secureHeaders } from 'hono/secure-headers';
import { createRequestContext, SESSION_COOKIE, type Services } from '../api/context.ts';
import { loginBatchRefusal, refuseUnbatchable } from '../api/login-batch.ts';
import { mountDocsPage } from '../api/rest/docs-page.ts';
import { mountRestRoutes } from '../api/rest/rest-routes.ts';
import { appRouter } from '../api/router.ts';
import { mountPluginPackageRoute } from '../plugins/install/package-upload-route.ts';
import { SHARE_COOKIE, shareLinkAllowsAsset } from '../sharing/share-cookie.ts';
import { mountUploadRoutes } from '../uploads/upload-routes.ts';
import { hostCheck } from './allowed-hosts.ts';
import { bodyLimit } from './body-limit.ts';
import { ASSET_TYPES, revalidatedHtml, serveBuilderAsset } from './builder-assets.ts';
import { clientAddress, trustedProxyList } from './client-address.ts';
import { httpMetrics } from './http-metrics.ts';
import { pluginAssetUrl } from './plugin-asset-url.ts';
import { requestIdMiddleware } from './request-id.ts';
import { isSameOrigin } from './same-origin.ts';

/** Largest API request body: a dashboard document is at most 1 MB, with room for the envelope. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;

/** The HTTP surface: /healthz, /metrics, /trpc, and the builder app at /. */
export function createApp(services: Services): Hono {
  const app = new Hono();
  // First: every answer, refusals by the checks below included, is counted, timed and carries a request id.
  app.use('*', httpMetrics(services.metrics));
  app.use('*', requestIdMiddleware());
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // antd writes its styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        workerSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
    }),
  );
  app.use('*', hostCheck(services.config.allowedHosts));
  const trustedProxies = trustedProxyList(services.config.trustedProxies);

  app.get('/healthz', async (c) => {
    try {
      await services.db.selectFrom('users').select('id').limit(1).execute();
      return c.json({ status: 'ok' });
    } catch {
      return c.json({ status: 'error', reason: 'database unreachable' }, 503);
    }
  });

  app.get('/metrics', async (c) => {
    const context = await createRequestContext(services, c.req.raw, new Headers());
    if (!context.user) return c.text('Send an API key as "Authorization: Bearer <key>" to read metrics.\n', 401);
    return c.text(await services.metrics.registry.metrics(), 200, { 'content-type': services.metrics.registry.contentType });
  });

  // Files have a limit of their own; every other route's body is held to MAX_BODY_BYTES below.
  mountUploadRoutes(app, services, (c) => clientAddress(c.env, c.req.raw.headers, trustedProxies));
  mountPluginPackageRoute(app, services, (c) => clientAddress(c.env, c.req.raw.headers, trustedProxies));

  // Every route: only /trpc reads bodies, but an oversized one anywhere gets a 413 the client can read.
  app.use('*', bodyLimit(MAX_BODY_BYTES));
  app.all('/trpc/*', async (c) => {
    // Cookies are SameSite=Strict; a cross-origin write is refused outright as well.
    const origin = c.req.header('origin');
    if (c.req.method === 'POST' && origin !== undefined && !isSameOrigin(origin, c.req.url)) {
      return c.json({ error: 'Cross-origin requests are not allowed' }, 403);
    }
    const batchRefusal = loginBatchRefusal(c.req.url);
    if (batchRefusal) return batchRefusal;
    return fetchRequestHandler({
      endpoint: '/trpc',
      req: c.req.raw,
      router: appRouter,
      createContext: ({ resHeaders, info }) => {
        refuseUnbatchable(info);
        return createRequestContext(services, c.req.raw, resHeaders, clientAddress(c.env, c.req.raw.headers, trustedProxies));
      },
    });
  });

  // The same procedures as plain HTTP + JSON at /api/v1, their OpenAPI document, and its interactive docs at /docs.
  mountRestRoutes(app, services, (c) => clientAddress(c.env, c.req.raw.headers, trustedProxies));
  mountDocsPage(app);

  // The live endpoint is a WebSocket (core/src/live/live-gateway.ts answers the upgrade); a plain GET is told so.
  app.get('/live', (c) =>
    c.text("GET /live is a WebSocket endpoint: connect with a WebSocket client (see the README's Live streaming).\n", 426, {
      upgrade: 'websocket',
    }),
  );

  // Code and styles are compressed; API answers are not (on loopback gzip costs more than it saves).
  // The app's own files come precompressed from its build; compress() covers anything without a sibling.
  app.use('/assets/*', compress());
  app.use('/plugins/*', compress());

  // Widget bundles of active plugins, for logged-in users, and for a share link's holder those its dashboard draws with.
  app.get('/plugins/:pluginId/*', async (c) => {
    const context = await createRequestContext(services, c.req.raw, new Headers());
    const asset = pluginAssetUrl(c.req.url);
    const shareToken = getCookie(c, SHARE_COOKIE);
    const shared =
      !context.user && asset && shareToken ? await shareLinkAllowsAsset(services.db, shareToken, asset.pluginId) : false;
    if (!context.user && !shared) return c.text('Log in to load plugin assets.\n', 401);
    if (!asset) return c.text('Malformed %-escape in the plugin asset path; encode it with encodeURIComponent.\n', 400);
    const { pluginId, path } = asset;
    const file = services.plugins.assetPath(pluginId, path);
    if (!file) return c.text(`No asset ${path} in plugin ${pluginId}.\n`, 404);
    const type = ASSET_TYPES[extname(file)] ?? 'application/octet-stream';
    return c.body(readFileSync(file), 200, { 'content-type': type, 'cache-control': 'private, max-age=3600' });
  });

  const { builderDir } = services.config;
  const indexFile = join(builderDir, 'index.html');
  const servePage = (c: Context) => {
    if (!existsSync(indexFile)) {
      return c.text(`The builder app is not built (no ${indexFile}). Start Nautilus with "npm start", which builds it.\n`, 503);
    }
    const html = readFileSync(indexFile, 'utf8');
    // A signed-in user's page names the widget bundles up front, so the browser fetches them beside
    // the app's own code instead of after the app has asked the server which widgets exist.
    // The page differs with and without a session, and with the active plugins: its ETag covers the latter.
    const vary = { vary: 'Cookie' };
    if (!getCookie(c, SESSION_COOKIE)) return revalidatedHtml(c, html, vary);
    return revalidatedHtml(c, html.replace('</head>', `${widgetPreloads(services)}</head>`), vary);
  };
  app.get('/', servePage);
  app.get('/index.html', servePage);
  app.get('/assets/*', serveBuilderAsset(builderDir));
  app.use('/*', serveStatic({ root: relative(process.cwd(), builderDir) || '.' }));
  // Single-page app: unknown paths get the app, which routes them.
  app.get('*', servePage);
  return app;
}

/** `<link rel="modulepreload">` for each active plugin's widget bundle. */
function widgetPreloads(services: Services): string {
  const urls = new Set(services.plugins.widgets().map((widget) => widget.bundleUrl));
  return [...urls].map((url) => `<link rel="modulepreload" href="${escapeAttribute(url)}">`).join('');
}

function escapeAttribute(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');
}
