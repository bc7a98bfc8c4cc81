import type { PluginManifest } from '@nautilus/sdk';
import { regimeRibbonDescriptor } from './descriptors/regime-ribbon.ts';

export const manifest: PluginManifest = {
  id: 'nautilus.regimes',
  name: 'Market regimes',
  version: '0.1.0',
  engine: '^0.1.0',
  description:
    'Six market regimes (trend up / sideways / down × volatility high / low) from Gaussian HMMs on return and ' +
    'realised-volatility features, labelled causally (forward-filtered probabilities, walk-forward refits), ' +
    'and a regime ribbon widget to put under a candlestick.',
  permissions: { network: [], secrets: [] },
  contributes: { widgets: [regimeRibbonDescriptor] },
};
