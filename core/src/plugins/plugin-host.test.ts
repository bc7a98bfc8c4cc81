import { fileURLToPath } from 'node:url';
import type { Frame } from '@nautilus/sdk';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryBus } from '../bus/memory-bus.ts';
import { PluginHost, type PluginStatus } from './plugin-host.ts';

const fixtures = fileURLToPath(new URL('../../test/fixtures/plugins', import.meta.url));
const range = { from: 1_000, to: 2_000 };

describe('PluginHost', () => {
  let host: PluginHost;
  let statuses: Map<string, PluginStatus>;

  beforeAll(async () => {
    process.env.NAUTILUS_SECRET_QUOTES_TOKEN = 'sekrit';
    host = new PluginHost({
      coreVersion: '0.1.0',
      folders: [{ dir: fixtures, source: 'extra' }],
      logger: pino({ level: 'silent' }),
      bus: new MemoryBus(),
      pluginConfig: {},
      readSecret: (name) => process.env[`NAUTILUS_SECRET_${name}`],
      setupTimeoutMs: 300,
      callTimeoutMs: 300,
      fetchTimeoutMs: 300,
    });
    await host.loadAll();
    statuses = new Map(host.list().map((status) => [status.dir.split('/').pop() as string, status]));
  });
  afterAll(() => host.teardown());

  it('loads a valid third-party plugin', () => {
    expect(statuses.get('a-quotes')).toMatchObject({ id: 'test.quotes', state: 'active', version: '1.2.3', error: null });
  });

  it('marks a malformed manifest failed, naming each bad field', () => {
    const status = statuses.get('b-bad-manifest');
    expect(status?.state).toBe('failed');
    expect(status?.error?.code).toBe('PLUGIN_INVALID');
    expect(status?.error?.fields.map((field) => field.path)).toContain('manifest.description');
    expect(status?.error?.message).toContain('manifest.description: is required');
  });

  it('names a version that is not semver once the schema holds', async () => {
    const { checkManifest } = await import('./check-manifest.ts');
    const manifest = {
      id: 'a.b',
      name: 'x',
      version: 'banana',
      engine: '^0.1.0',
      description: 'd',
      contributes: {},
      permissions: { network: [], secrets: [] },
    };
    expect(() => checkManifest(manifest, '0.1.0', 'here')).toThrow("manifest.version: 'banana' is not a semver version");
  });

  it('refuses a plugin whose engine range excludes this core', () => {
    expect(statuses.get('c-incompatible')?.error).toMatchObject({
      code: 'PLUGIN_INCOMPATIBLE',
      message: expect.stringContaining('requires Nautilus core ^9.0.0'),
      fields: [{ path: 'manifest.engine', message: '^9.0.0 excludes 0.1.0' }],
    });
  });

  it('records a setup that throws, with the plugin id and the reason', () => {
    expect(statuses.get('d-setup-throws')?.error).toMatchObject({
      code: 'PLUGIN_FAILED',
      message: expect.stringContaining('cannot reach the vendor'),
    });
    expect(statuses.get('d-setup-throws')?.id).toBe('test.setup-throws');
  });

  it('times out a setup that hangs', () => {
    expect(statuses.get('e-setup-hangs')?.error).toMatchObject({
      code: 'PLUGIN_TIMEOUT',
      message: 'Plugin test.setup-hangs setup did not finish within 300 ms',
    });
  });

  it('refuses a module that is not a plugin, one that implements what it did not declare, and a duplicate id', () => {
    expect(statuses.get('f-not-a-plugin')?.error?.message).toContain('must default-export definePlugin');
    expect(statuses.get('g-undeclared')?.error?.fields).toEqual([
      { path: 'setup().dataSources.declared', message: 'must implement query()' },
      { path: 'setup().dataSources.other', message: 'is not declared in manifest.contributes' },
      { path: 'setup().dataSources.live', message: 'must implement stream() (streaming is true)' },
    ]);
    expect(statuses.get('h-duplicate-id')?.error?.message).toContain('already used by another plugin');
  });

  it('lists the data sources of active plugins only', () => {
    expect(host.dataSources().map((source) => source.ref)).toEqual([
      'test.quotes/ticks',
      'test.quotes/slow',
      'test.quotes/broken',
      'test.quotes/fails',
      'test.streams/counter',
      'test.streams/garbage',
      'test.streams/crashes',
      'test.streams/deaf',
    ]);
  });

  it('queries a data source, giving it its declared secret and a private cache', async () => {
    const frames = await host.query('test.quotes/ticks', { params: { symbol: 'ABC', scale: 2 }, range, maxPoints: 10 });
    expect(frames[0]).toEqual({ kind: 'timeseries', series: [{ name: 'ABC', time: [1_000, 2_000], values: [2, 4] }] });
    expect(frames[1]).toMatchObject({ kind: 'scalar', label: 'sekrit' });
    const again = await host.query('test.quotes/ticks', { params: { symbol: 'ABC' }, range, maxPoints: 10 });
    expect(again[1]).toMatchObject({ value: 2 });
  });

  it('rejects params that break the declared query schema, naming the field', async () => {
    await expect(host.query('test.quotes/ticks', { params: { symbol: 'abc' }, range, maxPoints: 10 })).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: [{ path: 'params.symbol', message: 'must match pattern "^[A-Z]+$"' }],
    });
    await expect(
      host.query('test.quotes/ticks', { params: { symbol: 'A', extra: 1 }, range, maxPoints: 10 }),
    ).rejects.toMatchObject({
      fields: [{ path: 'params.extra', message: 'is not an allowed field' }],
    });
  });

  it('times out a query that hangs, stamping the plugin id', async () => {
    await expect(host.query('test.quotes/slow', { params: {}, range, maxPoints: 10 })).rejects.toMatchObject({
      code: 'PLUGIN_TIMEOUT',
      plugin: 'test.quotes',
    });
  });

  it('refuses malformed frames from a provider', async () => {
    await expect(host.query('test.quotes/broken', { params: {}, range, maxPoints: 10 })).rejects.toMatchObject({
      code: 'DATA_SOURCE_ERROR',
      message: expect.stringContaining('frames[0].series[0] needs time and values of equal length'),
    });
  });

  it("passes a plugin's own error through with its plugin id", async () => {
    await expect(host.query('test.quotes/fails', { params: {}, range, maxPoints: 10 })).rejects.toMatchObject({
      code: 'DATA_SOURCE_ERROR',
      message: 'Upstream said 503; try again later',
      plugin: 'test.quotes',
    });
  });

  it('explains why a data source of a failed plugin is unavailable', async () => {
    await expect(host.query('test.setup-throws/x', { params: {}, range, maxPoints: 10 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('plugin test.setup-throws failed to load'),
    });
  });

  describe('streams', () => {
    const received = (frames: Frame[]) => frames.map((frame) => (frame.kind === 'scalar' ? frame.value : frame.kind));

    it('runs a stream with checked params until stopped', async () => {
      const frames: Frame[] = [];
      const stream = await host.stream('test.streams/counter', { params: { step: 2 }, maxPoints: 10 }, (frame) =>
        frames.push(frame),
      );
      await expect.poll(() => frames.length).toBeGreaterThanOrEqual(3);
      await stream.stop();
      await stream.done;
      const count = frames.length;
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(frames.length).toBe(count);
      expect(received(frames).slice(0, 3)).toEqual([2, 4, 6]);
    });

    it('refuses bad params, a source that does not stream, and a replay it cannot do', async () => {
      await expect(host.stream('test.streams/counter', { params: { step: 'x' }, maxPoints: 1 }, () => {})).rejects.toMatchObject({
        code: 'VALIDATION',
        fields: [{ path: 'params.step', message: 'must be number' }],
      });
      await expect(host.stream('test.quotes/ticks', { params: { symbol: 'A' }, maxPoints: 1 }, () => {})).rejects.toMatchObject({
        code: 'VALIDATION',
        message: expect.stringContaining('does not stream'),
      });
      await expect(
        host.stream('test.streams/counter', { params: {}, maxPoints: 1, replay: { from: 0, speed: 10 } }, () => {}),
      ).rejects.toMatchObject({ code: 'VALIDATION', fields: [{ path: 'replay', message: 'not supported by this data source' }] });
    });

    it('ends a stream that emits a malformed frame, and one that throws, stamping the plugin id', async () => {
      const garbage = await host.stream('test.streams/garbage', { params: {}, maxPoints: 1 }, () => {
        throw new Error('must not see the bad frame');
      });
      await expect(garbage.done).rejects.toMatchObject({
        code: 'DATA_SOURCE_ERROR',
        plugin: 'test.streams',
        message: expect.stringContaining('streamed invalid data (frames[0].value must be a number)'),
      });
      const frames: Frame[] = [];
      const crashes = await host.stream('test.streams/crashes', { params: {}, maxPoints: 1 }, (frame) => frames.push(frame));
      await expect(crashes.done).rejects.toMatchObject({
        message: 'The feed dropped; it will be retried',
        plugin: 'test.streams',
      });
      expect(received(frames)).toEqual([1]);
    });

    it('times out stopping a stream that ignores abort', async () => {
      const deaf = await host.stream('test.streams/deaf', { params: {}, maxPoints: 1 }, () => {});
      await expect(deaf.stop()).rejects.toMatchObject({ code: 'PLUGIN_TIMEOUT', plugin: 'test.streams' });
    });
  });
});

describe('PluginHost.loadDefinition (built-ins defined inside core)', () => {
  const options = {
    coreVersion: '0.1.0',
    folders: [],
    logger: pino({ level: 'silent' }),
    bus: new MemoryBus(),
    pluginConfig: {},
    readSecret: () => undefined,
    setupTimeoutMs: 300,
    callTimeoutMs: 300,
    fetchTimeoutMs: 300,
  };
  const manifest = {
    id: 'nautilus.core',
    name: 'Nautilus core',
    version: '0.1.0',
    engine: '^0.1.0',
    description: 'built-in',
    permissions: { network: [], secrets: [] },
    contributes: {
      dataSources: [{ id: 'numbers', name: 'Numbers', frames: ['scalar' as const], querySchema: { type: 'object' as const } }],
    },
  };

  it('runs the same checks as a plugin from a folder, records source core and serves its queries', async () => {
    const host = new PluginHost(options);
    await host.loadDefinition({
      manifest,
      setup: () => ({ dataSources: { numbers: { query: async () => [{ kind: 'scalar', value: 42 }] as Frame[] } } }),
    });
    expect(host.list()).toMatchObject([{ id: 'nautilus.core', source: 'core', state: 'active', error: null }]);
    expect(await host.query('nautilus.core/numbers', { params: {}, range, maxPoints: 10 })).toEqual([
      { kind: 'scalar', value: 42 },
    ]);
    await host.loadDefinition({ manifest, setup: () => ({ dataSources: { numbers: { query: async () => [] } } }) });
    expect(host.list()[1]).toMatchObject({ state: 'failed', error: { code: 'PLUGIN_INVALID' } });
    await host.teardown();
  });

  it('marks a built-in that does not implement its manifest failed, with the field', async () => {
    const host = new PluginHost(options);
    await host.loadDefinition({ manifest, setup: () => ({}) });
    expect(host.list()[0]).toMatchObject({ id: 'nautilus.core', source: 'core', state: 'failed' });
    expect(host.list()[0]?.error?.fields.map((field) => field.path)).toEqual(['setup().dataSources.numbers']);
    await expect(host.query('nautilus.core/numbers', { params: {}, range, maxPoints: 10 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
