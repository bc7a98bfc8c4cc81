import { useSyncExternalStore } from 'react';
import { parseRoute, type Route, routeHash } from './route.ts';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const currentHash = () => window.location.hash;

/** The current route; re-renders when the hash changes (links, back/forward, `navigate`). */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, currentHash);
  return parseRoute(hash);
}

/** Goes to a route; `replace` swaps the current history entry instead of adding one (redirects). */
export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  const hash = routeHash(route);
  if (hash === window.location.hash) return;
  // Both forms fire `hashchange`, which is what `useRoute` listens to.
  if (options.replace) window.location.replace(hash);
  else window.location.hash = hash;
}
