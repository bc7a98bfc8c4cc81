import { readFile } from 'node:fs/promises';
import { isNautilusError, type NautilusError } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { checkTemplate, migrateTemplate, templateFormatOf, validateTemplate } from './index.ts';

const v1 = async () =>
  JSON.parse(await readFile(new URL('../fixtures/v1-market-overview.json', import.meta.url), 'utf8')) as Record<string, any>;

function refusal(json: unknown): NautilusError {
  try {
    migrateTemplate(json);
  } catch (error) {
    if (isNautilusError(error)) return error;
    throw error;
  }
  throw new Error('expected migrateTemplate to throw');
}

describe('template migrations', () => {
  it('reads the first gallery format (no templateVersion) as format 1', async () => {
    expect(templateFormatOf(await v1())).toBe(1);
    expect(templateFormatOf({ templateVersion: 2 })).toBe(2);
  });

  it('migrates format 1 to 2: flat metadata, version 1.0.0, every variable and data source an input, plugins required', async () => {
    const { document, from, applied } = migrateTemplate(await v1());
    expect(from).toBe(1);
    expect(applied).toHaveLength(1);
    const template = validateTemplate(document);
    expect(template).toMatchObject({
      templateVersion: 2,
      id: 'market-overview',
      version: '1.0.0',
      name: 'Market overview',
      description: 'Price chart, last close and daily bars for one instrument.',
    });
    expect(template.inputs).toEqual([
      { type: 'dataSource', name: 'bars', label: 'nautilus.sim-market/bars', frames: [], default: 'nautilus.sim-market/bars' },
      { type: 'variable', name: 'symbol', label: 'Instrument', default: 'SIM:AAPL' },
    ]);
    expect(template.requires).toEqual([
      { plugin: 'nautilus.sim-market', range: '*', version: null, digest: null },
      { plugin: 'nautilus.widgets-core', range: '^0.1.0', version: '0.1.0', digest: null },
    ]);
    expect(template.dashboard.panels.map((panel) => panel.id)).toEqual(['price', 'last-close', 'daily-bars']);
  });

  it('keeps a format-1 input default over the variable default, and its label', async () => {
    const file = await v1();
    file.template.inputs = [{ name: 'symbol', label: 'Ticker', default: 'SIM:MSFT' }];
    const template = validateTemplate(file);
    expect(template.inputs[1]).toEqual({ type: 'variable', name: 'symbol', label: 'Ticker', default: 'SIM:MSFT' });
  });

  it('migrates a format-1 file whose dashboard is still v0', async () => {
    const file = await v1();
    file.dashboard = {
      name: 'Legacy',
      symbol: 'AAPL',
      widgets: [
        { key: 'chart', kind: 'candlestick', layout: { col: 0, row: 0, width: 8, height: 6 }, datasource: 'sim', interval: '1h' },
      ],
    };
    const template = validateTemplate(file);
    expect(template.dashboard.panels[0]?.gridPos).toEqual({ x: 0, y: 0, w: 16, h: 6 });
    expect(template.inputs.map((input) => input.name)).toEqual(['bars', 'symbol']);
  });

  it('reports a bad format-1 file by its own fields', async () => {
    const file = await v1();
    file.template.id = 'Market Overview';
    expect(checkTemplate(file).issues[0]?.path).toBe('template.id');
  });

  it('refuses a template of a future format, saying to upgrade', () => {
    const error = refusal({ templateVersion: 3, id: 'x' });
    expect(error.code).toBe('VALIDATION');
    expect(error.fields).toEqual([
      {
        path: 'templateVersion',
        message: '3 is newer than this Nautilus understands (2); upgrade Nautilus to import this template',
      },
    ]);
  });

  it('refuses what is not a template at all, by field', () => {
    expect(refusal([]).fields).toEqual([{ path: '', message: 'expected a JSON object (a dashboard template file)' }]);
    expect(refusal({ schemaVersion: 1, title: 'a dashboard' }).fields[0]?.path).toBe('templateVersion');
    expect(refusal({ templateVersion: 1.5 }).fields[0]?.message).toMatch(/expected an integer from 1 to 2/);
    expect(refusal({ templateVersion: '2' }).fields[0]?.path).toBe('templateVersion');
  });

  it('does not change the file it was given', async () => {
    const file = await v1();
    const before = JSON.stringify(file);
    migrateTemplate(file);
    expect(JSON.stringify(file)).toBe(before);
  });
});
