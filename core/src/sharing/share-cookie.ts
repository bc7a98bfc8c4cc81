import type { Kysely } from 'kysely';
import type { Tables } from '../db/tables.ts';
import { openShareLink } from './share-links.ts';

/**
 * The cookie that lets a share link's holder load the widget bundles of its dashboard. Widget code is
 * loaded with `import()`, which cannot send a header, so `sharing.open` sets this cookie, scoped to
 * `/plugins` (it reaches no API route) and living no longer than the link.
 */
export const SHARE_COOKIE = 'nautilus_share';

export function shareCookie(token: string, expiresAt: Date, secure: boolean): string {
  const seconds = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
  const parts = [`${SHARE_COOKIE}=${token}`, 'Path=/plugins', 'HttpOnly', 'SameSite=Strict', `Max-Age=${seconds}`];
  if (secure) parts.push('Secure');
  return parts.join('; ');
}

/** Whether the link `token` opens a dashboard with a panel drawn by a widget of `pluginId`. */
export async function shareLinkAllowsAsset(db: Kysely<Tables>, token: string, pluginId: string): Promise<boolean> {
  try {
    const { document } = await openShareLink(db, token);
    return document.panels.some((panel) => panel.type.split('/')[0] === pluginId);
  } catch {
    return false;
  }
}
