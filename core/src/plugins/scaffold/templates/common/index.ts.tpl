import { definePlugin, type PluginManifest } from '@nautilus/sdk';
import pkg from '../package.json' with { type: 'json' };
__IMPORTS__

/**
 * The manifest is declared once, statically, in package.json under "nautilus": the host reads the
 * permissions from there before running any of this code, and refuses a module whose manifest
 * differs. A JSON import is typed loosely (`string` where the sdk says `'ohlcv'`), hence the cast;
 * the host validates the manifest when it installs and loads the plugin, and so do the tests.
 */
const manifest = pkg.nautilus as PluginManifest;

export default definePlugin({
  manifest,
__SETUP__
});
