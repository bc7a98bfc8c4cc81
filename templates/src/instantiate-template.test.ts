import { describe, expect, it } from 'vitest';
import { instantiateTemplate, loadTemplate, validateTemplate } from './index.ts';

describe('instantiateTemplate', () => {
  it('sets each variable default from the input value, or the input default', async () => {
    const template = await loadTemplate('market-overview');
    expect(instantiateTemplate(template, { symbol: 'SIM:MSFT' }).variables[0]?.default).toBe('SIM:MSFT');
    expect(instantiateTemplate(template).variables[0]?.default).toBe('SIM:AAPL');
    // The loaded template is not modified.
    expect(template.dashboard.variables[0]?.default).toBe('SIM:AAPL');
  });

  it('rejects values for inputs the template does not have', async () => {
    const template = await loadTemplate('market-overview');
    expect(() => instantiateTemplate(template, { ticker: 'SIM:MSFT' })).toThrow(/ticker: is not an input of this template/);
  });

  it("rejects a value outside a custom variable's options", () => {
    const template = validateTemplate({
      template: { id: 'sized', name: 'Sized', description: '', inputs: [{ name: 'size', label: 'Size', default: 'S' }] },
      dashboard: {
        schemaVersion: 1,
        title: 'Sized',
        tags: [],
        variables: [{ name: 'size', type: 'custom', options: ['S', 'M'], default: 'S' }],
        timeRange: { from: 'now-1d', to: 'now' },
        refresh: 'off',
        panels: [],
      },
    });
    expect(instantiateTemplate(template, { size: 'M' }).variables[0]?.default).toBe('M');
    expect(() => instantiateTemplate(template, { size: 'XL' })).toThrow(
      /variables\[0\]\.default: 'XL' is not one of its options/,
    );
  });
});
