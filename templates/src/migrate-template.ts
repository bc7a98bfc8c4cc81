import { type FieldIssue, migrateDashboard, NautilusError } from '@nautilus/sdk';
import { ajv, ajvIssues } from './ajv-issues.ts';
import { dataSourceInputNames, pluginsUsed } from './plugins-used.ts';
import { TEMPLATE_FORMAT_VERSION, templateSchemaV1 } from './template.ts';

type Json = Record<string, unknown>;

/** One pure step from template format `from` to `from + 1`; `check` validates the input's shape first. */
export interface TemplateMigration {
  from: number;
  describe: string;
  check(document: unknown): FieldIssue[];
  up(document: Json): Json;
}

const asRecord = (value: unknown): Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

const validateV1 = ajv.compile(templateSchemaV1);

/**
 * Format 1 (the first gallery): `{ template: { id, name, description, inputs: [{ name, label, default }] }, dashboard }`.
 * Format 2 flattens the metadata, adds a version (1.0.0), lists every variable and every data source
 * as an input, and the plugins the panels use (a widget's range from its panels' pluginVersion; a data
 * source's is unknown, so any version).
 */
const v1ToV2: TemplateMigration = {
  from: 1,
  describe: 'format 1 (template + dashboard) becomes format 2 (typed inputs, requires, version)',
  check: (document) => (validateV1(document) ? [] : ajvIssues(validateV1.errors, '')),
  up(document) {
    const template = asRecord(document.template);
    let dashboard = asRecord(document.dashboard);
    try {
      dashboard = asRecord(migrateDashboard(dashboard).document);
    } catch {
      // Left as it is: validating the format-2 file reports what is wrong with it, by field.
    }
    const panels = asArray(dashboard.panels).map(asRecord);
    const given = new Map(asArray(template.inputs).map((input) => [text(asRecord(input).name), asRecord(input)]));
    const variables = asArray(dashboard.variables).map(asRecord);
    const variableNames = variables.map((variable) => text(variable.name) ?? '');
    const variableInputs = variables.map((variable) => {
      const name = text(variable.name) ?? '';
      const input = given.get(name);
      return {
        type: 'variable',
        name,
        label: text(input?.label) || text(variable.label) || name,
        default: text(input?.default) ?? text(variable.default) ?? '',
      };
    });
    // Inputs of format 1 that name no variable stay, so validation reports them as format 1 did.
    const orphans = [...given.values()]
      .filter((input) => !variableNames.includes(text(input.name) ?? ''))
      .map((input) => ({ type: 'variable', name: input.name, label: input.label, default: input.default }));
    const refs = [...new Set(panels.map((panel) => text(asRecord(panel.query).dataSource)).filter((ref) => ref !== undefined))];
    const names = dataSourceInputNames(
      refs,
      [...variableNames, ...given.keys()].filter((name) => name !== undefined),
    );
    const sourceInputs = refs.map((ref) => ({ type: 'dataSource', name: names.get(ref), label: ref, frames: [], default: ref }));
    // Only what is well-formed counts; validating the result reports the rest.
    const typed = panels
      .filter((panel) => typeof panel.type === 'string' && typeof panel.pluginVersion === 'string')
      .map((panel) => {
        const dataSource = text(asRecord(panel.query).dataSource);
        return { type: panel.type, pluginVersion: panel.pluginVersion, ...(dataSource ? { query: { dataSource } } : {}) };
      });
    const requires = pluginsUsed({ panels: typed as never }).map(({ plugin, panelVersion }) => ({
      plugin,
      range: panelVersion ? `^${panelVersion}` : '*',
      version: panelVersion,
      digest: null,
    }));
    return {
      templateVersion: 2,
      id: template.id,
      version: '1.0.0',
      name: template.name,
      description: template.description,
      inputs: [...sourceInputs, ...variableInputs, ...orphans],
      requires,
      dashboard,
    };
  },
};

/** Every migration, in order; `templateMigrations[n - 1]` goes from format n to n + 1. */
export const templateMigrations: readonly TemplateMigration[] = [v1ToV2];

/** The format a parsed file says it is in: `templateVersion`, or 1 for the first gallery format, which had none. */
export function templateFormatOf(json: unknown): number {
  const record = asRecord(json);
  if (record !== json) throw invalid([{ path: '', message: 'expected a JSON object (a dashboard template file)' }]);
  if (record.templateVersion === undefined) {
    if ('template' in record && 'dashboard' in record) return 1;
    throw invalid([
      { path: 'templateVersion', message: 'is required: this is not a dashboard template (export one from a dashboard)' },
    ]);
  }
  const version = record.templateVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw invalid([
      {
        path: 'templateVersion',
        message: `expected an integer from 1 to ${TEMPLATE_FORMAT_VERSION}, got ${JSON.stringify(version)}`,
      },
    ]);
  }
  if (version > TEMPLATE_FORMAT_VERSION) {
    throw invalid([
      {
        path: 'templateVersion',
        message: `${version} is newer than this Nautilus understands (${TEMPLATE_FORMAT_VERSION}); upgrade Nautilus to import this template`,
      },
    ]);
  }
  return version;
}

/**
 * Brings a parsed template file to the current format by running each pure step in turn; a file of a
 * future format is refused with VALIDATION on `templateVersion`. The result still needs validating.
 * @example migrateTemplate(JSON.parse(text)).document // format 2
 */
export function migrateTemplate(json: unknown): { document: Json; from: number; applied: string[] } {
  const from = templateFormatOf(json);
  // A format-1 file has no templateVersion, and one that writes 1 says the same thing.
  let document: Json = { ...(json as Json) };
  if (from === 1) delete document.templateVersion;
  const applied: string[] = [];
  for (let version = from; version < TEMPLATE_FORMAT_VERSION; version++) {
    const step = templateMigrations[version - 1];
    if (!step || step.from !== version) throw new NautilusError('INTERNAL', `No template migration from format ${version}`);
    const issues = step.check(document);
    if (issues.length > 0) throw invalid(issues);
    document = step.up(structuredClone(document));
    applied.push(step.describe);
  }
  return { document, from, applied };
}

function invalid(issues: FieldIssue[]): NautilusError {
  return NautilusError.validation('dashboard template', issues);
}
