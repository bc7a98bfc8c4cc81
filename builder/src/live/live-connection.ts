import { LiveClient } from './live-client.ts';

let client: LiveClient | undefined;

/** The `/live` endpoint on this page's origin (the session cookie goes with it). */
export function liveUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/live`;
}

/**
 * The tab's one live connection, created on first use. It is opened by the first subscription, so a
 * page without live panels (or a share link's view, which subscribes to nothing) opens none.
 */
export function liveClient(): LiveClient {
  client ??= new LiveClient({ url: () => liveUrl(window.location) });
  // Browser tests reach the connection to cut it (see e2e/live.spec.ts); nothing in the app reads this.
  (window as { __nautilusLive?: LiveClient }).__nautilusLive = client;
  return client;
}
