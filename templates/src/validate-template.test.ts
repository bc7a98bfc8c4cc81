import { isNautilusError, type NautilusError } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { type DashboardTemplate, exportTemplate, validateTemplate } from './index.ts';
import { installedPlugins, sampleDashboard } from './test-support.ts';

const valid = () => JSON.parse(JSON.stringify(exportTemplate(sampleDashboard(), installedPlugins()))) as DashboardTemplate;

function rejection(json: unknown): NautilusError {
  try {
    validateTemplate(json);
  } catch (error) {
    if (isNautilusError(error)) return error;
    throw error;
  }
  throw new Error('expected validateTemplate to throw');
}

describe('validateTemplate', () => {
  it('accepts a valid template and returns it unchanged', () => {
    expect(validateTemplate(valid())).toEqual(valid());
  });

  it('names panel problems under dashboard.*', () => {
    const file = valid();
    (file.dashboard.panels[0] as any).gridPos = { x: 20, y: 0, w: 8, h: 4 };
    expect(rejection(file).fields).toEqual([
      { path: 'dashboard.panels[0].gridPos.w', message: 'x + w must be <= 24 (x=20, w=8)' },
    ]);
    (file.dashboard as any).refresh = 'hourly';
    expect(rejection(file).fields).toContainEqual({
      path: 'dashboard.refresh',
      message: 'must be equal to one of the allowed values ("off", "5s", "30s", "1m", "5m"), got "hourly"',
    });
  });

  it('names the fields of the kind of input it says it is', () => {
    const file = valid() as any;
    file.inputs[0].frames = ['candles'];
    file.inputs[1].frames = ['ohlcv'];
    file.inputs.push({ type: 'secret', name: 'key', label: 'Key', default: '' });
    const fields = rejection(file).fields;
    expect(fields).toContainEqual({
      path: 'inputs[0].frames[0]',
      message:
        'must be equal to one of the allowed values ("ohlcv", "timeseries", "table", "scalar", "book", "bookDelta"), got "candles"',
    });
    expect(fields).toContainEqual({ path: 'inputs[1].frames', message: 'is not allowed here' });
    expect(fields.some((field) => field.path === 'inputs[2].type')).toBe(true);
  });

  it('wants an input for every data source, inputs naming variables, every plugin required once', () => {
    const file = valid();
    file.inputs = file.inputs.filter((input) => input.type === 'variable');
    file.inputs.push({ type: 'variable', name: 'account', label: 'Account', default: 'main' });
    file.requires = [file.requires[0] as any, file.requires[0] as any];
    expect(rejection(file).fields).toEqual([
      { path: 'inputs[1].name', message: "the dashboard has no variable 'account'" },
      {
        path: 'dashboard.panels[0].query.dataSource',
        message: "'nautilus.sim-market/bars' has no data source input (add one with this default)",
      },
      {
        path: 'dashboard.panels[1].query.dataSource',
        message: "'nautilus.sim-market/bars' has no data source input (add one with this default)",
      },
      { path: 'requires[1].plugin', message: "'nautilus.sim-market' is listed twice" },
      { path: 'requires', message: "lacks 'nautilus.widgets-core', which the panels use" },
    ]);
  });

  it('refuses provenance inside the dashboard, a bad version, digest or range', () => {
    const file = valid() as any;
    file.dashboard.template = { id: 'other', version: '1.0.0' };
    expect(rejection(file).fields).toEqual([
      { path: 'dashboard.template', message: "is not allowed in a template file: the file's id and version say it" },
    ]);
    const bad = valid() as any;
    bad.version = '1.0';
    bad.requires[0].digest = 'md5:abc';
    bad.requires[0].range = '$(rm -rf)';
    expect(rejection(bad).fields.map((field) => field.path)).toEqual(['version', 'requires[0].range', 'requires[0].digest']);
  });

  it('rejects a dashboard from a newer schema version and names it', () => {
    const file = valid() as any;
    file.dashboard.schemaVersion = 99;
    expect(rejection(file).fields[0]?.path).toBe('dashboard.schemaVersion');
  });
});
