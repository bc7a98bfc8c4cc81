import type { WidgetImplementation } from '@nautilus/sdk';

/** The line widget; lightweight-charts loads with the first chart, not with the bundle. */
export const line: WidgetImplementation = {
  async mount(element, props) {
    const { mountLine } = await import('./line-chart.ts');
    return mountLine(element, props);
  },
};
