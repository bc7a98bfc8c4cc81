import type { PluginSource } from './discover-plugins.ts';

/** A plugin Nautilus does not ship: installed in `<dataDir>/plugins` or loaded from NAUTILUS_PLUGIN_DIRS. */
export function isThirdParty(source: PluginSource): boolean {
  return source === 'installed' || source === 'extra';
}

/** What the log and `nautilus plugins list` say of every third-party plugin, loaded or not. */
export function trustWarning(pluginId: string, source: PluginSource): string {
  const from = source === 'installed' ? '<dataDir>/plugins' : 'NAUTILUS_PLUGIN_DIRS';
  return (
    `Plugin ${pluginId} is not first-party (from ${from}): it runs inside the Nautilus server process with the ` +
    `server's rights, so it can read the server's files and data, start processes and reach any host. ` +
    `Only install plugins you trust there.`
  );
}
