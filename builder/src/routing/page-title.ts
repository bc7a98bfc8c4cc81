import type { Route } from './route.ts';

/** The product name every tab title ends with. */
export const APP_NAME = 'Nautilus';

/**
 * What a route's page is called, as the header and the tab say it.
 * @example sectionTitle({ name: 'audit' }) // 'Audit log'
 */
export function sectionTitle(route: Route): string {
  switch (route.name) {
    case 'list':
      return 'Dashboards';
    case 'dashboard':
      return route.edit ? 'Editing dashboard' : 'Dashboard';
    case 'login':
      return 'Log in';
    case 'strategies':
    case 'strategy':
      return 'Strategy Lab';
    case 'portfolios':
      return 'Portfolios';
    case 'new-portfolio':
      return 'New portfolio';
    case 'portfolio':
      return 'Portfolio';
    case 'data-sources':
      return 'Data sources';
    case 'files':
      return 'Files';
    case 'plugins':
      return 'Plugins';
    case 'users':
      return 'Users';
    case 'api-keys':
      return 'API keys';
    case 'audit':
      return 'Audit log';
    case 'shared':
      return 'Shared dashboard';
    case 'not-found':
      return 'No such page';
  }
}

/**
 * The browser tab's title: the open object's name first (what tells tabs apart), then the page, then
 * the product.
 * @example pageTitle({ name: 'portfolio', id: 'p' }, 'Core holdings') // 'Core holdings · Portfolio · Nautilus'
 */
export function pageTitle(route: Route, name?: string): string {
  const parts = [name?.trim(), sectionTitle(route), APP_NAME].filter((part): part is string => Boolean(part));
  return parts.join(' · ');
}

/** Reads the display name from a cached record: a dashboard's document title, or a portfolio's or strategy's name. */
export function recordName(record: unknown): string | undefined {
  if (typeof record !== 'object' || record === null) return undefined;
  const { document, name } = record as { document?: { title?: unknown }; name?: unknown };
  if (typeof document?.title === 'string') return document.title;
  return typeof name === 'string' ? name : undefined;
}
