import type { DashboardVariable, GridPos, JsonSchema, Panel, PanelQuery } from '@nautilus/sdk';
import { defaultValues } from '../schema-form/schema-fields.ts';
import { firstFreeSpot } from './grid-placement.ts';

/** What a new panel needs to know about a widget (a `widgets.list` entry). */
export interface WidgetEntry {
  type: string;
  name: string;
  pluginVersion: string;
  accepts: readonly string[];
  defaultSize: { w: number; h: number };
  optionsSchema: JsonSchema;
}

/** What a new panel needs to know about a data source (a `dataSources.list` entry). */
export interface DataSourceEntry {
  ref: string;
  frames: readonly string[];
  querySchema: JsonSchema;
}

/** The data source a new panel gets when several fit: the built-in simulated bars work offline. */
export const PREFERRED_DATA_SOURCE = 'nautilus.sim-market/bars';

/** Core's built-in source of backtest and deployment results, which the strategy widgets draw. */
export const STRATEGY_RESULTS_DATA_SOURCE = 'nautilus.core/strategy-results';

/** The source a widget prefers: strategy results for a `…/strategy-*` widget, the simulated bars otherwise. */
export function preferredDataSource(widgetType: string | undefined): string {
  const localId = widgetType?.slice(widgetType.lastIndexOf('/') + 1) ?? '';
  return localId.startsWith('strategy-') ? STRATEGY_RESULTS_DATA_SOURCE : PREFERRED_DATA_SOURCE;
}

/** Data sources returning at least one frame kind the widget draws, the preferred one first. */
export function compatibleDataSources<T extends DataSourceEntry>(
  accepts: readonly string[],
  dataSources: readonly T[],
  preferred: string = PREFERRED_DATA_SOURCE,
): T[] {
  const fits = dataSources.filter((source) => source.frames.some((kind) => accepts.includes(kind)));
  return fits.sort((a, b) => Number(b.ref === preferred) - Number(a.ref === preferred));
}

/**
 * Params a new query starts with: the schema's defaults, and for an instrument field the dashboard's
 * `$symbol` (or first instrument variable) so the panel follows the dashboard's picker.
 */
export function defaultParams(querySchema: JsonSchema, variables: readonly DashboardVariable[]): Record<string, unknown> {
  const params = defaultValues(querySchema);
  const instrumentVariable =
    variables.find((variable) => variable.name === 'symbol') ?? variables.find((variable) => variable.type === 'instrument');
  for (const [name, property] of Object.entries(querySchema.properties ?? {})) {
    if (property['x-widget'] === 'instrument' && instrumentVariable) params[name] = `$${instrumentVariable.name}`;
  }
  return params;
}

/** The query a new panel of this widget starts with; undefined for a widget that takes no data. */
export function defaultQuery(
  widget: Pick<WidgetEntry, 'accepts'> & { type?: string },
  dataSources: readonly DataSourceEntry[],
  variables: readonly DashboardVariable[],
): PanelQuery | undefined {
  if (widget.accepts.length === 0) return undefined;
  const source = compatibleDataSources(widget.accepts, dataSources, preferredDataSource(widget.type))[0];
  if (!source) return undefined;
  const params = defaultParams(source.querySchema, variables);
  // A table-only widget on strategy results shows the trades, not the equity curve.
  if (source.ref === STRATEGY_RESULTS_DATA_SOURCE && !widget.accepts.includes('timeseries')) params.view = 'trades';
  return { dataSource: source.ref, params };
}

/**
 * A panel id that is not taken yet.
 * @example newPanelId(['p-1a2b3c']) // 'p-k9x2m1' (random)
 */
export function newPanelId(taken: Iterable<string>, random: () => number = Math.random): string {
  const used = new Set(taken);
  for (;;) {
    const id = `p-${Math.floor(random() * 36 ** 6)
      .toString(36)
      .padStart(6, '0')}`;
    if (!used.has(id)) return id;
  }
}

/**
 * A new panel of `widget`: titled after it, with its default options and a default query, at `gridPos`
 * or else the first free place of the widget's default size.
 */
export function createPanel(
  widget: WidgetEntry,
  context: { panels: readonly Panel[]; variables: readonly DashboardVariable[]; dataSources: readonly DataSourceEntry[] },
  placement: { id?: string; gridPos?: GridPos } = {},
): Panel {
  const { w, h } = widget.defaultSize;
  const panel: Panel = {
    id: placement.id ?? newPanelId(context.panels.map((existing) => existing.id)),
    type: widget.type,
    pluginVersion: widget.pluginVersion,
    title: widget.name,
    gridPos:
      placement.gridPos ??
      firstFreeSpot(
        context.panels.map((existing) => existing.gridPos),
        w,
        h,
      ),
    options: defaultValues(widget.optionsSchema),
  };
  const query = defaultQuery(widget, context.dataSources, context.variables);
  if (query) panel.query = query;
  return panel;
}

/**
 * Params after switching a query to another data source: the new source's defaults, keeping each
 * value the user chose that the new source also takes.
 */
export function paramsForDataSource(
  querySchema: JsonSchema,
  previous: Record<string, unknown>,
  variables: readonly DashboardVariable[],
): Record<string, unknown> {
  const params = defaultParams(querySchema, variables);
  for (const [name, property] of Object.entries(querySchema.properties ?? {})) {
    const value = previous[name];
    if (value === undefined) continue;
    const isReference = typeof value === 'string' && value.startsWith('$');
    if (!property.enum || isReference || property.enum.includes(value as never)) params[name] = value;
  }
  return params;
}
