import { readdir, readFile } from 'node:fs/promises';
import { isNautilusError } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { listTemplates, loadTemplate, validateTemplate } from './index.ts';

describe('gallery', () => {
  const gallery = new URL('../gallery/', import.meta.url);

  it('holds only template files that validate, with ids matching their file names', async () => {
    const files = (await readdir(gallery)).sort();
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      expect(file).toMatch(/^[a-z0-9-]+\.json$/);
      const { template } = validateTemplate(JSON.parse(await readFile(new URL(file, gallery), 'utf8')));
      expect(`${template.id}.json`).toBe(file);
    }
  });

  it('lists every gallery template, by name', async () => {
    const files = await readdir(gallery);
    const templates = await listTemplates();
    expect(templates.map((template) => `${template.id}.json`).sort()).toEqual(files.sort());
    expect(templates.map((template) => template.name)).toEqual(templates.map((template) => template.name).sort());
  });

  it('ships a market overview of one instrument on the 24-column grid', async () => {
    const { template, dashboard } = await loadTemplate('market-overview');
    expect(template.name).toBe('Market overview');
    expect(template.inputs).toEqual([{ name: 'symbol', label: 'Instrument', default: 'SIM:AAPL' }]);
    expect(dashboard.variables).toEqual([{ name: 'symbol', label: 'Instrument', type: 'instrument', default: 'SIM:AAPL' }]);
    expect(dashboard.panels.map((panel) => panel.type)).toEqual([
      'nautilus.widgets-core/candlestick',
      'nautilus.widgets-core/stat',
      'nautilus.widgets-core/table',
    ]);
    expect(dashboard.panels[0]?.query).toEqual({
      dataSource: 'nautilus.sim-market/bars',
      params: { symbol: '$symbol', timeframe: '1h' },
    });
  });

  it('answers NOT_FOUND for an unknown id and refuses ids that are not kebab-case', async () => {
    await expect(loadTemplate('no-such-template')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const error = await loadTemplate('../package').catch((reason: unknown) => reason);
    expect(isNautilusError(error) && error.code).toBe('VALIDATION');
  });
});
