import type { WidgetImplementation } from '@nautilus/sdk';
import { mountLine } from './line-chart.ts';

/**
 * The line widget. Its chart code is part of the bundle's entry: most dashboards have a chart, and
 * one fetch beats a chain of chunk fetches that each wait for the page's busy main thread.
 */
export const line: WidgetImplementation = {
  mount: (element, props) => mountLine(element, props),
};
