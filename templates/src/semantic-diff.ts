import type { DashboardDocument, Panel } from '@nautilus/sdk';
import { configure } from 'safe-stable-stringify';
import { joinFieldPath } from './field-path.ts';

const canonical = configure({ deterministic: true, bigint: false });
const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/** One changed value, `path` relative to the panel (`query.params.symbol`, `options.smaEnabled`) or the dashboard. */
export interface ValueChange {
  path: string;
  before: unknown;
  after: unknown;
}

export interface PanelRef {
  id: string;
  title: string;
}

export interface PanelChange extends PanelRef {
  /** What kind of change, for a summary: the widget, its query, its options, its title or its place on the grid. */
  kinds: ('type' | 'query' | 'options' | 'title' | 'layout')[];
  changes: ValueChange[];
}

/** What replacing one dashboard document with another changes, in a trader's terms. */
export interface DashboardDiff {
  added: PanelRef[];
  removed: PanelRef[];
  changed: PanelChange[];
  /** Title, description, tags, variables, time range, refresh. */
  dashboard: ValueChange[];
  /** Nothing at all would change. */
  identical: boolean;
}

/**
 * The semantic difference between two dashboards: panels added, removed and changed (matched by id,
 * then by title), each change by field (a query's data source and each param, each option, the
 * widget, title and layout), and the dashboard's own fields.
 * @example diffDashboards(current.document, imported).changed[0] // { title: 'Price', kinds: ['query'], changes: [...] }
 */
export function diffDashboards(before: DashboardDocument, after: DashboardDocument): DashboardDiff {
  const pairs = matchPanels(before.panels, after.panels);
  const matchedBefore = new Set(pairs.map(([old]) => old));
  const matchedAfter = new Set(pairs.map(([, next]) => next));
  const changed: PanelChange[] = [];
  for (const [old, next] of pairs) {
    const change = diffPanel(old, next);
    if (change.changes.length > 0) changed.push(change);
  }
  const dashboard: ValueChange[] = [];
  for (const key of ['title', 'description', 'tags', 'variables', 'timeRange', 'refresh'] as const) {
    if (key === 'variables') {
      dashboard.push(...diffVariables(before.variables, after.variables));
    } else if (!same(before[key], after[key])) {
      dashboard.push({ path: key, before: before[key], after: after[key] });
    }
  }
  const added = after.panels.filter((panel) => !matchedAfter.has(panel)).map(ref);
  const removed = before.panels.filter((panel) => !matchedBefore.has(panel)).map(ref);
  return {
    added,
    removed,
    changed,
    dashboard,
    identical: added.length === 0 && removed.length === 0 && changed.length === 0 && dashboard.length === 0,
  };
}

const ref = (panel: Panel): PanelRef => ({ id: panel.id, title: panel.title || panel.id });

/** Pairs by id first; what is left is paired by equal title (a panel re-created under a new id). */
function matchPanels(before: readonly Panel[], after: readonly Panel[]): [Panel, Panel][] {
  const pairs: [Panel, Panel][] = [];
  const byId = new Map(after.map((panel) => [panel.id, panel]));
  const left: Panel[] = [];
  const taken = new Set<Panel>();
  for (const panel of before) {
    const match = byId.get(panel.id);
    if (match) {
      pairs.push([panel, match]);
      taken.add(match);
    } else left.push(panel);
  }
  for (const panel of left) {
    const match = after.find((candidate) => !taken.has(candidate) && candidate.title !== '' && candidate.title === panel.title);
    if (match) {
      pairs.push([panel, match]);
      taken.add(match);
    }
  }
  return pairs;
}

function diffPanel(before: Panel, after: Panel): PanelChange {
  const changes: ValueChange[] = [];
  const kinds = new Set<PanelChange['kinds'][number]>();
  const note = (kind: PanelChange['kinds'][number], path: string, old: unknown, next: unknown) => {
    if (same(old, next)) return;
    kinds.add(kind);
    changes.push({ path, before: old, after: next });
  };
  note('type', 'type', before.type, after.type);
  note('title', 'title', before.title, after.title);
  note('layout', 'gridPos', before.gridPos, after.gridPos);
  if (!before.query || !after.query) {
    note('query', 'query', before.query ?? null, after.query ?? null);
  } else {
    note('query', 'query.dataSource', before.query.dataSource, after.query.dataSource);
    diffRecords('query', 'query.params', before.query.params, after.query.params, note);
  }
  diffRecords('options', 'options', before.options, after.options, note);
  return { ...ref(after), kinds: [...kinds], changes };
}

function diffRecords(
  kind: 'query' | 'options',
  parent: string,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  note: (kind: 'query' | 'options', path: string, old: unknown, next: unknown) => void,
): void {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  for (const key of keys) note(kind, joinFieldPath(parent, key), before[key], after[key]);
}

function diffVariables(before: DashboardDocument['variables'], after: DashboardDocument['variables']): ValueChange[] {
  const changes: ValueChange[] = [];
  const next = new Map(after.map((variable) => [variable.name, variable]));
  for (const variable of before) {
    const match = next.get(variable.name);
    if (!same(variable, match))
      changes.push({ path: joinFieldPath('variables', variable.name), before: variable, after: match ?? null });
  }
  const old = new Set(before.map((variable) => variable.name));
  for (const variable of after) {
    if (!old.has(variable.name)) changes.push({ path: joinFieldPath('variables', variable.name), before: null, after: variable });
  }
  return changes;
}
