import { definePlugin } from '@nautilus/sdk';
import { queryBars } from './bars.ts';
import { querySearch, queryStocks } from './contracts.ts';
import { ibkrSettings } from './ibkr-request.ts';
import { manifest } from './manifest.ts';
import { queryAccounts, queryQuote } from './quote-accounts.ts';

/** Interactive Brokers (Client Portal Web API): `bars` (OHLCV), `search`, `stocks`, `accounts` (tables), `quote` (scalar). */
export default definePlugin({
  manifest,
  setup(ctx) {
    const settings = ibkrSettings(ctx);
    return {
      dataSources: {
        bars: { query: (query, signal) => queryBars(ctx, settings, query, signal) },
        search: { query: (query, signal) => querySearch(ctx, settings, query, signal) },
        stocks: { query: (query, signal) => queryStocks(ctx, settings, query, signal) },
        quote: { query: (query, signal) => queryQuote(ctx, settings, query, signal) },
        accounts: { query: (query, signal) => queryAccounts(ctx, settings, query, signal) },
      },
    };
  },
});
