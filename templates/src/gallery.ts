import { readdir, readFile } from 'node:fs/promises';
import { NautilusError } from '@nautilus/sdk';
import { type DashboardTemplate, TEMPLATE_ID_PATTERN, type TemplateInfo } from './template.ts';
import { validateTemplate } from './validate-template.ts';

const GALLERY = new URL('../gallery/', import.meta.url);
const TEMPLATE_ID = new RegExp(TEMPLATE_ID_PATTERN);

/** What the gallery lists of a template: everything but the dashboard itself. */
export function templateInfo(template: DashboardTemplate): TemplateInfo {
  const { id, version, name, description, inputs, requires, dashboard } = template;
  return { id, version, name, description, inputs, requires, panelCount: dashboard.panels.length };
}

/** Metadata of every template in the gallery, by name. Throws if a gallery file is invalid. */
export async function listTemplates(): Promise<TemplateInfo[]> {
  const files = (await readdir(GALLERY)).filter((file) => file.endsWith('.json'));
  const templates = await Promise.all(files.map((file) => loadTemplate(file.slice(0, -'.json'.length))));
  return templates.map(templateInfo).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * One gallery template, validated and migrated to the current format.
 * @example const { dashboard } = await loadTemplate('equity-trader');
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
    throw new NautilusError(
      'NOT_FOUND',
      `There is no template '${id}' in the gallery; templates.gallery lists the ones there are.`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new NautilusError('VALIDATION', `gallery/${id}.json is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const template = validateTemplate(json);
  if (template.id !== id) {
    throw NautilusError.validation(`gallery/${id}.json`, [
      { path: 'id', message: `must match the file name '${id}', got '${template.id}'` },
    ]);
  }
  return template;
}
