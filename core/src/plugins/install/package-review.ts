import type { PluginManifest } from '@nautilus/sdk';
import type { PackageOrigin, StoredVersion } from './install-store.ts';
import type { SignatureStatus } from './package-signature.ts';
import { type AddedPermissions, addedPermissions, addsPermissions } from './permissions-diff.ts';

/** Each contribution kind a manifest declares, by id and name (schemas left out). */
export type ContributionSummary = Partial<Record<keyof PluginManifest['contributes'], { id: string; name: string }[]>>;

/** What an admin reviews before approving a staged version: everything it declares, and what is new. */
export interface PackageReview {
  pluginId: string;
  version: string;
  packageName: string;
  name: string;
  description: string;
  engine: string;
  origin: PackageOrigin;
  integrity: string;
  sizeBytes: number;
  signature: SignatureStatus;
  permissions: PluginManifest['permissions'];
  contributes: ContributionSummary;
  /** The version installed now, if any. */
  installedVersion: string | null;
  /** What it asks for that the installed version does not (all of it, for a first install). */
  added: AddedPermissions;
  /** A first install, or an update that asks for more: an admin must approve it before it loads. */
  needsApproval: boolean;
  approved: boolean;
  /** Why approving it would be refused now (only signed plugins are accepted), or null. */
  refusal: string | null;
  stagedAt: Date;
}

export function summarizeContributions(contributes: PluginManifest['contributes']): ContributionSummary {
  const summary: ContributionSummary = {};
  for (const [kind, items] of Object.entries(contributes) as [
    keyof PluginManifest['contributes'],
    { id: string; name: string }[],
  ][]) {
    if (items?.length) summary[kind] = items.map((item) => ({ id: item.id, name: item.name }));
  }
  return summary;
}

/** The review of a stored version against the installed one's manifest. */
export function reviewOf(
  version: StoredVersion,
  installed: StoredVersion | undefined,
  signature: SignatureStatus,
  refusal: string | null,
): PackageReview {
  const added = addedPermissions(installed?.manifest, version.manifest);
  return {
    pluginId: version.pluginId,
    version: version.version,
    packageName: version.packageName,
    name: version.manifest.name,
    description: version.manifest.description,
    engine: version.manifest.engine,
    origin: version.origin,
    integrity: version.integrity,
    sizeBytes: version.sizeBytes,
    signature,
    permissions: version.manifest.permissions,
    contributes: summarizeContributions(version.manifest.contributes),
    installedVersion: installed?.version ?? null,
    added,
    needsApproval: !installed || addsPermissions(added),
    approved: version.approvedAt !== null,
    refusal,
    stagedAt: version.stagedAt,
  };
}
