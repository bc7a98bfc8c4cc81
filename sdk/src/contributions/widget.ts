/// <reference lib="dom" />
// Widgets run in the browser: their types name DOM elements wherever the sdk is type-checked.
import type { Frame, FrameKind } from '../frames.ts';
import type { JsonSchema } from '../json-schema.ts';

/** What a widget declares in its plugin's manifest; the builder lists it in the palette. */
export interface WidgetDescriptor {
  /** Local id within the plugin; a panel's `type` is `<pluginId>/<id>`. */
  id: string;
  name: string;
  description?: string;
  /** Frame kinds the widget can draw. An empty list means it needs no data (e.g. text). */
  accepts: FrameKind[];
  /** Grid cells on the 24-column canvas when dropped. */
  defaultSize: { w: number; h: number };
  /** JSON Schema of the panel's `options`, with defaults; the builder generates the settings form from it. */
  optionsSchema: JsonSchema;
  /**
   * Path, relative to the plugin package, of the browser ES module whose default export is
   * `defineWidgets({ … })`. The server serves the files of that module's folder to logged-in users.
   */
  bundle: string;
}

/** What the builder hands a widget each time it draws. */
export interface WidgetProps<O = Record<string, unknown>> {
  /** The panel's query result; `[]` for widgets that take no data. */
  frames: Frame[];
  /** The panel's options, with the schema's defaults filled in. */
  options: O;
  width: number;
  height: number;
  theme: 'dark' | 'light';
  /** The dashboard's resolved time range, epoch milliseconds. */
  timeRange: { from: number; to: number };
}

/** One mounted widget in one panel. */
export interface WidgetInstance<O = Record<string, unknown>> {
  /** New data, options, theme or size. May resolve once the new state is drawn. */
  update(props: WidgetProps<O>): void | Promise<void>;
  resize(width: number, height: number): void;
  destroy(): void;
}

/**
 * A widget's browser side: `mount` draws into an empty element the builder owns and returns the
 * instance. The builder shows anything a widget throws inside that widget's own panel; the rest of
 * the dashboard keeps working.
 */
export interface WidgetImplementation<O = Record<string, unknown>> {
  mount(element: HTMLElement, props: WidgetProps<O>): WidgetInstance<O> | Promise<WidgetInstance<O>>;
}

/** The default export of a widget bundle: one implementation per widget id its manifest declares. */
export interface WidgetBundle {
  widgets: Record<string, WidgetImplementation<any>>;
}

/**
 * Declares a plugin's widget bundle. Export the result as the bundle's default export.
 * @example export default defineWidgets({ widgets: { clock: { mount(el) { … return { update() {}, resize() {}, destroy() {} }; } } } });
 */
export function defineWidgets(bundle: WidgetBundle): WidgetBundle {
  return bundle;
}
