import { definePlugin } from '@nautilus/sdk';
import { queryCalendar } from './calendar.ts';
import { queryHistorical } from './historical.ts';
import { queryIndicators } from './indicators.ts';
import { manifest } from './manifest.ts';
import { tradingEconomicsSettings } from './te-request.ts';

/** Trading Economics: `calendar` (table), `historical` (time series) and `indicators` (table). */
export default definePlugin({
  manifest,
  setup(ctx) {
    const settings = tradingEconomicsSettings(ctx);
    return {
      dataSources: {
        calendar: { query: (query, signal) => queryCalendar(ctx, settings, query, signal) },
        historical: { query: (query, signal) => queryHistorical(ctx, settings, query, signal) },
        indicators: { query: (query, signal) => queryIndicators(ctx, settings, query, signal) },
      },
    };
  },
});
