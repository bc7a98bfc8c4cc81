import { definePlugin } from '@nautilus/sdk';
import { manifest } from './manifest.ts';

export type { CandlestickOptions } from './descriptors/candlestick.ts';
export type { DepthOptions } from './descriptors/depth.ts';
export type { LineOptions } from './descriptors/line.ts';
export type { StatOptions } from './descriptors/stat.ts';
export type { TableOptions } from './descriptors/table.ts';
export type { TextOptions } from './descriptors/text.ts';

/** The built-in widgets. They live entirely in the browser bundle (dist/widgets.js): the server side has nothing to run. */
export default definePlugin({
  manifest,
  setup: () => ({}),
});
