import { readdir, readFile } from 'node:fs/promises';
import { isNautilusError } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { listTemplates, loadTemplate, stringifyTemplate, validateTemplate } from './index.ts';

const gallery = new URL('../gallery/', import.meta.url);

describe('gallery', () => {
  // The files are formatted by Biome like every JSON file here; their content is what an export writes.
  it('holds seven templates in the current format, each file holding exactly what an export writes', async () => {
    const files = (await readdir(gallery)).sort();
    expect(files).toEqual([
      'crypto-desk.json',
      'equity-trader.json',
      'fx-monitor.json',
      'live-market.json',
      'macro-monitor.json',
      'portfolio-risk.json',
      'strategy-review.json',
    ]);
    for (const file of files) {
      const text = await readFile(new URL(file, gallery), 'utf8');
      const template = validateTemplate(JSON.parse(text));
      expect(`${template.id}.json`).toBe(file);
      expect(template.templateVersion).toBe(2);
      expect(stringifyTemplate(template), file).toBe(stringifyTemplate(JSON.parse(text)));
      expect(JSON.parse(stringifyTemplate(template)), file).toEqual(JSON.parse(text));
    }
  });

  it('uses only the simulated market, core sources and first-party widgets, so every template works offline', async () => {
    for (const info of await listTemplates()) {
      expect(
        info.requires
          .map((entry) => entry.plugin)
          .every((plugin) => /^nautilus\.(sim-market|core|widgets-core|widgets-risk)$/.test(plugin)),
        info.id,
      ).toBe(true);
      expect(info.description, info.id).toMatch(/offline/i);
    }
  });

  it('lists every gallery template by name, without its dashboard', async () => {
    const templates = await listTemplates();
    expect(templates.map((template) => template.name)).toEqual([
      'Crypto desk',
      'Equity trader',
      'FX monitor',
      'Live market',
      'Macro monitor',
      'Portfolio risk overview',
      'Strategy review',
    ]);
    expect(templates[0]).not.toHaveProperty('dashboard');
    expect(templates[0]?.panelCount).toBeGreaterThan(3);
  });

  it('answers NOT_FOUND for an unknown id and refuses ids that are not kebab-case', async () => {
    await expect(loadTemplate('no-such-template')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const error = await loadTemplate('../package').catch((reason: unknown) => reason);
    expect(isNautilusError(error) && error.code).toBe('VALIDATION');
  });
});
