import type { PluginSource } from './discover-plugins.ts';

/** A plugin Nautilus does not ship: installed in `<dataDir>/plugins` or loaded from NAUTILUS_PLUGIN_DIRS. */
export function isThirdParty(source: PluginSource): boolean {
  return source === 'installed' || source === 'extra';
}

/** What the log and `nautilus plugins list` say of every third-party plugin, loaded or not. */
export function trustWarning(pluginId: string, source: PluginSource): string {
  const from = source === 'installed' ? '<dataDir>/plugins' : 'NAUTILUS_PLUGIN_DIRS';
  return (
    `Plugin ${pluginId} is not first-party (from ${from}): it runs in a process of its own, confined to its ` +
    `folder, the secrets it declares and ctx.fetch to the hosts it declares (the Plugins page and the README's ` +
    `Security section say what this machine enforces). Only install plugins you trust there.`
  );
}
