import type { FieldIssue } from '../errors.ts';
import { pluginManifestSchema } from '../manifest-schema.ts';
import type { PluginManifest } from '../plugin.ts';
import { schemaIssues } from './schema-issues.ts';

// semver.org's own expression for a version; a range is checked for its characters only (the host
// parses it with a semver library).
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
const RANGE = /^[\sv0-9xX*.^~<>=|+a-zA-Z-]+$/;

/**
 * What is wrong with a manifest, by field (`manifest.contributes.dataSources[0].id: …`): the sdk's
 * manifest JSON Schema, the version, the engine range's characters, unique local ids, rate limits on
 * declared hosts. The host checks the same when it loads the plugin, with a full semver parser.
 */
export function manifestIssues(manifest: unknown): FieldIssue[] {
  const issues = schemaIssues(pluginManifestSchema, manifest, 'manifest');
  if (issues.length > 0) return issues;
  const valid = manifest as PluginManifest;
  if (!SEMVER.test(valid.version))
    issues.push({ path: 'manifest.version', message: `'${valid.version}' is not a semver version` });
  if (!RANGE.test(valid.engine)) issues.push({ path: 'manifest.engine', message: `'${valid.engine}' is not a semver range` });
  (valid.permissions.rateLimits ?? []).forEach((rule, index) => {
    if (!valid.permissions.network.includes(rule.host))
      issues.push({
        path: `manifest.permissions.rateLimits[${index}].host`,
        message: `'${rule.host}' is not in permissions.network; a limit applies to a declared host, written the same way`,
      });
  });
  for (const [kind, items] of Object.entries(valid.contributes)) {
    const ids = new Set<string>();
    (items as { id: string }[]).forEach((item, index) => {
      if (ids.has(item.id))
        issues.push({ path: `manifest.contributes.${kind}[${index}].id`, message: `duplicate id '${item.id}'` });
      ids.add(item.id);
    });
  }
  return issues;
}
