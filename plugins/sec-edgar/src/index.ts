import { definePlugin } from '@nautilus/sdk';
import { queryCompanies, tickerDirectory } from './companies.ts';
import { queryFacts, queryFactsTable } from './facts.ts';
import { queryFilings } from './filings.ts';
import { manifest } from './manifest.ts';
import { secSettings } from './sec-request.ts';

/** SEC EDGAR: `companies` and `filings` (tables), `facts` (a time series) and `facts-table` (the facts with their filings). */
export default definePlugin({
  manifest,
  setup(ctx) {
    const settings = secSettings(ctx);
    // The ticker map, kept for an hour by this instance: the ticker of every query goes through it.
    const directory = tickerDirectory(ctx, settings);
    return {
      dataSources: {
        companies: { query: (query, signal) => queryCompanies(directory, query, signal) },
        filings: { query: (query, signal) => queryFilings(ctx, settings, directory, query, signal) },
        facts: { query: (query, signal) => queryFacts(ctx, settings, directory, query, signal) },
        'facts-table': { query: (query, signal) => queryFactsTable(ctx, settings, directory, query, signal) },
      },
    };
  },
});
