import { describe, expect, it } from 'vitest';
import { parseRoute, type Route, routeHash } from './route.ts';

describe('parseRoute', () => {
  it('treats an empty hash, `#` and `#/` as the dashboards list', () => {
    for (const hash of ['', '#', '#/', '#//']) expect(parseRoute(hash)).toEqual({ name: 'list' });
  });

  it('reads a dashboard id, decoding escapes and ignoring a trailing slash', () => {
    expect(parseRoute('#/d/42')).toEqual({ name: 'dashboard', id: '42' });
    expect(parseRoute('#/d/a%20b/')).toEqual({ name: 'dashboard', id: 'a b' });
  });

  it('reads edit mode from a trailing /edit', () => {
    expect(parseRoute('#/d/42/edit')).toEqual({ name: 'dashboard', id: '42', edit: true });
    expect(parseRoute('#/login?next=%2Fd%2F42%2Fedit')).toEqual({ name: 'login', next: '/d/42/edit' });
  });

  it('reports unknown and malformed paths as not found', () => {
    expect(parseRoute('#/d')).toEqual({ name: 'not-found', path: '/d' });
    expect(parseRoute('#/d/1/2')).toEqual({ name: 'not-found', path: '/d/1/2' });
    expect(parseRoute('#/d/1/edit/x')).toEqual({ name: 'not-found', path: '/d/1/edit/x' });
    expect(parseRoute('#/d/%E0%A4%A')).toEqual({ name: 'not-found', path: '/d/%E0%A4%A' });
    expect(parseRoute('#/settings')).toEqual({ name: 'not-found', path: '/settings' });
  });

  it('reads the strategies list and a strategy id', () => {
    expect(parseRoute('#/strategies')).toEqual({ name: 'strategies' });
    expect(parseRoute('#/strategies/')).toEqual({ name: 'strategies' });
    expect(parseRoute('#/strategies/abc')).toEqual({ name: 'strategy', id: 'abc' });
    expect(parseRoute('#/strategies/a/b')).toEqual({ name: 'not-found', path: '/strategies/a/b' });
  });

  it('reads a run or a deployment to show on a strategy page', () => {
    expect(parseRoute('#/strategies/abc/runs/r1')).toEqual({ name: 'strategy', id: 'abc', run: 'r1' });
    expect(parseRoute('#/strategies/abc?run=r1')).toEqual({ name: 'strategy', id: 'abc', run: 'r1' });
    expect(parseRoute('#/strategies/abc/runs/')).toEqual({ name: 'not-found', path: '/strategies/abc/runs' });
    expect(parseRoute('#/strategies/abc/trades/r1')).toEqual({ name: 'not-found', path: '/strategies/abc/trades/r1' });
    expect(parseRoute('#/strategies/abc?deployment=d1')).toEqual({ name: 'strategy', id: 'abc', deployment: 'd1' });
  });

  it('reads the portfolios list, a new portfolio and a portfolio id', () => {
    expect(parseRoute('#/portfolios')).toEqual({ name: 'portfolios' });
    expect(parseRoute('#/portfolios/new')).toEqual({ name: 'new-portfolio' });
    expect(parseRoute('#/portfolios/p-1')).toEqual({ name: 'portfolio', id: 'p-1' });
    expect(parseRoute('#/portfolios/p-1/x')).toEqual({ name: 'not-found', path: '/portfolios/p-1/x' });
  });

  it('keeps an in-app `next` target on the login route', () => {
    expect(parseRoute('#/login?next=%2Fd%2F42')).toEqual({ name: 'login', next: '/d/42' });
    expect(parseRoute('#/login?next=%2Fportfolios%2Fp-1')).toEqual({ name: 'login', next: '/portfolios/p-1' });
  });

  it('drops a `next` that would loop back to login, leave the app, or lead nowhere', () => {
    for (const next of ['/login', 'https://evil.example', '//evil.example', '/nowhere', '']) {
      expect(parseRoute(`#/login?next=${encodeURIComponent(next)}`)).toEqual({ name: 'login' });
    }
  });
});

describe('routeHash', () => {
  it("writes a run's report as a path of its own", () => {
    expect(routeHash({ name: 'strategy', id: 's1', run: 'r1' })).toBe('#/strategies/s1/runs/r1');
  });

  it('round-trips through parseRoute', () => {
    const routes: Route[] = [
      { name: 'list' },
      { name: 'login' },
      { name: 'login', next: '/d/7' },
      { name: 'dashboard', id: 'x/y?z#w' },
      { name: 'dashboard', id: 'edit', edit: true },
      { name: 'strategies' },
      { name: 'strategy', id: 'a/b' },
      { name: 'login', next: '/strategies/7' },
      { name: 'strategy', id: 's', run: 'r/1' },
      { name: 'strategy', id: 's', deployment: 'd&1' },
      { name: 'portfolios' },
      { name: 'new-portfolio' },
      { name: 'portfolio', id: 'a b' },
    ];
    for (const route of routes) expect(parseRoute(routeHash(route))).toEqual(route);
  });

  it('escapes characters that would end the path', () => {
    expect(routeHash({ name: 'dashboard', id: 'a/b' })).toBe('#/d/a%2Fb');
  });
});

describe('share links and admin pages', () => {
  it('reads a share token and the admin pages, and round-trips them', () => {
    expect(parseRoute('#/s/nsh_abc-DEF_1')).toEqual({ name: 'shared', token: 'nsh_abc-DEF_1' });
    expect(parseRoute('#/s/')).toEqual({ name: 'not-found', path: '/s' });
    expect(parseRoute('#/admin/users')).toEqual({ name: 'users' });
    expect(parseRoute('#/plugins')).toEqual({ name: 'plugins' });
    for (const route of [
      { name: 'shared', token: 'nsh_x/y' },
      { name: 'users' },
      { name: 'api-keys' },
      { name: 'audit' },
      { name: 'plugins' },
    ] as const)
      expect(parseRoute(routeHash(route))).toEqual(route);
  });

  it('never returns to a share link after login (it needs none)', () => {
    expect(parseRoute('#/login?next=%2Fs%2Fnsh_x')).toEqual({ name: 'login' });
    expect(parseRoute('#/login?next=%2Fadmin%2Faudit')).toEqual({ name: 'login', next: '/admin/audit' });
  });
});
