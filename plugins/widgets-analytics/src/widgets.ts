// The browser bundle (built to dist/widgets.js): the builder imports it and mounts these by widget id.
import { defineWidgets } from '@nautilus/sdk';
import { attribution } from './browser/attribution/attribution-widget.ts';
import { drawdownChart } from './browser/drawdown/drawdown-widget.ts';
import { monthlyHeatmap } from './browser/monthly/monthly-widget.ts';
import { tearSheet } from './browser/tear-sheet/tear-sheet-widget.ts';

export default defineWidgets({
  widgets: {
    'tear-sheet': tearSheet,
    'monthly-heatmap': monthlyHeatmap,
    'drawdown-chart': drawdownChart,
    attribution,
  },
});
