/**
 * The app's pages, addressed by the URL hash (`#/`, `#/login`, `#/d/<id>`, `#/d/<id>/edit`). Edit mode
 * lives in the URL so a reload, or a link sent to a colleague, lands in the same mode. A strategy link
 * may name a backtest run, whose report it shows (`#/strategies/<id>/runs/<runId>`; the older
 * `?run=<runId>` still opens it), or a deployment (`?deployment=<id>`), as alerts do.
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
  | { name: 'shared'; token: string }
  | { name: 'users' }
  | { name: 'api-keys' }
  | { name: 'audit' }
  | { name: 'plugins' }
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
  'users',
  'api-keys',
  'audit',
  'plugins',
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
  const isRunReport = segments.length === 4 && segments[2] === 'runs' && segments[3] !== '';
  if ((segments.length === 2 || isRunReport) && segments[0] === 'strategies' && segments[1] !== '') {
    const id = decode(segments[1]!);
    const reportRun = isRunReport ? decode(segments[3]!) : undefined;
    if (id !== undefined && (!isRunReport || reportRun !== undefined)) {
      const query = new URLSearchParams(queryPart);
      const run = reportRun ?? query.get('run');
      const deployment = query.get('deployment');
      return { name: 'strategy', id, ...(run ? { run } : {}), ...(deployment ? { deployment } : {}) };
    }
  }
  if (path === '/portfolios') return { name: 'portfolios' };
  if (path === '/data-sources') return { name: 'data-sources' };
  if (path === '/files') return { name: 'files' };
  if (path === '/admin/users') return { name: 'users' };
  if (path === '/admin/api-keys') return { name: 'api-keys' };
  if (path === '/admin/audit') return { name: 'audit' };
  if (path === '/plugins') return { name: 'plugins' };
  // A share link (`#/s/<token>`) opens without logging in.
  if (segments.length === 2 && segments[0] === 's' && segments[1] !== '') {
    const token = decode(segments[1]!);
    if (token !== undefined) return { name: 'shared', token };
  }
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
      if (route.deployment) query.set('deployment', route.deployment);
      const search = query.toString();
      const report = route.run ? `/runs/${encodeURIComponent(route.run)}` : '';
      return `#/strategies/${encodeURIComponent(route.id)}${report}${search ? `?${search}` : ''}`;
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
    case 'shared':
      return `#/s/${encodeURIComponent(route.token)}`;
    case 'users':
      return '#/admin/users';
    case 'api-keys':
      return '#/admin/api-keys';
    case 'audit':
      return '#/admin/audit';
    case 'plugins':
      return '#/plugins';
    case 'not-found':
      return `#${route.path}`;
  }
}

/** The path part of a route's hash, used as the `next` target after login. */
export function routePath(route: Route): string {
  return routeHash(route).slice(1);
}
