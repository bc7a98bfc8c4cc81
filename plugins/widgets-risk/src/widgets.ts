// The browser bundle (built to dist/widgets.js): the builder imports it and mounts these by widget id.
import { defineWidgets } from '@nautilus/sdk';
import { riskHeatmap } from './browser/heatmap/heatmap-widget.ts';
import { limitBars } from './browser/limit-bars/limit-bars-widget.ts';
import { varTile } from './browser/var-tile/var-tile-widget.ts';
import { pnlWaterfall } from './browser/waterfall/waterfall-widget.ts';

export default defineWidgets({
  widgets: { 'risk-heatmap': riskHeatmap, 'var-tile': varTile, 'limit-bars': limitBars, 'pnl-waterfall': pnlWaterfall },
});
