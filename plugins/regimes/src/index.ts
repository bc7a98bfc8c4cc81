import { definePlugin } from '@nautilus/sdk';
import { manifest } from './manifest.ts';

export type { RegimeRibbonOptions } from './descriptors/regime-ribbon.ts';

/** Market regimes on dashboards: the regime ribbon widget (dist/widgets.js); the model is `@nautilus/regimes`. */
export default definePlugin({
  manifest,
  setup: () => ({}),
});
