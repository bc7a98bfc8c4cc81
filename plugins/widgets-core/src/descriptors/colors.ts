import type { JsonSchema } from '@nautilus/sdk';

/** Up and down colours shared by the candles, the volume bars and the stat tile, so a dashboard reads as one. */
export const UP_COLOR = '#26a69a';
export const DOWN_COLOR = '#ef5350';

/**
 * A colour option: `#rrggbb` only, which the builder's colour control produces, the charts parse, and
 * fills derive translucent shades from. Anything else falls back to the default.
 */
export const colorOption = (title: string, value: string): JsonSchema => ({
  type: 'string',
  title,
  'x-widget': 'color',
  pattern: '^#[0-9a-fA-F]{6}$',
  default: value,
});
