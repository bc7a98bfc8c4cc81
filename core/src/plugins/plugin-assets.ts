import { existsSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import type { PluginManifest } from '@nautilus/sdk';

/**
 * The file behind `/plugins/<pluginId>/<path>`, if it lies in the folder of one of the plugin's
 * declared widget bundles (its chunks sit beside it); undefined otherwise, so no other file of a
 * plugin package is ever served.
 */
export function widgetAssetPath(dir: string, manifest: PluginManifest, path: string): string | undefined {
  const file = resolve(dir, path);
  const allowed = (manifest.contributes.widgets ?? []).some((widget) => {
    const folder = dirname(resolve(dir, widget.bundle));
    const inside = relative(folder, file);
    return inside !== '' && !inside.startsWith('..') && !inside.startsWith(sep);
  });
  return allowed && existsSync(file) ? file : undefined;
}
