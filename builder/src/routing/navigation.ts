import { useSyncExternalStore } from 'react';
import { parseRoute, type Route, routeHash } from './route.ts';

/**
 * Asked before the app follows a hash change; returning false keeps the current page (the guard then
 * asks the user, and calls `navigate(next, { force: true })` if they agree to leave).
 */
export type NavigationGuard = (next: Route) => boolean;

// The hash the app is showing. It lags `location.hash` only while a guard refuses a change, which
// is then reverted, so React never renders the page the user did not (yet) agree to go to.
let shownHash = typeof window === 'undefined' ? '' : window.location.hash;
let guard: NavigationGuard | undefined;
// A hash the user already agreed to go to: the guard is not asked again for it.
let allowedHash: string | undefined;
const listeners = new Set<() => void>();

function onHashChange(): void {
  const next = window.location.hash;
  if (next === shownHash) return;
  const allowed = next === allowedHash;
  allowedHash = undefined;
  if (guard && !allowed && !guard(parseRoute(next))) {
    // Put the address back without a new history entry or another hashchange event.
    window.history.replaceState(window.history.state, '', shownHash || window.location.pathname);
    return;
  }
  shownHash = next;
  for (const listener of listeners) listener();
}

function subscribe(onChange: () => void): () => void {
  if (listeners.size === 0) {
    shownHash = window.location.hash;
    window.addEventListener('hashchange', onHashChange);
  }
  listeners.add(onChange);
  return () => {
    listeners.delete(onChange);
    if (listeners.size === 0) window.removeEventListener('hashchange', onHashChange);
  };
}

const currentHash = () => shownHash;

/** The current route; re-renders when the hash changes (links, back/forward, `navigate`). */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, currentHash);
  return parseRoute(hash);
}

/**
 * Installs the one guard consulted before leaving the current route (unsaved changes); returns a
 * function that removes it.
 */
export function setNavigationGuard(next: NavigationGuard): () => void {
  guard = next;
  return () => {
    if (guard === next) guard = undefined;
  };
}

/**
 * Goes to a route; `replace` swaps the current history entry instead of adding one (redirects);
 * `force` skips the navigation guard (the user already agreed to leave).
 */
export function navigate(route: Route, options: { replace?: boolean; force?: boolean } = {}): void {
  const hash = routeHash(route);
  if (hash === window.location.hash) return;
  if (options.force) allowedHash = hash;
  // Both forms fire `hashchange`, which is what `useRoute` listens to.
  if (options.replace) window.location.replace(hash);
  else window.location.hash = hash;
}

/**
 * Swaps the address for `hash` on the route already shown (a dashboard's view state in its query)
 * without a history entry or a hashchange: changing the range or a variable never spams history.
 */
export function replaceHash(hash: string): void {
  if (hash === window.location.hash) return;
  window.history.replaceState(window.history.state, '', hash);
  shownHash = hash;
}
