import type { WidgetImplementation } from '@nautilus/sdk';

/** The candlestick widget; lightweight-charts loads with the first chart, not with the bundle. */
export const candlestick: WidgetImplementation = {
  async mount(element, props) {
    const { mountCandlestick } = await import('./candlestick-chart.ts');
    return mountCandlestick(element, props);
  },
};
