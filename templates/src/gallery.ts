import { readdir, readFile } from 'node:fs/promises';
import { NautilusError } from '@nautilus/sdk';
import { type DashboardTemplate, TEMPLATE_ID_PATTERN, type TemplateInfo } from './template.ts';
import { validateTemplate } from './validate-template.ts';

const GALLERY = new URL('../gallery/', import.meta.url);
const TEMPLATE_ID = new RegExp(TEMPLATE_ID_PATTERN);

/** Metadata of every template in the gallery, by name. Throws if a gallery file is invalid. */
export async function listTemplates(): Promise<TemplateInfo[]> {
  const files = (await readdir(GALLERY)).filter((file) => file.endsWith('.json'));
  const templates = await Promise.all(files.map((file) => loadTemplate(file.slice(0, -'.json'.length))));
  return templates.map(({ template }) => template).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * One gallery template, validated and with its dashboard migrated to the current schema version.
 * @example const { dashboard } = await loadTemplate('market-overview');
 */
export async function loadTemplate(id: string): Promise<DashboardTemplate> {
  // The id becomes a file name: the pattern keeps it inside the gallery folder.
  if (!TEMPLATE_ID.test(id)) {
    throw NautilusError.validation('template id', [{ path: 'id', message: `must be kebab-case, got ${JSON.stringify(id)}` }]);
  }
  let text: string;
  try {
    text = await readFile(new URL(`${id}.json`, GALLERY), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new NautilusError('NOT_FOUND', `There is no template '${id}'; listTemplates() names the ones there are.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new NautilusError('VALIDATION', `gallery/${id}.json is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const loaded = validateTemplate(json);
  if (loaded.template.id !== id) {
    throw NautilusError.validation(`gallery/${id}.json`, [
      { path: 'template.id', message: `must match the file name '${id}', got '${loaded.template.id}'` },
    ]);
  }
  return loaded;
}
