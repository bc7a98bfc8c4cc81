// The browser bundle (built to dist/widgets.js): the builder imports it and mounts these by widget id.
import { defineWidgets } from '@nautilus/sdk';
import { regimeRibbon } from './browser/ribbon-widget.ts';

export default defineWidgets({ widgets: { 'regime-ribbon': regimeRibbon } });
