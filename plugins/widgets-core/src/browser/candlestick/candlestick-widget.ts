import type { WidgetImplementation } from '@nautilus/sdk';
import { mountCandlestick } from './candlestick-chart.ts';

/**
 * The candlestick widget. Its chart code is part of the bundle's entry: most dashboards have a chart, and
 * one fetch beats a chain of chunk fetches that each wait for the page's busy main thread.
 */
export const candlestick: WidgetImplementation = {
  mount: (element, props) => mountCandlestick(element, props),
};
