/**
 * The plugin id of a contribution reference `<pluginId>/<id>` (a panel type or a query's data source).
 * @example pluginOf('nautilus.sim-market/bars') // 'nautilus.sim-market'
 */
export function pluginOf(ref: string): string {
  const slash = ref.lastIndexOf('/');
  return slash < 0 ? ref : ref.slice(0, slash);
}

/**
 * The contribution id of a reference, after its plugin id.
 * @example localIdOf('nautilus.sim-market/bars') // 'bars'
 */
export function localIdOf(ref: string): string {
  return ref.slice(ref.lastIndexOf('/') + 1);
}
