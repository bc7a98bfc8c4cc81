import type { PluginManifest } from '@nautilus/sdk';
import { limitBarsDescriptor } from './descriptors/limit-bars.ts';
import { pnlWaterfallDescriptor } from './descriptors/pnl-waterfall.ts';
import { riskHeatmapDescriptor } from './descriptors/risk-heatmap.ts';
import { varTileDescriptor } from './descriptors/var-tile.ts';

export const manifest: PluginManifest = {
  id: 'nautilus.widgets-risk',
  name: 'Risk widgets',
  version: '0.1.0',
  engine: '^0.1.0',
  description:
    'Risk dashboard widgets: a correlation or risk-contribution heatmap, a VaR / ES tile with a method selector and ' +
    'backtest verdict, limit utilisation bars and a P&L waterfall. They draw the tables of nautilus.core/risk.',
  permissions: { network: [], secrets: [] },
  contributes: {
    widgets: [riskHeatmapDescriptor, varTileDescriptor, limitBarsDescriptor, pnlWaterfallDescriptor],
  },
};
