import { definePlugin } from '@nautilus/sdk';
import { manifest } from './manifest.ts';

export type { LimitBarsOptions } from './descriptors/limit-bars.ts';
export type { PnlWaterfallOptions } from './descriptors/pnl-waterfall.ts';
export type { RiskHeatmapOptions } from './descriptors/risk-heatmap.ts';
export type { VarTileOptions } from './descriptors/var-tile.ts';

/** The risk widgets. They live entirely in the browser bundle (dist/widgets.js): the server side has nothing to run. */
export default definePlugin({
  manifest,
  setup: () => ({}),
});
