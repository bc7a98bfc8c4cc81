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
  /** JSON Schema of the panel's `options`; the builder generates the settings form from it. */
  optionsSchema: JsonSchema;
  /** Path, relative to the plugin package, of the ES module bundle the browser loads. */
  bundle?: string;
}

/** What the builder hands a mounted widget. */
export interface WidgetProps<O = Record<string, unknown>> {
  frames: Frame[];
  options: O;
  width: number;
  height: number;
  theme: 'dark' | 'light';
}

/**
 * The browser-side lifecycle a widget bundle exports per widget id. The builder calls `mount` once,
 * `update` when data or options change, `resize` on layout changes and `destroy` on removal; a throw
 * from any of them is shown inside the widget's own panel.
 */
export interface WidgetImplementation<O = Record<string, unknown>> {
  mount(element: HTMLElementLike, props: WidgetProps<O>): void | Promise<void>;
  update(props: WidgetProps<O>): void;
  resize(width: number, height: number): void;
  destroy(): void;
}

/** The sdk has no DOM types; a widget receives a real HTMLElement. */
export interface HTMLElementLike {
  appendChild(node: unknown): unknown;
}
