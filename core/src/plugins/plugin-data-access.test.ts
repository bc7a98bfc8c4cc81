import type { DataQuery, PluginManifest } from '@nautilus/sdk';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { MemoryBus } from '../bus/memory-bus.ts';
import { createComputeService } from '../compute/compute-service.ts';
import { createPluginContext } from './plugin-context.ts';

const manifest = (dataSources?: string[]): PluginManifest => ({
  id: 'test.factors',
  name: 'factors',
  version: '1.0.0',
  engine: '*',
  description: 'd',
  contributes: {},
  permissions: { network: [], secrets: [], ...(dataSources ? { dataSources } : {}) },
});

function contextWith(dataSources: string[] | undefined, asked: [string, DataQuery][]) {
  return createPluginContext(manifest(dataSources), {
    logger: pino({ level: 'silent' }),
    bus: new MemoryBus(),
    config: {},
    readSecret: () => undefined,
    fetchTimeoutMs: 1000,
    compute: createComputeService({ findKernel: () => undefined, gpu: { acquire: async () => ({ unavailable: 'none' }) } }),
    queryData: async (ref, query) => {
      asked.push([ref, query]);
      return [{ kind: 'scalar', value: 1 }];
    },
  });
}

describe('ctx.data', () => {
  const query: DataQuery = { params: { symbol: 'SIM:AAPL' }, range: { from: 0, to: 1 }, maxPoints: 10 };

  it('passes a query on a declared source to the host, with only params, range and maxPoints', async () => {
    const asked: [string, DataQuery][] = [];
    const ctx = contextWith(['nautilus.sim-market/bars'], asked);
    const frames = await ctx.data!.query('nautilus.sim-market/bars', { ...query, extra: 1 } as DataQuery);
    expect(frames).toEqual([{ kind: 'scalar', value: 1 }]);
    expect(asked).toEqual([['nautilus.sim-market/bars', query]]);
  });

  it('refuses a source the manifest does not declare, naming the permission, and asks the host nothing', async () => {
    const asked: [string, DataQuery][] = [];
    for (const declared of [undefined, ['nautilus.sim-market/bars']]) {
      const ctx = contextWith(declared, asked);
      await expect(ctx.data!.query('nautilus.fred/series', query)).rejects.toMatchObject({
        code: 'FORBIDDEN',
        message: expect.stringContaining('permissions.dataSources'),
      });
    }
    expect(asked).toEqual([]);
  });
});
