/**
 * The plugin id and asset path of a `/plugins/<id>/<path>` URL, each percent-decoded exactly once;
 * undefined when the URL's escapes are malformed (`%E0%A4%A`), which the caller answers with 400.
 * @example pluginAssetUrl('http://h/plugins/nautilus.widgets-core/chart%20a.js') // { pluginId: 'nautilus.widgets-core', path: 'chart a.js' }
 */
export function pluginAssetUrl(url: string): { pluginId: string; path: string } | undefined {
  const [, prefix, rawId = '', ...rest] = new URL(url).pathname.split('/');
  if (prefix !== 'plugins') return undefined;
  try {
    return { pluginId: decodeURIComponent(rawId), path: decodeURIComponent(rest.join('/')) };
  } catch {
    return undefined;
  }
}
