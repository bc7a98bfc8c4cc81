import { definePlugin } from '@nautilus/sdk';
import { queryBars, queryEvents } from './chart.ts';
import { manifest } from './manifest.ts';
import { queryQuote, querySearch, querySummary } from './quote-search.ts';
import { yahooSettings } from './yahoo-request.ts';

/** Yahoo Finance (unofficial): `bars` (OHLCV), `events` (dividends and splits), `search`, `quote` and `summary`. */
export default definePlugin({
  manifest,
  setup(ctx) {
    const settings = yahooSettings(ctx);
    return {
      dataSources: {
        bars: { query: (query, signal) => queryBars(ctx, settings, query, signal) },
        events: { query: (query, signal) => queryEvents(ctx, settings, query, signal) },
        search: { query: (query, signal) => querySearch(ctx, settings, query, signal) },
        quote: { query: (query, signal) => queryQuote(ctx, settings, query, signal) },
        summary: { query: (query, signal) => querySummary(ctx, settings, query, signal) },
      },
    };
  },
});
