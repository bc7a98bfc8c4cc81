// The browser bundle (built to dist/widgets.js): the builder imports it and mounts these by widget id.
import { defineWidgets } from '@nautilus/sdk';
import { candlestick } from './browser/candlestick/candlestick-widget.ts';
import { depth } from './browser/depth/depth-widget.ts';
import { line } from './browser/line/line-widget.ts';
import { stat } from './browser/stat/stat-widget.ts';
import { table } from './browser/table/table-widget.ts';
import { text } from './browser/text/text-widget.ts';

// The strategy widgets reuse the line and table implementations; their descriptors differ (accepted frames, defaults).
export default defineWidgets({
  widgets: { candlestick, line, table, stat, text, 'strategy-equity': line, 'strategy-trades': table, depth },
});
