import { definePlugin } from '@nautilus/sdk';
import { toBarRequest } from './bars-query.ts';
import { streamBars, toBarStream } from './bars-stream.ts';
import { bookSource } from './book-source.ts';
import { instrumentsSource } from './instruments-source.ts';
import { manifest } from './manifest.ts';
import { createSimMarket } from './sim-market.ts';

export type { BarsParams } from './bars-query.ts';
export type { BookParams } from './book-source.ts';
export { type AssetClass, assetClasses, type MarketFactor, type SessionKind, type SimInstrument } from './instrument.ts';
export { instruments } from './instruments.ts';

/** The built-in simulated market: `bars` (OHLCV, also streamed), `book` (L2 order book, also streamed) and `instruments` (table) data sources. */
export default definePlugin({
  manifest,
  setup() {
    // One market per setup: its caches belong to this plugin instance, not to the module.
    const market = createSimMarket();
    return {
      dataSources: {
        bars: {
          query: async (query, signal) => [await market.bars(toBarRequest(query), signal)],
          stream: async (request, emit, signal) => streamBars(market, toBarStream(request, Date.now()), emit, signal),
        },
        book: bookSource(market),
        instruments: instrumentsSource,
      },
    };
  },
});
