import type { WidgetBundle, WidgetImplementation } from '@nautilus/sdk';

/** Where a widget's code lives: the `widgets.list` fields the registry needs. */
export interface WidgetSource {
  type: string;
  pluginId: string;
  id: string;
  bundleUrl: string;
}

/** A widget that could not be loaded, with the plugin to blame. */
export class WidgetLoadError extends Error {
  readonly plugin: string;
  constructor(message: string, plugin: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'WidgetLoadError';
    this.plugin = plugin;
  }
}

export type BundleImporter = (url: string) => Promise<unknown>;

// Vite must leave this import alone: bundles are served by the Nautilus server at run time.
const importBundle: BundleImporter = (url) => import(/* @vite-ignore */ url);

/**
 * Loads widget bundles at run time, each URL once however many panels use it. A failed load is not
 * cached, so the next panel (or a retry) tries again.
 */
export function createWidgetRegistry(importer: BundleImporter = importBundle) {
  const bundles = new Map<string, Promise<WidgetBundle>>();

  const loadBundle = (source: WidgetSource): Promise<WidgetBundle> => {
    let bundle = bundles.get(source.bundleUrl);
    if (!bundle) {
      bundle = importer(source.bundleUrl).then(
        (module) => {
          const exported = (module as { default?: unknown } | null)?.default as Partial<WidgetBundle> | undefined;
          if (typeof exported?.widgets !== 'object' || exported.widgets === null) {
            throw new WidgetLoadError(
              `The widget bundle of ${source.pluginId} has no default export { widgets }; the plugin must export defineWidgets({ … }).`,
              source.pluginId,
            );
          }
          return exported as WidgetBundle;
        },
        (error: unknown) => {
          const reason = error instanceof Error ? error.message : String(error);
          throw new WidgetLoadError(
            `Could not load the widgets of ${source.pluginId} (${source.bundleUrl}): ${reason}. Reload the page; if it keeps failing, ask an admin to check the plugin.`,
            source.pluginId,
            { cause: error },
          );
        },
      );
      bundles.set(source.bundleUrl, bundle);
      bundle.catch(() => bundles.delete(source.bundleUrl));
    }
    return bundle;
  };

  return {
    /** The implementation of one widget, from its plugin's bundle (fetched once). */
    async load(source: WidgetSource): Promise<WidgetImplementation> {
      const bundle = await loadBundle(source);
      const implementation = bundle.widgets[source.id];
      if (typeof implementation?.mount !== 'function') {
        const offered = Object.keys(bundle.widgets).join(', ') || 'none';
        throw new WidgetLoadError(
          `The bundle of ${source.pluginId} has no widget '${source.id}' with a mount() function (it offers: ${offered}).`,
          source.pluginId,
        );
      }
      return implementation;
    },
    /** Starts fetching a bundle before any panel needs it. */
    preload(source: WidgetSource): void {
      loadBundle(source).catch(() => {});
    },
  };
}

export type WidgetRegistry = ReturnType<typeof createWidgetRegistry>;

/** The app's registry. */
export const widgetRegistry = createWidgetRegistry();
