/** The dashboard document: what a dashboard is, stored as JSON and shared as a template. */

export const DASHBOARD_SCHEMA_VERSION = 1;
export const GRID_COLUMNS = 24;
export const REFRESH_INTERVALS = ['off', '5s', '30s', '1m', '5m'] as const;
export type RefreshInterval = (typeof REFRESH_INTERVALS)[number];

export interface DashboardVariable {
  /** Referenced as `$name` or `${name}` in panel query params. */
  name: string;
  label?: string;
  /** `instrument` renders an instrument picker, `custom` a list of `options`, `text` a free field. */
  type: 'instrument' | 'custom' | 'text';
  options?: string[];
  default: string;
}

/** Position on the 24-column grid, in grid cells; `x + w` never exceeds 24. */
export interface GridPos {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface PanelQuery {
  /** `<pluginId>/<dataSourceId>`, e.g. `nautilus.sim-market/bars`. */
  dataSource: string;
  params: Record<string, unknown>;
}

/**
 * An indicator computed over the panel's OHLCV frame (see `INDICATOR_CATALOGUE`): the builder adds
 * its outputs as a timeseries frame whose series say whether they overlay the price or take a pane.
 * Optional and additive, so documents without it are unchanged and need no migration.
 */
export interface PanelTransform {
  /** Catalogue id, e.g. `rsi`. */
  indicator: string;
  /** Params by name; missing ones take the catalogue's defaults. */
  params?: Record<string, number>;
}

export interface Panel {
  id: string;
  /** `<pluginId>/<widgetId>`, e.g. `nautilus.widgets-core/candlestick`. */
  type: string;
  /** Version of the widget's plugin that last saved `options`, for per-panel migrations. */
  pluginVersion: string;
  title: string;
  gridPos: GridPos;
  query?: PanelQuery;
  /** Indicators over the query's OHLCV frame, drawn by the widget as overlays or panes. */
  transforms?: PanelTransform[];
  options: Record<string, unknown>;
}

/** Relative (`now-7d`, `now`) or absolute (ISO 8601) times. */
export interface TimeRange {
  from: string;
  to: string;
}

/**
 * Which template a dashboard was created from (`@nautilus/templates`), so importing a newer version of
 * that template can offer to replace it and show what changes. Optional and additive: documents
 * without it are unchanged, and nothing else reads it.
 */
export interface DashboardTemplateRef {
  /** The template's kebab-case id. */
  id: string;
  /** The template's semver version when it was imported. */
  version: string;
}

export interface DashboardDocument {
  schemaVersion: typeof DASHBOARD_SCHEMA_VERSION;
  title: string;
  description?: string;
  template?: DashboardTemplateRef;
  tags: string[];
  variables: DashboardVariable[];
  timeRange: TimeRange;
  refresh: RefreshInterval;
  panels: Panel[];
}

/** A new, empty dashboard document. */
export function emptyDashboard(title: string): DashboardDocument {
  return {
    schemaVersion: DASHBOARD_SCHEMA_VERSION,
    title,
    tags: [],
    variables: [],
    timeRange: { from: 'now-30d', to: 'now' },
    refresh: 'off',
    panels: [],
  };
}
