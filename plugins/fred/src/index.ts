import { definePlugin } from '@nautilus/sdk';
import { firstReleases } from './first-release.ts';
import { fredSettings } from './fred-request.ts';
import { manifest } from './manifest.ts';
import { seriesObservations } from './series-observations.ts';
import { searchSeries, seriesInfo, seriesVintages } from './series-tables.ts';

/** FRED: `series` (a time series, also as known on a date), `first-release` (by publication time), `search`, `info` and `vintages` (tables). */
export default definePlugin({
  manifest,
  setup(ctx) {
    const settings = fredSettings(ctx);
    return {
      dataSources: {
        series: { query: (query, signal) => seriesObservations(ctx, settings, query, signal) },
        'first-release': { query: (query, signal) => firstReleases(ctx, settings, query, signal) },
        search: { query: (query, signal) => searchSeries(ctx, settings, query, signal) },
        info: { query: (query, signal) => seriesInfo(ctx, settings, query, signal) },
        vintages: { query: (query, signal) => seriesVintages(ctx, settings, query, signal) },
      },
    };
  },
});
