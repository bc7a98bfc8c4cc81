import { definePlugin, NautilusError } from '@nautilus/sdk';
import { type FactorParams, factorQuery } from './factor-query.ts';
import { DEFAULT_SOURCES, manifest } from './manifest.ts';

/** Factors: `factor`, a price series against an economic series, read through `ctx.data` like any plugin would. */
export default definePlugin({
  manifest,
  setup(ctx) {
    const data = ctx.data;
    if (!data) throw new NautilusError('PLUGIN_INCOMPATIBLE', 'The factors plugin needs a host that offers ctx.data');
    const sources = {
      bars: typeof ctx.config.barsSource === 'string' ? ctx.config.barsSource : DEFAULT_SOURCES.bars,
      series: typeof ctx.config.seriesSource === 'string' ? ctx.config.seriesSource : DEFAULT_SOURCES.series,
    };
    return {
      dataSources: {
        factor: {
          query: (query) => factorQuery(data, sources, query as Parameters<typeof factorQuery>[2] & { params: FactorParams }),
        },
      },
    };
  },
});
