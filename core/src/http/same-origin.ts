/**
 * Whether an Origin header names the host the request was sent to. A malformed one (`null`, an
 * opaque origin, garbage, `http://`) never does, so a write carrying it is refused, not a crash.
 */
export function isSameOrigin(origin: string, requestUrl: string): boolean {
  try {
    const from = new URL(origin);
    if (from.origin !== origin.trim() || (from.protocol !== 'http:' && from.protocol !== 'https:')) return false;
    return from.host === new URL(requestUrl).host;
  } catch {
    return false;
  }
}
