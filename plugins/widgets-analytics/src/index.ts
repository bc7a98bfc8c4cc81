import { definePlugin } from '@nautilus/sdk';
import { manifest } from './manifest.ts';

export type { AttributionOptions } from './descriptors/attribution.ts';
export type { DrawdownChartOptions } from './descriptors/drawdown-chart.ts';
export type { MonthlyHeatmapOptions } from './descriptors/monthly-heatmap.ts';
export type { TearSheetOptions } from './descriptors/tear-sheet.ts';

/** The analytics widgets. They live entirely in the browser bundle (dist/widgets.js): the server side has nothing to run. */
export default definePlugin({
  manifest,
  setup: () => ({}),
});
