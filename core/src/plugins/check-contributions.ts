import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { CONTRIBUTION_KINDS, type FieldIssue, NautilusError, type PluginManifest } from '@nautilus/sdk';

/** A declared widget bundle must exist: a plugin that ships widgets ships them built. */
export function checkWidgetBundles(manifest: PluginManifest, dir: string): void {
  const fields: FieldIssue[] = [];
  (manifest.contributes.widgets ?? []).forEach((widget, index) => {
    if (!existsSync(resolve(dir, widget.bundle))) {
      fields.push({
        path: `manifest.contributes.widgets[${index}].bundle`,
        message: `${widget.bundle} does not exist in ${dir}; build the plugin`,
      });
    }
  });
  if (fields.length) {
    const list = fields.map((field) => `${field.path}: ${field.message}`).join('; ');
    throw new NautilusError('PLUGIN_INVALID', `Plugin ${manifest.id} is missing files: ${list}`, { fields, plugin: manifest.id });
  }
}

/** Setup must implement exactly what the manifest declares. */
export function checkContributions(manifest: PluginManifest, contributions: unknown): void {
  const fields: FieldIssue[] = [];
  const given = (contributions ?? {}) as Record<string, Record<string, unknown> | undefined>;
  for (const [kind, { required: method }] of Object.entries(CONTRIBUTION_KINDS)) {
    const declared = (manifest.contributes[kind as keyof PluginManifest['contributes']] ?? []).map((item) => item.id);
    const implemented = given[kind] ?? {};
    for (const id of declared) {
      const implementation = implemented[id] as Record<string, unknown> | undefined;
      if (typeof implementation?.[method] !== 'function')
        fields.push({ path: `setup().${kind}.${id}`, message: `must implement ${method}()` });
    }
    for (const id of Object.keys(implemented)) {
      if (!declared.includes(id))
        fields.push({ path: `setup().${kind}.${id}`, message: 'is not declared in manifest.contributes' });
    }
  }
  for (const descriptor of manifest.contributes.dataSources ?? []) {
    const implementation = given.dataSources?.[descriptor.id] as Record<string, unknown> | undefined;
    if (descriptor.streaming && implementation && typeof implementation.stream !== 'function')
      fields.push({ path: `setup().dataSources.${descriptor.id}`, message: 'must implement stream() (streaming is true)' });
  }
  if (fields.length) {
    const list = fields.map((field) => `${field.path} ${field.message}`).join('; ');
    throw new NautilusError('PLUGIN_INVALID', `Plugin ${manifest.id} does not match its manifest: ${list}`, {
      fields,
      plugin: manifest.id,
    });
  }
}
