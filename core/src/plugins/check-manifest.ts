import { type FieldIssue, NautilusError, type PluginManifest, pluginManifestSchema } from '@nautilus/sdk';
import semver from 'semver';
import { compileSchema, schemaIssues } from '../validation/json-schema-validator.ts';

/**
 * Validates a plugin's manifest: its JSON Schema, semver fields, that each contributed schema is a
 * valid JSON Schema and that local ids are unique; then that this core satisfies its `engine` range.
 * Throws PLUGIN_INVALID or PLUGIN_INCOMPATIBLE naming the field.
 */
export function checkManifest(manifest: unknown, coreVersion: string, where: string): PluginManifest {
  const issues = schemaIssues(pluginManifestSchema, manifest, 'manifest');
  if (issues.length === 0) issues.push(...semanticIssues(manifest as PluginManifest));
  if (issues.length) {
    const list = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
    throw new NautilusError('PLUGIN_INVALID', `Plugin at ${where} has an invalid manifest: ${list}`, { fields: issues });
  }
  const valid = manifest as PluginManifest;
  if (!semver.satisfies(coreVersion, valid.engine, { includePrerelease: true })) {
    throw new NautilusError(
      'PLUGIN_INCOMPATIBLE',
      `Plugin ${valid.id} requires Nautilus core ${valid.engine} (manifest.engine); this core is ${coreVersion}. Install a version of the plugin built for this core.`,
      { plugin: valid.id, fields: [{ path: 'manifest.engine', message: `${valid.engine} excludes ${coreVersion}` }] },
    );
  }
  return valid;
}

function semanticIssues(manifest: PluginManifest): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!semver.valid(manifest.version))
    issues.push({ path: 'manifest.version', message: `'${manifest.version}' is not a semver version` });
  if (!semver.validRange(manifest.engine))
    issues.push({ path: 'manifest.engine', message: `'${manifest.engine}' is not a semver range` });
  (manifest.permissions.rateLimits ?? []).forEach((rule, index) => {
    if (!manifest.permissions.network.includes(rule.host))
      issues.push({
        path: `manifest.permissions.rateLimits[${index}].host`,
        message: `'${rule.host}' is not in permissions.network; a limit applies to a declared host, written the same way`,
      });
  });
  (manifest.contributes.dataSources ?? []).forEach((source, index) => {
    const at = `manifest.contributes.dataSources[${index}]`;
    const properties = (source.querySchema as { properties?: Record<string, unknown> }).properties ?? {};
    if (source.instrumentSearch && !Object.hasOwn(properties, source.instrumentSearch.param)) {
      issues.push({
        path: `${at}.instrumentSearch.param`,
        message: `'${source.instrumentSearch.param}' is not a property of the querySchema`,
      });
    }
    if (source.connectionTest) {
      try {
        for (const issue of schemaIssues(source.querySchema, source.connectionTest.params, `${at}.connectionTest.params`))
          issues.push(issue);
      } catch {
        // An invalid querySchema is reported below.
      }
    }
  });
  const kinds = ['dataSources', 'widgets', 'riskModels', 'stressTests', 'computeKernels'] as const;
  for (const kind of kinds) {
    const ids = new Set<string>();
    (manifest.contributes[kind] ?? []).forEach((item, index) => {
      if (ids.has(item.id))
        issues.push({ path: `manifest.contributes.${kind}[${index}].id`, message: `duplicate id '${item.id}'` });
      ids.add(item.id);
      const schemaField = 'querySchema' in item ? 'querySchema' : 'optionsSchema' in item ? 'optionsSchema' : undefined;
      if (schemaField) {
        try {
          compileSchema((item as unknown as Record<string, object>)[schemaField] as object);
        } catch (error) {
          issues.push({
            path: `manifest.contributes.${kind}[${index}].${schemaField}`,
            message: `is not a valid JSON Schema: ${(error as Error).message}`,
          });
        }
      }
    });
  }
  return issues;
}
