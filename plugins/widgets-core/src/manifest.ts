import type { PluginManifest } from '@nautilus/sdk';
import { candlestickDescriptor } from './descriptors/candlestick.ts';
import { depthDescriptor } from './descriptors/depth.ts';
import { lineDescriptor } from './descriptors/line.ts';
import { statDescriptor } from './descriptors/stat.ts';
import { strategyEquityDescriptor, strategyTradesDescriptor } from './descriptors/strategy.ts';
import { tableDescriptor } from './descriptors/table.ts';
import { textDescriptor } from './descriptors/text.ts';

export const manifest: PluginManifest = {
  id: 'nautilus.widgets-core',
  name: 'Core widgets',
  version: '0.1.0',
  engine: '^0.1.0',
  description:
    'The built-in dashboard widgets: candlestick chart with volume and indicator overlays, line/area chart, ' +
    "sortable table, stat tile, Markdown text, a strategy's equity curve and trades, and an order book depth ladder.",
  permissions: { network: [], secrets: [] },
  contributes: {
    widgets: [
      candlestickDescriptor,
      lineDescriptor,
      tableDescriptor,
      statDescriptor,
      textDescriptor,
      strategyEquityDescriptor,
      strategyTradesDescriptor,
      depthDescriptor,
    ],
  },
};
