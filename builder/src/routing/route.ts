/**
 * The app's pages, addressed by the URL hash (`#/`, `#/login`, `#/d/<id>`, `#/d/<id>/edit`). Edit mode
 * lives in the URL so a reload, or a link sent to a colleague, lands in the same mode. A strategy link
 * may name a backtest run or a deployment to show (`#/strategies/<id>?run=<runId>`), as alerts do.
 */
export type Route =
  | { name: 'list' }
  | { name: 'login'; next?: string }
  | { name: 'dashboard'; id: string; edit?: true }
  | { name: 'strategies' }
  | { name: 'strategy'; id: string; run?: string; deployment?: string }
  | { name: 'portfolios' }
  | { name: 'new-portfolio' }
  | { name: 'portfolio'; id: string }
  | { name: 'data-sources' }
  | { name: 'files' }
  | { name: 'not-found'; path: string };

const IN_APP: ReadonlySet<Route['name']> = new Set([
  'list',
  'dashboard',
  'strategies',
  'strategy',
  'portfolios',
  'new-portfolio',
  'portfolio',
  'data-sources',
  'files',
]);

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined; // malformed escape such as `%E0%A4%A`
  }
}

/**
 * Reads a route from `location.hash` (with or without the leading `#`).
 * @example parseRoute('#/d/42') // { name: 'dashboard', id: '42' }
 */
export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [pathPart = '', queryPart = ''] = raw.split('?', 2);
  const path = `/${pathPart.replace(/^\/+/, '')}`.replace(/\/+$/, '') || '/';
  const segments = path.split('/').slice(1);

  if (path === '/') return { name: 'list' };
  if (path === '/login') {
    const next = new URLSearchParams(queryPart).get('next') ?? '';
    // Only return to an in-app page, and never to the login page itself (that would loop).
    const target = next.startsWith('/') ? parseRoute(next).name : undefined;
    return target !== undefined && IN_APP.has(target) ? { name: 'login', next } : { name: 'login' };
  }
  if (path === '/strategies') return { name: 'strategies' };
  if (segments.length === 2 && segments[0] === 'strategies' && segments[1] !== '') {
    const id = decode(segments[1]!);
    if (id !== undefined) {
      const query = new URLSearchParams(queryPart);
      const run = query.get('run');
      const deployment = query.get('deployment');
      return { name: 'strategy', id, ...(run ? { run } : {}), ...(deployment ? { deployment } : {}) };
    }
  }
  if (path === '/portfolios') return { name: 'portfolios' };
  if (path === '/data-sources') return { name: 'data-sources' };
  if (path === '/files') return { name: 'files' };
  if (path === '/portfolios/new') return { name: 'new-portfolio' };
  if (segments.length === 2 && segments[0] === 'portfolios' && segments[1] !== '') {
    const id = decode(segments[1]!);
    if (id !== undefined) return { name: 'portfolio', id };
  }
  const isEdit = segments.length === 3 && segments[2] === 'edit';
  if ((segments.length === 2 || isEdit) && segments[0] === 'd' && segments[1] !== '') {
    const id = decode(segments[1]!);
    if (id !== undefined) return isEdit ? { name: 'dashboard', id, edit: true } : { name: 'dashboard', id };
  }
  return { name: 'not-found', path };
}

/**
 * The hash that leads to a route; `parseRoute(routeHash(r))` gives `r` back.
 * @example routeHash({ name: 'login', next: '/d/42' }) // '#/login?next=%2Fd%2F42'
 */
export function routeHash(route: Route): string {
  switch (route.name) {
    case 'list':
      return '#/';
    case 'login':
      return route.next ? `#/login?${new URLSearchParams({ next: route.next })}` : '#/login';
    case 'dashboard':
      return `#/d/${encodeURIComponent(route.id)}${route.edit ? '/edit' : ''}`;
    case 'strategies':
      return '#/strategies';
    case 'strategy': {
      const query = new URLSearchParams();
      if (route.run) query.set('run', route.run);
      if (route.deployment) query.set('deployment', route.deployment);
      const search = query.toString();
      return `#/strategies/${encodeURIComponent(route.id)}${search ? `?${search}` : ''}`;
    }
    case 'portfolios':
      return '#/portfolios';
    case 'new-portfolio':
      return '#/portfolios/new';
    case 'portfolio':
      return `#/portfolios/${encodeURIComponent(route.id)}`;
    case 'data-sources':
      return '#/data-sources';
    case 'files':
      return '#/files';
    case 'not-found':
      return `#${route.path}`;
  }
}

/** The path part of a route's hash, used as the `next` target after login. */
export function routePath(route: Route): string {
  return routeHash(route).slice(1);
}
