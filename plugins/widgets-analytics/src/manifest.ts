import type { PluginManifest } from '@nautilus/sdk';
import { attributionDescriptor } from './descriptors/attribution.ts';
import { drawdownChartDescriptor } from './descriptors/drawdown-chart.ts';
import { monthlyHeatmapDescriptor } from './descriptors/monthly-heatmap.ts';
import { tearSheetDescriptor } from './descriptors/tear-sheet.ts';

export const manifest: PluginManifest = {
  id: 'nautilus.widgets-analytics',
  name: 'Analytics widgets',
  version: '0.1.0',
  engine: '^0.1.0',
  description:
    'Performance analytics widgets over nautilus.core/analytics: a tear-sheet table with each formula on hover, a ' +
    'monthly-returns heatmap, a drawdown chart with its periods shaded and an attribution waterfall with its table.',
  permissions: { network: [], secrets: [] },
  contributes: {
    widgets: [tearSheetDescriptor, monthlyHeatmapDescriptor, drawdownChartDescriptor, attributionDescriptor],
  },
};
