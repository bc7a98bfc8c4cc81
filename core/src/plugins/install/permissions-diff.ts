import type { PluginManifest } from '@nautilus/sdk';

/** What a version asks for that the installed one did not; empty lists when nothing is new. */
export interface AddedPermissions {
  network: string[];
  secrets: string[];
  /** Other plugins' data sources it may query through `ctx.data` (their data, and the provider keys behind them). */
  dataSources: string[];
  /** Permission kinds (`network`, `secrets`, …) the installed version did not use at all. */
  kinds: string[];
}

/** Permission kinds: every list in `permissions` that grants something (rate limits only restrict). */
function grantingKinds(permissions: PluginManifest['permissions']): string[] {
  return Object.entries(permissions)
    .filter(([kind, value]) => kind !== 'rateLimits' && Array.isArray(value) && value.length > 0)
    .map(([kind]) => kind)
    .sort();
}

/**
 * The permissions `next` adds over `installed` (everything, for a first install). An update with any
 * of these must be approved again; one without them may replace the installed version directly.
 */
export function addedPermissions(installed: PluginManifest | undefined, next: PluginManifest): AddedPermissions {
  const before = installed?.permissions ?? { network: [], secrets: [] };
  const kindsBefore = new Set(grantingKinds(before));
  return {
    network: next.permissions.network.filter((host) => !before.network.includes(host)),
    secrets: next.permissions.secrets.filter((name) => !before.secrets.includes(name)),
    dataSources: (next.permissions.dataSources ?? []).filter((source) => !(before.dataSources ?? []).includes(source)),
    kinds: grantingKinds(next.permissions).filter((kind) => !kindsBefore.has(kind)),
  };
}

export function addsPermissions(added: AddedPermissions): boolean {
  return added.network.length > 0 || added.secrets.length > 0 || added.dataSources.length > 0 || added.kinds.length > 0;
}
