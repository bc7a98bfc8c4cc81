import { createHash } from 'node:crypto';
import type { FrameKind } from '@nautilus/sdk';
import { canonicalJson, type InstalledPlugin } from '@nautilus/templates';
import type { PluginStatus } from '../plugins/plugin-registry.ts';

/**
 * The plugins on this server as the templates code sees them, from the host's statuses (`host.list()`).
 * The digest is a SHA-256 of the manifest's id, version and contributions (canonical JSON), so a
 * template exported against one build of a plugin can tell another build with the same version.
 */
export function installedPlugins(statuses: readonly PluginStatus[]): InstalledPlugin[] {
  return statuses.map((status) => ({
    id: status.id,
    version: status.version,
    state: status.state,
    digest: status.version ? manifestDigest(status) : null,
    dataSources: (status.contributes?.dataSources ?? []).map((source) => ({
      id: source.id,
      name: source.name,
      frames: [...source.frames] as FrameKind[],
    })),
    widgets: (status.contributes?.widgets ?? []).map((widget) => widget.id),
  }));
}

/** `sha256:<hex>` of what the manifest declares that a dashboard depends on. */
export function manifestDigest(status: Pick<PluginStatus, 'id' | 'version' | 'contributes'>): string {
  const declared = canonicalJson({ id: status.id, version: status.version, contributes: status.contributes ?? {} });
  return `sha256:${createHash('sha256').update(declared).digest('hex')}`;
}
