import { definePlugin } from '@nautilus/sdk';
import { alphaVantageSettings } from './av-request.ts';
import { queryBars } from './bars.ts';
import { queryEconomic } from './economic.ts';
import { manifest } from './manifest.ts';
import { queryQuote, querySearch } from './quote-search.ts';

/** Alpha Vantage: `bars` (OHLCV), `quote` (scalar), `search` (table) and `economic` (time series). */
export default definePlugin({
  manifest,
  setup(ctx) {
    const settings = alphaVantageSettings(ctx);
    return {
      dataSources: {
        bars: { query: (query, signal) => queryBars(ctx, settings, query, signal) },
        quote: { query: (query, signal) => queryQuote(ctx, settings, query, signal) },
        search: { query: (query, signal) => querySearch(ctx, settings, query, signal) },
        economic: { query: (query, signal) => queryEconomic(ctx, settings, query, signal) },
      },
    };
  },
});
